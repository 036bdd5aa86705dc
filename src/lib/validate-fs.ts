/** Reads the postmortem files from disk for the validator; the checks themselves are in validate.ts. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isPostmortemFile } from './postmortem-file.ts';
import { validatePostmortems, type PostmortemFile, type ValidationResult } from './validate.ts';

/**
 * Every postmortem file under `dir` (relative to `root`, or absolute; recursively), with paths
 * relative to `root`, sorted.
 */
export async function readPostmortemFiles(root: string, dir: string): Promise<PostmortemFile[]> {
  const absolute = resolve(root, dir);
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && isPostmortemFile(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  return Promise.all(paths.map(async (file) => ({ file, source: await readFile(join(root, file), 'utf8') })));
}

export async function validateDirectory(root: string, dir: string): Promise<ValidationResult> {
  return validatePostmortems(await readPostmortemFiles(root, dir));
}
