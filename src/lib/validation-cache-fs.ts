/**
 * Where the results of the per-file checks are kept between builds (`validation-cache.ts`), and the
 * digest of the code that made them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonFile } from './json-file-fs.ts';
import { PackReader, PackWriter } from './pack-file.ts';
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

/** Where each kept entry is, as the index holds it: which pack, from which byte, how many bytes. */
type Location = readonly [pack: string, offset: number, length: number];

const INDEX = 'index.json';

/**
 * The entries of a `ValidationCache` in `dir`: the entries a sync writes go one after the other
 * into one pack of that sync's (`pack-file.ts`: a file per entry would cost far more than its
 * bytes), and `index.json` says where each file's entry is. An edit writes a small pack and the
 * index again; a pack is removed once the index points into it no more.
 *
 * Nothing written counts until `save`, which writes the index whole or not at all (to a file of its
 * own, then renamed): a sync stopped half-way leaves the last index, and the packs it points into.
 * An index or a pack that cannot be read is as good as none: the files are checked again.
 */
export function validationStore(dir: string): ValidationStore {
  let index: Map<string, Location> | undefined;
  const writer = new PackWriter(dir, '.pack');
  const reader = new PackReader(dir);
  let wrote = false;
  const loaded = (): Map<string, Location> => {
    if (index) return index;
    index = new Map();
    try {
      const parsed = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as { entries?: Record<string, unknown> };
      for (const [file, location] of Object.entries(parsed.entries ?? {})) {
        if (isLocation(location)) index.set(file, location);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    }
    return index;
  };
  return {
    read(file) {
      const location = loaded().get(file);
      return location && reader.read({ pack: location[0], offset: location[1], length: location[2] });
    },
    write(file, entry) {
      const { pack, offset, length } = writer.append(entry);
      loaded().set(file, [pack, offset, length]);
      wrote = true;
    },
    save(files) {
      const entries = loaded();
      writer.close();
      reader.close();
      let dropped = false;
      for (const file of entries.keys()) {
        if (!files.has(file)) dropped = entries.delete(file) || dropped;
      }
      if (!wrote && !dropped) return;
      wrote = false;
      writeJsonFile(join(dir, INDEX), { entries: Object.fromEntries(entries) });
      // The packs the index points into no more, and anything else that is not the index.
      const live = new Set([INDEX, ...[...entries.values()].map(([pack]) => pack)]);
      for (const name of readdirSync(dir))
        if (!live.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
    },
  };
}

function isLocation(value: unknown): value is Location {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    Number.isSafeInteger(value[1]) &&
    Number.isSafeInteger(value[2])
  );
}
