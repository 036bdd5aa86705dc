/**
 * Rendered postmortem bodies, kept in files of their own next to Astro's content store rather than
 * inside it. Astro's store holds every entry three times over in a build: written out as JSON, that
 * JSON inlined into a module the bundler reads and writes (`JSON.parse("…")`), and the live
 * objects the pages get. At 10,000 postmortems the bodies and their HTML were most of its 205 MB,
 * so the build's bundling stage and its peak memory were mostly copies of them
 * (docs/PERFORMANCE.md, fifth round).
 *
 * The postmortem loader hands Astro's glob loader a store (`storeWithBodiesOutside`) whose `set`
 * writes an entry's rendered HTML here and stores the entry with an empty `html`, the place of its
 * body (`BodyLocation`) and the digest of its HTML in its metadata, and without the parsed
 * frontmatter Astro copies into its metadata (the entry's `data` has it). The glob loader is told
 * not to keep the Markdown source either (`retainBody`). A page reads its body back with `read`,
 * and gives Astro's `render()` the entry with it, so images and headings are handled by Astro as
 * before.
 *
 * The bodies a sync renders go one after the other into one file, a pack, rather than a file each:
 * creating a file costs far more than writing to one (about 0.5 ms of system time each on the
 * benchmark machine, right after a build has deleted thousands: docs/PERFORMANCE.md, seventh
 * round), and a cold build renders every body. A later sync that renders some bodies again (an
 * edit) writes them to a pack of its own; the older pack stays while a stored entry still points
 * into it, and is removed once none does (`prune`). The loader renders again any stored entry whose
 * body cannot be read back (`missingBodies`).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { textDigest } from '../lib/page-key.ts';

type DataEntry = NonNullable<ReturnType<DataStore['get']>>;

/** Where a body is: which pack in the folder, from which byte, and how many bytes. */
export interface BodyLocation {
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
}

const SUFFIX = '.bodies';

export class RenderedBodies {
  /** An absolute path, made when the first body is written. */
  readonly dir: string;
  /** The pack this sync writes to, opened at its first body. */
  #writing: { pack: string; fd: number; offset: number } | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Appends a body to this sync's pack; returns where it is. */
  write(html: string): BodyLocation {
    if (!this.#writing) {
      mkdirSync(this.dir, { recursive: true });
      // Unique to this sync: another process's pack, or an earlier one's, is never written to.
      const pack = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}${SUFFIX}`;
      this.#writing = { pack, fd: openSync(join(this.dir, pack), 'wx'), offset: 0 };
    }
    const writing = this.#writing;
    const bytes = Buffer.from(html, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += writeSync(writing.fd, bytes, written, bytes.length - written, writing.offset + written);
    }
    const location = { pack: writing.pack, offset: writing.offset, length: bytes.length };
    writing.offset += bytes.length;
    return location;
  }

  /** Closes this sync's pack; a later body goes to a new one. */
  finish(): void {
    if (this.#writing) closeSync(this.#writing.fd);
    this.#writing = undefined;
  }

  /** Whether the body at `location` can be read back: its pack is there, and long enough. */
  has(location: BodyLocation | undefined): boolean {
    if (!location) return false;
    try {
      return statSync(join(this.dir, location.pack)).size >= location.offset + location.length;
    } catch {
      return false;
    }
  }

  /** The rendered HTML of postmortem `id`, from where its entry says; a clear error when it is not there. */
  read(id: string, location: BodyLocation | undefined): string {
    const file = location ? join(this.dir, location.pack) : this.dir;
    const missing = (detail: string, cause?: unknown) =>
      new Error(
        `The rendered body of postmortem "${id}" is missing: ${detail}, written when the content was ` +
          'synced. Its rendering may have failed (see the errors above); if not, delete the cache ' +
          'folder and build again.',
        { cause },
      );
    if (!location) throw missing(`its entry in the content store does not say where it is in ${this.dir}`);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw missing(`expected ${file}`, error);
    }
    try {
      const bytes = Buffer.alloc(location.length);
      let read = 0;
      while (read < location.length) {
        const got = readSync(fd, bytes, read, location.length - read, location.offset + read);
        if (got === 0) throw missing(`${file} ends before byte ${location.offset + location.length}`);
        read += got;
      }
      return bytes.toString('utf8');
    } finally {
      closeSync(fd);
    }
  }

  /** Removes every pack none of `live` is in (and anything else in the folder); returns how many files went. */
  prune(live: Iterable<BodyLocation | undefined>): number {
    if (!existsSync(this.dir)) return 0;
    const keep = new Set<string>();
    for (const location of live) if (location) keep.add(location.pack);
    if (this.#writing) keep.add(this.#writing.pack);
    const stale = readdirSync(this.dir).filter((name) => !keep.has(name));
    for (const name of stale) rmSync(join(this.dir, name), { recursive: true, force: true });
    return stale.length;
  }
}

/** Where a stored entry's body is, as `withBodyOutside` put it in the entry's metadata. */
export function bodyLocation(entry: Pick<DataEntry, 'rendered'>): BodyLocation | undefined {
  const location = entry.rendered?.metadata?.['body'];
  if (typeof location !== 'object' || location === null) return undefined;
  const { pack, offset, length } = location as Record<string, unknown>;
  if (typeof pack !== 'string' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) return undefined;
  return { pack, offset: offset as number, length: length as number };
}

/**
 * The stored entries that should have a body here but whose body cannot be read back (the cache
 * folder was cleared in part, or a sync stopped half-way): the loader deletes them from the store
 * so that they are rendered again.
 */
export function missingBodies(store: DataStore, bodies: RenderedBodies): string[] {
  return store
    .values()
    .filter((entry) => entry.rendered !== undefined && !bodies.has(bodyLocation(entry)))
    .map((entry) => entry.id);
}

/** `entry` as the store keeps it: its HTML written to `bodies`, the store's copy left empty. */
export function withBodyOutside(entry: DataEntry, bodies: RenderedBodies): DataEntry {
  const { rendered } = entry;
  // Astro could not render it (and has said why).
  if (!rendered) return entry;
  const body = bodies.write(rendered.html);
  // The digest of the HTML stays in the store, for the page's key (src/data/page-keys.ts): the page
  // can tell its body changed without reading it.
  const metadata: NonNullable<typeof rendered.metadata> = {
    ...rendered.metadata,
    bodyDigest: textDigest(rendered.html),
    body,
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
    delete: (key) => store.delete(key),
    clear: () => store.clear(),
    has: (key) => store.has(key),
    addModuleImport: (fileName) => store.addModuleImport(fileName),
  };
}
