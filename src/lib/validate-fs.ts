/** Reads the postmortem files from disk for the validator; the checks themselves are in validate.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeUtf8 } from './encoding.ts';
import { isPostmortemFile } from './postmortem-file.ts';
import { validatePostmortems, type PostmortemFile, type ValidationResult } from './validate.ts';

/**
 * A path as the validator names files: relative to `root`, with forward slashes. `path` may be
 * absolute or relative to `root`; a content folder outside the project gives `../` paths.
 */
export function projectPath(root: string, path: string): string {
  return relative(root, resolve(root, path)).split(sep).join('/');
}

/**
 * Every postmortem file under `dir` (relative to `root`, or absolute; recursively), with paths
 * relative to `root`, sorted.
 *
 * The files are read one after another, synchronously: a file read through the promise API is
 * four trips through libuv's thread pool (open, stat, read, close), each with its callback on the
 * main thread, and 10,000 of them at once took 0.4 to 0.5 s of wall time and 0.6 to 0.7 s of CPU
 * time, where reading them in turn takes 0.12 to 0.18 s (docs/PERFORMANCE.md, sixteenth round).
 */
export async function readPostmortemFiles(root: string, dir: string): Promise<PostmortemFile[]> {
  const absolute = resolve(root, dir);
  const entries = readdirSync(absolute, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && isPostmortemFile(entry.name))
    .map((entry) => projectPath(root, join(entry.parentPath, entry.name)))
    .sort();
  return paths.map((file) => decodePostmortemFile(file, readFileSync(resolve(root, file))));
}

/**
 * One postmortem file (`file` relative to `root`), decoded strictly as UTF-8: a file that is not
 * UTF-8 comes back with `invalidUtf8` set, for the validator to report, instead of silently
 * turning its bad bytes into "�".
 */
export async function readPostmortemFile(root: string, file: string): Promise<PostmortemFile> {
  return decodePostmortemFile(file, await readFile(resolve(root, file)));
}

/** A postmortem file from its bytes, decoded strictly as UTF-8. */
export function decodePostmortemFile(file: string, bytes: Uint8Array): PostmortemFile {
  const { text, invalid } = decodeUtf8(bytes);
  return invalid ? { file, source: text, invalidUtf8: invalid } : { file, source: text };
}

export async function validateDirectory(root: string, dir: string): Promise<ValidationResult> {
  return validatePostmortems(await readPostmortemFiles(root, dir));
}
