/** Writes a generated set of postmortems to disk; the generation itself is in synthetic-postmortems.ts. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isPostmortemFile } from '../../src/lib/postmortem-file.ts';
import { generatePostmortems, type GenerateOptions } from './synthetic-postmortems.ts';

/** The folder of the real postmortems, which a generated set must never touch. */
export const realContentDir = 'content/postmortems';

/**
 * `--count` and `--seed` as the generator and the benchmark take them: a positive integer and an
 * integer. Anything else ends the script with what was received, the usage and exit code 2.
 */
export function readSetSize(values: { count?: string | undefined; seed: string }, usage: string): GenerateOptions {
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (Number.isInteger(count) && count >= 1 && Number.isInteger(seed)) return { count, seed };
  console.error(
    `--count "${values.count ?? ''}", --seed "${values.seed}": expected a positive integer and an integer.\n\n${usage}`,
  );
  process.exit(2);
}

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
  const files = generatePostmortems(options);
  // Written over the files of the same name, and only the others removed: deleting thousands of
  // files makes the file system slower to create them for a while after (docs/PERFORMANCE.md), and
  // the benchmark builds right after writing the set.
  await Promise.all(files.map((file) => writeFile(join(dir, file.name), file.source)));
  const kept = new Set(files.map((file) => file.name));
  await Promise.all(old.filter((name) => !kept.has(name)).map((name) => rm(join(dir, name))));
  return dir;
}
