/**
 * Where the results of the per-file checks are kept between builds (`validation-cache.ts`), and the
 * digest of the code that made them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidationStore } from './validation-cache.ts';

/**
 * The folders and files whose code decides whether a postmortem passes its checks and what it is
 * read as: the pure logic, the schemas, the vocabularies, and the lockfile (the versions of the YAML
 * parser, zod and the Markdown parser). Any change to one of them checks every file again.
 */
const CODE = ['src/lib', 'src/schemas', 'src/site.config.ts', 'package-lock.json'];

/** A digest of the checking code under `root` (see `CODE`). */
export function validatorCodeDigest(root: string, code: readonly string[] = CODE): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(`${path}/${name}`);
      return;
    }
    hash.update(`${path}\n`).update(readFileSync(full)).update('\n');
  };
  for (const path of code) visit(path);
  return hash.digest('hex');
}

/**
 * The entries of a `ValidationCache` as files in `dir`, one per postmortem file (its path encoded
 * as the name). An entry is written whole or not at all: a build stopped half-way leaves the old one.
 */
export function validationStore(dir: string): ValidationStore {
  let made = false;
  const entryOf = (file: string) => join(dir, `${encodeURIComponent(file)}.json`);
  return {
    read(file) {
      try {
        return readFileSync(entryOf(file), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write(file, entry) {
      if (!made) mkdirSync(dir, { recursive: true });
      made = true;
      const path = entryOf(file);
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, entry);
      renameSync(partial, path);
    },
    prune(files) {
      if (!existsSync(dir)) return;
      const keep = new Set([...files].map((file) => `${encodeURIComponent(file)}.json`));
      for (const name of readdirSync(dir)) if (!keep.has(name)) rmSync(join(dir, name), { force: true });
    },
  };
}
