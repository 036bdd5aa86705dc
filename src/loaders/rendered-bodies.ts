/**
 * Rendered postmortem bodies, kept in files of their own next to Astro's content store rather than
 * inside it. Astro's store holds every entry three times over in a build: written out as JSON, that
 * JSON inlined into a module the bundler reads and writes (`JSON.parse("…")`), and the live
 * objects the pages get. At 10,000 postmortems the bodies and their HTML were most of its 205 MB,
 * so the build's bundling stage and its peak memory were mostly copies of them
 * (docs/PERFORMANCE.md, fifth round).
 *
 * The postmortem loader hands Astro's glob loader a store (`storeWithBodiesOutside`) whose `set`
 * writes an entry's rendered HTML here, one file per postmortem, and stores the entry with an
 * empty `html` (and without the parsed frontmatter Astro copies into its metadata: the entry's
 * `data` has it). The glob loader is told not to keep the Markdown source either (`retainBody`).
 * A page reads its body back with `read`, and gives Astro's `render()` the entry with it, so
 * images and headings are handled by Astro as before.
 *
 * The files live in the cache folder, beside the store that refers to them, and are rewritten
 * whenever Astro re-renders an entry; the loader renders again any stored entry whose file has gone
 * (`missing`) and removes the files of postmortems that no longer exist (`prune`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { textDigest } from '../lib/page-key.ts';

type DataEntry = NonNullable<ReturnType<DataStore['get']>>;

const SUFFIX = '.html';

export class RenderedBodies {
  /** An absolute path, made when the first body is written. */
  readonly dir: string;
  #made = false;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file of a postmortem's body (ids may hold `/`, so they are encoded). */
  fileOf(id: string): string {
    return join(this.dir, `${encodeURIComponent(id)}${SUFFIX}`);
  }

  write(id: string, html: string): void {
    if (!this.#made) mkdirSync(this.dir, { recursive: true });
    this.#made = true;
    writeFileSync(this.fileOf(id), html);
  }

  has(id: string): boolean {
    return existsSync(this.fileOf(id));
  }

  /** The rendered HTML of a postmortem's body; a clear error when its file is not there. */
  read(id: string): string {
    const file = this.fileOf(id);
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new Error(
        `The rendered body of postmortem "${id}" is missing: expected ${file}, written when the ` +
          'content was synced. Its rendering may have failed (see the errors above); if not, delete ' +
          'the cache folder and build again.',
        { cause: error },
      );
    }
  }

  remove(id: string): void {
    rmSync(this.fileOf(id), { force: true });
  }

  /** Removes the file of every postmortem not among `ids`; returns how many went. */
  prune(ids: Iterable<string>): number {
    if (!existsSync(this.dir)) return 0;
    const keep = new Set([...ids].map((id) => `${encodeURIComponent(id)}${SUFFIX}`));
    const stale = readdirSync(this.dir).filter((name) => !keep.has(name));
    for (const name of stale) rmSync(join(this.dir, name), { force: true });
    return stale.length;
  }
}

/**
 * The stored entries that should have a body file here but do not (the cache folder was cleared in
 * part, or a sync stopped half-way): the loader deletes them from the store so that they are
 * rendered again.
 */
export function missingBodies(store: DataStore, bodies: RenderedBodies): string[] {
  return store
    .values()
    .filter((entry) => entry.rendered !== undefined && !bodies.has(entry.id))
    .map((entry) => entry.id);
}

/** `entry` as the store keeps it: its HTML written to `bodies`, the store's copy left empty. */
export function withBodyOutside(entry: DataEntry, bodies: RenderedBodies): DataEntry {
  const { rendered } = entry;
  if (!rendered) {
    // Astro could not render it (and has said why): no stale body of an earlier version stays.
    bodies.remove(entry.id);
    return entry;
  }
  bodies.write(entry.id, rendered.html);
  // The digest of the HTML stays in the store, for the page's key (src/data/page-keys.ts): the page
  // can tell its body changed without reading it.
  const metadata: NonNullable<typeof rendered.metadata> = {
    ...rendered.metadata,
    bodyDigest: textDigest(rendered.html),
  };
  delete metadata.frontmatter;
  return { ...entry, rendered: { html: '', metadata } };
}

/** A view of `store` that keeps every rendered body it is given in `bodies` (see the top of this file). */
export function storeWithBodiesOutside(store: DataStore, bodies: RenderedBodies): DataStore {
  return {
    get: (key) => store.get(key),
    entries: () => store.entries(),
    set: (entry) => store.set(withBodyOutside(entry as DataEntry, bodies)),
    values: () => store.values(),
    keys: () => store.keys(),
    delete: (key) => {
      store.delete(key);
      bodies.remove(key);
    },
    clear: () => store.clear(),
    has: (key) => store.has(key),
    addModuleImport: (fileName) => store.addModuleImport(fileName),
  };
}
