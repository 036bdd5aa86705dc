/** Reads the postmortem files from disk for the validator; the checks themselves are in validate.ts. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isPostmortemFile } from './postmortem-file.ts';
import { validatePostmortems, type PostmortemFile, type ValidationResult } from './validate.ts';

/** Every postmortem file under `dir` (recursively), with paths relative to `root`, sorted. */
export async function readPostmortemFiles(root: string, dir: string): Promise<PostmortemFile[]> {
  const absolute = join(root, dir);
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
