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
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { PackReader, PackWriter, type PackLocation } from '../lib/pack-file.ts';
import { textDigest } from '../lib/page-key.ts';

type DataEntry = NonNullable<ReturnType<DataStore['get']>>;

/** Where a body is: which pack in the folder, from which byte, and how many bytes. */
export type BodyLocation = PackLocation;

export class RenderedBodies {
  /** An absolute path, made when the first body is written. */
  readonly dir: string;
  /** This sync's pack, made at its first body. */
  readonly #writer: PackWriter;
  readonly #reader: PackReader;

  constructor(dir: string) {
    this.dir = dir;
    this.#writer = new PackWriter(dir, '.bodies');
    this.#reader = new PackReader(dir);
  }

  /** Appends a body to this sync's pack; returns where it is. */
  write(html: string): BodyLocation {
    return this.#writer.append(html);
  }

  /** Closes this sync's pack; a later body goes to a new one. */
  finish(): void {
    this.#writer.close();
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
    const html = location && this.#reader.read(location);
    if (html !== undefined) return html;
    const where = location
      ? `expected ${location.length} bytes from byte ${location.offset} of ${join(this.dir, location.pack)}`
      : `its entry in the content store does not say where it is in ${this.dir}`;
    throw new Error(
      `The rendered body of postmortem "${id}" is missing: ${where}, written when the content was ` +
        'synced. Its rendering may have failed (see the errors above); if not, delete the cache ' +
        'folder and build again.',
    );
  }

  /** Removes every pack none of `live` is in (and anything else in the folder); returns how many files went. */
  prune(live: Iterable<BodyLocation | undefined>): number {
    if (!existsSync(this.dir)) return 0;
    const keep = new Set<string>();
    for (const location of live) if (location) keep.add(location.pack);
    const writing = this.#writer.pack;
    if (writing) keep.add(writing);
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
