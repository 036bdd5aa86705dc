/** Writes a generated set of postmortems to disk; the generation itself is in synthetic-postmortems.ts. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isPostmortemFile } from '../../src/lib/postmortem-file.ts';
import { generatePostmortems, type GenerateOptions } from './synthetic-postmortems.ts';

/** The folder of the real postmortems, which a generated set must never touch. */
export const realContentDir = 'content/postmortems';

/**
 * Replaces the postmortem files in `out` (relative to `root`, or absolute) with a generated set and
 * returns the folder's absolute path. Other files in the folder are left alone.
 */
export async function writeGeneratedSet(options: GenerateOptions & { out: string; root?: string }): Promise<string> {
  const root = resolve(options.root ?? process.cwd());
  const dir = resolve(root, options.out);
  const fromReal = relative(resolve(root, realContentDir), dir);
  if (!fromReal.startsWith('..') || relative(dir, resolve(root, realContentDir)) === '') {
    throw new Error(
      `Refusing to write generated postmortems to ${dir}: it is (or is inside) ${realContentDir}/, the real ones.`,
    );
  }
  await mkdir(dir, { recursive: true });
  const old = (await readdir(dir)).filter(isPostmortemFile);
  await Promise.all(old.map((name) => rm(join(dir, name))));
  await Promise.all(generatePostmortems(options).map((file) => writeFile(join(dir, file.name), file.source)));
  return dir;
}
