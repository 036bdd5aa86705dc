/** Folders for the build-level tests, which build the site from content of their own. */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The project's root folder. */
export const ROOT = join(import.meta.dirname, '../..');

/**
 * A fresh folder for one test file's content and builds. It is inside the project (under the
 * ignored `.astro/`), because the content folder (`HINDSIGHT_CONTENT_DIR`) is project-relative.
 */
export function projectWorkFolder(prefix: string): string {
  mkdirSync(join(ROOT, '.astro'), { recursive: true });
  return mkdtempSync(join(ROOT, '.astro', prefix));
}

/** The files of a built site that two builds are compared on (pages, JSON, XML), sorted. */
export function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') || file.endsWith('.json') || file.endsWith('.xml'))
    .sort();
}
