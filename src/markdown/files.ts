/** Shared by the Markdown plugins: is the file being rendered a postmortem? */
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';

/** The rendered file's path with forward slashes, whether Astro gave a path or a file URL. */
export function filePath(file: VFile): string | undefined {
  const path: unknown = file.path ?? file.history[0];
  if (path === undefined) return undefined;
  const text = path instanceof URL ? fileURLToPath(path) : String(path);
  return (text.startsWith('file:') ? fileURLToPath(text) : text).replaceAll('\\', '/');
}

export function isInContentDir(file: VFile, contentDir: string): boolean {
  const path = filePath(file);
  const dir = contentDir.replace(/^\.?\/+|\/+$/g, '');
  return path !== undefined && path.includes(`/${dir}/`);
}
