/**
 * The small JSON files the build keeps in its cache folder beside its packs and parts (the index of
 * kept checks, the mark of a whole output, the search index's page digests and listed ids), each
 * written whole or not at all: a build stopped while writing one must not leave half a file that
 * the next build reads.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `value` as JSON to `file`: to a file beside it first, then renamed over it. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(value));
  renameSync(partial, file);
}

/** The JSON in `file`, or undefined when there is none or it cannot be read: a cache to do without. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
