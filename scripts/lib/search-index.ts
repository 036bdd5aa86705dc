/**
 * The Pagefind search index of a built site: `npm run build` runs it (scripts/search-index.ts) once
 * `astro build` has finished, so every build, and so `npm start` and `npm test`, has a working
 * `/search/`. Pagefind's command line indexes the built HTML in place and writes `pagefind/` next
 * to it; the search page loads it from there only when a reader searches. The command line rather
 * than its Node API: it writes the same files (compared byte for byte at 10,000 postmortems), 20 %
 * sooner (21 s against 26 s).
 *
 * It runs in a process of its own, after Astro's has exited, rather than in an `astro:build:done`
 * hook: Pagefind holds about 400 kB per page while it indexes (4 GB at 10,000 postmortems), and in
 * the hook that came on top of everything Astro's process still held (4.3 GB), doubling the build's
 * peak memory (docs/PERFORMANCE.md).
 *
 * A site of more than a thousand postmortems gets its index in parts (src/lib/search-shards.ts), one
 * Pagefind run each, over that part's pages, named in a glob (`searchShardGlob`): Pagefind's memory
 * grows with the pages of a run, and 10,000 postmortems in one run took 4 GB. Each part is checked
 * on its own. (A folder of links to the part's pages did the same at the cost of 2,000 files and
 * folders made and deleted for each part: about 0.45 s a part here.)
 *
 * Only postmortem pages are indexed (`POSTMORTEM_PAGES_GLOB`), and within them only what is marked
 * `data-pagefind-body` minus what is marked `data-pagefind-ignore`, so the header, the lists and the
 * global timeline never turn up as results; a draft's page (in a draft preview) has no
 * `data-pagefind-body`, so Pagefind leaves it out. Any error Pagefind reports fails the build, as
 * does an index that does not hold as many pages as the site lists postmortems in its
 * `postmortems.json` (the published and in-review ones): a search that quietly misses some is
 * worse than none.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as pagefind from 'pagefind';
import {
  assignSearchShards,
  POSTMORTEM_PAGES_GLOB,
  SEARCH_INDEX_FOLDER,
  searchShardCount,
  searchShardFolder,
  searchShardGlob,
} from '../../src/lib/search-shards.ts';
import { fileStamp } from '../../src/lib/file-stamp-fs.ts';
import { readJsonFile, writeJsonFile } from '../../src/lib/json-file-fs.ts';
import { site } from '../../src/site.config.ts';
import { linkTree } from './link-tree.ts';

/**
 * The folder the parts of the index are kept in between builds: beside Astro's own caches, in
 * `node_modules/.astro`, or in `HINDSIGHT_CACHE_DIR` (`site.cacheDir`, or `cacheDir` when given),
 * under `hindsight/search`.
 */
export function searchCacheDir(root: string, cacheDir = site.cacheDir): string {
  return join(resolve(root, cacheDir ?? 'node_modules/.astro'), 'hindsight', 'search');
}

export interface SearchIndexOptions {
  /** Where the index goes: `pagefind/` in the site, where the search page loads it from. */
  outputPath?: string;
  /** Postmortems per part of the index (src/lib/search-shards.ts). */
  shardSize?: number;
  /**
   * A folder to keep each part's index in, and to take it from again while the part's pages are
   * byte for byte the same (a warm build); unset, every part is indexed afresh.
   */
  cacheDir?: string | undefined;
}

/** Indexes the postmortem pages of the site built in `siteDir`; returns the page count. */
export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<number> {
  const { outputPath = join(siteDir, SEARCH_INDEX_FOLDER), shardSize = site.searchShardSize, cacheDir } = options;
  const ids = await listedPostmortems(siteDir, cacheDir);
  const listing = join(siteDir, 'postmortems.json');
  // The folder is the index's alone: no part of an earlier, larger index may stay in it.
  await rm(outputPath, { recursive: true, force: true });
  // With no page marked for the index, Pagefind would index every page it reads (a draft preview
  // with drafts only), and its command line fails on a site with no pages at all; the site still
  // needs an index for /search/ to answer "no results".
  if (ids.length === 0) return writeEmptyIndex(outputPath);
  const shards = assignSearchShards(ids, searchShardCount(ids.length, shardSize));
  const cache = cacheDir === undefined ? undefined : new PartCache(cacheDir, await pagefindVersion());
  const ahead = cache?.takeAhead() ?? new Map<string, AheadPart>();
  const keys = shards.map((shardIds) => (shardIds.length === 0 ? undefined : cache?.keyOf(siteDir, shardIds)));
  // The parts indexed ahead last, their Pagefind may still run while the others are put in place;
  // but the first part first, as its folder is the index's own and holds the others' folders.
  const aheadLast = (shard: number) => (shard > 0 && ahead.has(keys[shard] ?? '') ? 1 : 0);
  const order = [...shards.keys()].sort((a, b) => aheadLast(a) - aheadLast(b));
  // Pagefind runs in a folder of its own, where it finds its configuration: the glob of the pages
  // of each part, too long for a command line at a thousand postmortems.
  const configDir = await mkdtemp(join(tmpdir(), 'hindsight-search-'));
  try {
    for (const shard of order) {
      const shardIds = shards[shard] ?? [];
      const output = join(outputPath, searchShardFolder(shard));
      // Too few postmortems for every part to get one: the search page still loads each part.
      if (shardIds.length === 0) {
        await writeEmptyIndex(output);
        continue;
      }
      const key = keys[shard];
      if (key !== undefined && (await cache?.restore(key, output))) continue;
      const early = key === undefined ? undefined : ahead.get(key);
      if (key !== undefined && early !== undefined && cache !== undefined) {
        ahead.delete(key);
        if ((await cache.adoptAhead(early)) && (await cache.restore(key, output))) continue;
        await dropAhead(early);
      }
      await runPagefind(
        siteDir,
        output,
        shards.length === 1 ? POSTMORTEM_PAGES_GLOB : searchShardGlob(shardIds),
        configDir,
      );
      const expected =
        shards.length === 1
          ? `the ${ids.length} postmortems ${listing} lists`
          : `the ${shardIds.length} postmortems of part ${shard + 1} of ${shards.length} of those ${listing} lists`;
      await expectPages(output, shardIds.length, expected);
      if (key !== undefined) await cache?.store(key, output);
    }
    // Parts indexed ahead that no part of this index is: stopped, and gone with what they wrote.
    for (const early of ahead.values()) await dropAhead(early);
    ahead.clear();
    await cache?.prune();
  } finally {
    await rm(configDir, { recursive: true, force: true });
    for (const early of ahead.values()) await dropAhead(early);
  }
  return ids.length;
}

/** Options of `startIndexingAhead`. */
export interface IndexAheadOptions {
  /** The folder the parts are kept in (`searchCacheDir`), where `buildSearchIndex` looks for them. */
  cacheDir: string;
  /** Postmortems per part of the index (src/lib/search-shards.ts). */
  shardSize?: number;
  /** When the pages of more parts than this changed, none is indexed ahead. */
  maxParts?: number;
}

/** A part being indexed ahead, as `AHEAD` in the cache folder records it. */
interface AheadPart {
  /** The Pagefind process, which outlives the one that started it. */
  pid: number;
  /** The part's key (`PartCache.keyOf`) when Pagefind started: its pages as Pagefind reads them. */
  key: string;
  /** The postmortems of the part. */
  ids: string[];
  /** Where Pagefind writes the part, and the folder of its configuration: both in the cache folder. */
  folder: string;
  configDir: string;
}

/** The parts being indexed ahead, in the cache folder. */
const AHEAD = 'ahead.json';

/**
 * Starts indexing the parts of the index that hold the pages of `changed` postmortems, each in a
 * Pagefind process of its own that outlives Astro's, while Astro still writes the site's other
 * pages (src/search-ahead.ts), and records them in the cache folder; the `buildSearchIndex` that
 * follows the build takes each part from there, once its Pagefind has exited, when the part's
 * pages are still those Pagefind read (the part's key is the same), and indexes it itself
 * otherwise. Returns the parts started (their numbers from 0).
 *
 * The parts are those of the postmortems the last index was checked against (`listedPostmortems`'
 * list): a build whose export lists others makes other parts, under other keys, and the work is
 * only lost. Nothing starts for a part one of whose pages is gone (a postmortem this build
 * removes), or when more than `maxParts` parts changed.
 */
export async function startIndexingAhead(
  siteDir: string,
  changed: Iterable<string>,
  options: IndexAheadOptions,
): Promise<number[]> {
  const { cacheDir, shardSize = site.searchShardSize, maxParts = 1 } = options;
  const listed = readJsonFile(join(cacheDir, LISTED)) as { file?: unknown; ids?: unknown } | undefined;
  if (listed?.file !== join(siteDir, 'postmortems.json') || !Array.isArray(listed.ids)) return [];
  const ids = listed.ids as string[];
  const shards = assignSearchShards(ids, searchShardCount(ids.length, shardSize));
  const edited = new Set(changed);
  const parts = [...shards.keys()].filter((shard) => shards[shard]?.some((id) => edited.has(id)));
  if (parts.length === 0 || parts.length > maxParts) return [];
  const cache = new PartCache(cacheDir, await pagefindVersion());
  const command = await pagefindCommand();
  const started: number[] = [];
  const records: AheadPart[] = [];
  for (const shard of parts) {
    const shardIds = shards[shard] ?? [];
    if (!shardIds.every((id) => existsSync(pagePath(siteDir, id)))) continue;
    const key = cache.keyOf(siteDir, shardIds);
    if (cache.has(key)) continue;
    await mkdir(cacheDir, { recursive: true });
    const folder = await mkdtemp(join(cacheDir, '.ahead-'));
    const configDir = await mkdtemp(join(cacheDir, '.ahead-config-'));
    await writePagefindConfig(configDir, shards.length === 1 ? POSTMORTEM_PAGES_GLOB : searchShardGlob(shardIds));
    const child = spawn(process.execPath, [command, ...pagefindArguments(siteDir, folder)], {
      cwd: configDir,
      detached: true,
      stdio: 'ignore',
    });
    // A process that cannot start leaves the part to the index after the build.
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) continue;
    records.push({ pid: child.pid, key, ids: shardIds, folder, configDir });
    started.push(shard);
  }
  if (records.length > 0) writeJsonFile(join(cacheDir, AHEAD), records);
  return started;
}

/**
 * Stops the parts being indexed ahead (`startIndexingAhead`) and deletes what they wrote: the build
 * turned out to render other large pages as well (src/search-ahead.ts), and Pagefind's memory must
 * not come on top of theirs. The index step after the build indexes those parts itself. Returns
 * how many it stopped.
 */
export async function stopIndexingAhead(cacheDir: string): Promise<number> {
  const parts = takeAheadParts(cacheDir);
  for (const part of parts) await dropAhead(part);
  return parts.length;
}

/** The parts `startIndexingAhead` recorded in `cacheDir`, whose record is deleted. */
function takeAheadParts(cacheDir: string): AheadPart[] {
  const file = join(cacheDir, AHEAD);
  const records = readJsonFile(file);
  rmSync(file, { force: true });
  if (!Array.isArray(records)) return [];
  return records.filter(
    (record): record is AheadPart =>
      typeof record === 'object' &&
      record !== null &&
      Number.isInteger((record as AheadPart).pid) &&
      typeof (record as AheadPart).key === 'string' &&
      Array.isArray((record as AheadPart).ids) &&
      typeof (record as AheadPart).folder === 'string' &&
      typeof (record as AheadPart).configDir === 'string' &&
      dirname(resolve((record as AheadPart).folder)) === resolve(cacheDir) &&
      dirname(resolve((record as AheadPart).configDir)) === resolve(cacheDir),
  );
}

/**
 * Whether the Pagefind of a part indexed ahead is still running: its process, named in
 * `/proc/<pid>/cmdline` with the part's folder, so that a process id used again since is never
 * taken for it. Where there is no `/proc`, whether any process has that id.
 */
function running(part: AheadPart): boolean {
  if (existsSync('/proc/self/cmdline')) {
    try {
      return readFileSync(`/proc/${part.pid}/cmdline`, 'utf8').split('\0').includes(part.folder);
    } catch {
      return false;
    }
  }
  try {
    process.kill(part.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a part indexed ahead is waited for, at most, and how often to look. */
const AHEAD_WAIT_MS = 120_000;
const AHEAD_POLL_MS = 20;

/** Waits until the Pagefind of `part` has exited; false when it has not within `AHEAD_WAIT_MS`. */
async function exited(part: AheadPart): Promise<boolean> {
  const deadline = Date.now() + AHEAD_WAIT_MS;
  while (running(part)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, AHEAD_POLL_MS));
  }
  return true;
}

/** The digest of each page last hashed, with the stamp of the file it was read from (`PartCache`). */
const PAGE_DIGESTS = 'pages.json';

/**
 * Indexes of parts kept between builds, each in a folder named by a hash of what Pagefind makes it
 * from: Pagefind's version, and the id and page of each of the part's postmortems. A part whose
 * pages are all unchanged is put back from here rather than indexed again. Both ways the files are
 * hard links where they can be (`link-tree.ts`): a part is a thousand files and more.
 *
 * A page is read and hashed only when its file's stamp (src/lib/file-stamp-fs.ts) is not the one it
 * had when last hashed: a build that keeps its output folder leaves unchanged pages untouched, and
 * reading them all was most of a warm build's search index (400 MB of pages at 10,000 postmortems).
 */
class PartCache {
  readonly #dir: string;
  readonly #version: string;
  readonly #used = new Set<string>();
  /** Page file → [stamp, digest], as last hashed and as hashed now. */
  readonly #known: Map<string, [string, string]>;
  readonly #hashed = new Map<string, [string, string]>();

  constructor(dir: string, version: string) {
    this.#dir = dir;
    this.#version = version;
    this.#known = readPageDigests(join(dir, PAGE_DIGESTS));
  }

  keyOf(siteDir: string, ids: readonly string[]): string {
    const hash = createHash('sha256').update(
      `hindsight-search-part 2\0pagefind ${this.#version}\0${POSTMORTEM_PAGES_GLOB}\0`,
    );
    for (const id of ids) hash.update(`${id}\0${this.#digestOf(pagePath(siteDir, id))}\0`);
    const key = hash.digest('hex');
    this.#used.add(key);
    return key;
  }

  #digestOf(page: string): string {
    const stamp = fileStamp(page);
    const known = this.#known.get(page);
    // Read one after the other, synchronously: five times sooner here than awaiting each read.
    const digest =
      stamp !== undefined && known?.[0] === stamp
        ? known[1]
        : createHash('sha256').update(readFileSync(page)).digest('hex');
    if (stamp !== undefined) this.#hashed.set(page, [stamp, digest]);
    return digest;
  }

  /** Whether a part is kept under `key`. */
  has(key: string): boolean {
    return existsSync(join(this.#dir, key, 'pagefind-entry.json'));
  }

  /** Copies the part kept under `key` to `output`; false when there is none. */
  async restore(key: string, output: string): Promise<boolean> {
    if (!this.has(key)) return false;
    await linkTree(join(this.#dir, key), output);
    return true;
  }

  /** The parts being indexed ahead (`startIndexingAhead`), by key; their record is deleted. */
  takeAhead(): Map<string, AheadPart> {
    return new Map(takeAheadParts(this.#dir).map((part) => [part.key, part]));
  }

  /**
   * Keeps the part indexed ahead under its key, once its Pagefind has exited, when it holds as many
   * pages as the part has postmortems; false, with the reason said, when it does not. Its pages are
   * those Pagefind read: the caller found the part's key unchanged since Pagefind started.
   */
  async adoptAhead(part: AheadPart): Promise<boolean> {
    const done = await exited(part);
    const pages = done ? await indexedPages(part.folder).catch(() => undefined) : undefined;
    if (pages !== part.ids.length) {
      console.log(
        `search index: the part indexed ahead ${done ? `holds ${pages ?? 'no'} pages of ${part.ids.length}` : 'did not finish in time'}; indexing it now.`,
      );
      return false;
    }
    await rm(join(this.#dir, part.key), { recursive: true, force: true });
    await rename(part.folder, join(this.#dir, part.key));
    return true;
  }

  /** Keeps a copy of the part just indexed into `output`, written whole or not at all. */
  async store(key: string, output: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const partial = await mkdtemp(join(this.#dir, `.${key}-`));
    // The first part's folder is the index's: the other parts, written later, are not in it yet.
    await linkTree(output, partial);
    await rm(join(this.#dir, key), { recursive: true, force: true });
    await rename(partial, join(this.#dir, key));
  }

  /** Removes the parts this build did not use, and keeps the digests of the pages it hashed. */
  async prune(): Promise<void> {
    if (!existsSync(this.#dir)) return;
    for (const name of await readdir(this.#dir)) {
      if (!this.#used.has(name) && name !== PAGE_DIGESTS && name !== LISTED)
        await rm(join(this.#dir, name), { recursive: true, force: true });
    }
    writeJsonFile(join(this.#dir, PAGE_DIGESTS), Object.fromEntries(this.#hashed));
  }
}

/** The digests `PartCache` kept, or none when there are none or they cannot be read. */
function readPageDigests(file: string): Map<string, [string, string]> {
  const kept = readJsonFile(file);
  if (typeof kept !== 'object' || kept === null) return new Map();
  return new Map(
    Object.entries(kept as Record<string, unknown>).filter(
      (entry): entry is [string, [string, string]] => Array.isArray(entry[1]) && entry[1].length === 2,
    ),
  );
}

/**
 * Runs Pagefind's command line over the pages of `siteDir` that `glob` matches, writing to
 * `outputPath`. It runs in `configDir`, with the glob in a `pagefind.json` there: a glob naming a
 * thousand pages is longer than one argument of a command line may be (128 kB on Linux), and a
 * Pagefind configuration of the project's own is not read.
 */
async function runPagefind(siteDir: string, outputPath: string, glob: string, configDir: string): Promise<void> {
  await writePagefindConfig(configDir, glob);
  try {
    await promisify(execFile)(process.execPath, [await pagefindCommand(), ...pagefindArguments(siteDir, outputPath)], {
      cwd: configDir,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Pagefind could not index ${siteDir}:\n${`${stdout}${stderr}`.trim() || String(error)}`);
  }
}

/** The `pagefind.json` Pagefind finds in `configDir`, the folder it runs in: the glob of the pages. */
async function writePagefindConfig(configDir: string, glob: string): Promise<void> {
  await writeFile(join(configDir, 'pagefind.json'), JSON.stringify({ glob }));
}

/** Pagefind's command line arguments, to index the pages of `siteDir` into `outputPath`. */
function pagefindArguments(siteDir: string, outputPath: string): string[] {
  return ['--site', siteDir, '--output-path', outputPath, '--quiet'];
}

/** The page of the postmortem `id` in the built site. */
function pagePath(siteDir: string, id: string): string {
  return join(siteDir, 'postmortems', id, 'index.html');
}

/** Stops the Pagefind of a part indexed ahead that no part of the index is, and deletes its folders. */
async function dropAhead(part: AheadPart): Promise<void> {
  if (running(part) && existsSync('/proc/self/cmdline')) {
    try {
      // The whole group: the command line, and the Pagefind binary it runs.
      process.kill(-part.pid, 'SIGTERM');
    } catch {
      // Gone since.
    }
    await exited(part);
  }
  await rm(part.folder, { recursive: true, force: true });
  await rm(part.configDir, { recursive: true, force: true });
}

/**
 * Pagefind reads every page the glob matches but leaves out one with nothing marked for the index;
 * the index's own entry file counts the pages in it, which must be the postmortems it was given.
 */
async function expectPages(outputPath: string, count: number, what: string): Promise<void> {
  const indexed = await indexedPages(outputPath);
  if (indexed !== count) throw new Error(`Pagefind indexed ${indexed} pages for ${what}.`);
}

/** An index with no pages in it, made with Pagefind's Node API, which writes one where its command line stops. */
async function writeEmptyIndex(outputPath: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write an empty index:\n${written.errors.join('\n')}`);
    return 0;
  } finally {
    await pagefind.close();
  }
}

/** The `pagefind` command of the installed package: the script its package.json names as `bin`. */
async function pagefindCommand(): Promise<string> {
  return join(pagefindRoot(), (await pagefindPackage()).bin);
}

async function pagefindVersion(): Promise<string> {
  return (await pagefindPackage()).version;
}

async function pagefindPackage(): Promise<{ bin: string; version: string }> {
  return JSON.parse(await readFile(join(pagefindRoot(), 'package.json'), 'utf8')) as { bin: string; version: string };
}

/** The package exports only its Node API (lib/index.js); its folder is two levels up. */
function pagefindRoot(): string {
  return dirname(dirname(fileURLToPath(import.meta.resolve('pagefind'))));
}

/** The pages in the index written to `outputPath`, over all its languages. */
async function indexedPages(outputPath: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** The ids `listedPostmortems` read last, with the stamp of the export they were read from. */
const LISTED = 'listed.json';

/**
 * The ids of the postmortems the built site lists in its `postmortems.json` export. The export is
 * 86 MB at 10,000 postmortems (a third of a second to read and parse): with a `cacheDir`, the ids
 * are kept there with the export's stamp (src/lib/file-stamp-fs.ts), and read again only when the
 * export was written since.
 */
async function listedPostmortems(siteDir: string, cacheDir?: string): Promise<string[]> {
  const file = join(siteDir, 'postmortems.json');
  const stamp = fileStamp(file);
  const kept = cacheDir === undefined ? undefined : join(cacheDir, LISTED);
  if (kept !== undefined && stamp !== undefined) {
    const last = readJsonFile(kept) as { file?: unknown; stamp?: unknown; ids?: unknown } | undefined;
    if (last?.file === file && last.stamp === stamp && Array.isArray(last.ids)) return last.ids as string[];
  }
  const ids = await readListedPostmortems(file);
  if (kept !== undefined && stamp !== undefined) writeJsonFile(kept, { file, stamp, ids });
  return ids;
}

async function readListedPostmortems(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} is missing: the search index is checked against it. Build the site with npm run build.`);
  });
  const { postmortems } = JSON.parse(text) as { postmortems?: unknown };
  if (!Array.isArray(postmortems)) throw new Error(`${file} has no "postmortems" list.`);
  return postmortems.map((postmortem: unknown, index) => {
    const id = (postmortem as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '')
      throw new Error(
        `${file}: postmortems[${index}].id: received ${JSON.stringify(id)}; expected the postmortem's id.`,
      );
    return id;
  });
}
