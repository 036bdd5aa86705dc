/** Shared by the Markdown plugins: where the file being rendered is, and is it a postmortem? */
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';

/** A file path from what Astro passes as the file: a path, a `file:` URL, or a URL string. */
export function toPath(value: unknown): string | undefined {
  if (value instanceof URL) return fileURLToPath(value);
  if (typeof value !== 'string' || value === '') return undefined;
  return value.startsWith('file:') ? fileURLToPath(value) : value;
}

/** The rendered file's path with forward slashes. */
export function filePath(file: VFile): string | undefined {
  return toPath(file.path ?? file.history[0])?.replaceAll('\\', '/');
}

/**
 * Whether the rendered file is in the postmortems folder: `contentDir` is an absolute path, or a
 * path relative to the project that the file's path contains.
 */
export function isInContentDir(file: VFile, contentDir: string): boolean {
  const path = filePath(file);
  if (path === undefined) return false;
  if (isAbsolute(contentDir)) return path.startsWith(`${contentDir.replaceAll('\\', '/').replace(/\/+$/, '')}/`);
  const dir = contentDir.replace(/^\.?\/+|\/+$/g, '');
  return path.includes(`/${dir}/`);
}
