/**
 * The output folder between builds: kept as it is when it is known to be the last build's, set
 * aside when it is not.
 *
 * Astro empties `dist/` before it writes the pages, and a warm build then copies most of them back
 * from its cache. On ext4, creating a file right after thousands were deleted is slow: for some
 * 30 s the allocator steps over the inodes just freed, about 0.5 ms of system time per file against
 * 0.03 ms otherwise (seen in `perf` as `recently_deleted` and `find_inode_bit`). At 10,000
 * postmortems a warm build deleted 21,000 files and folders, then created 10,600 pages
 * (docs/PERFORMANCE.md, seventh and eighth rounds). Yet Astro copies a page only when it is not in
 * `dist/` already: a page left where the last build wrote it costs nothing.
 *
 * So Astro is told not to empty the folder (`vite.build.emptyOutDir: false`), and this integration
 * takes it over:
 *
 * - When a build completes, it lists every file of the output with its stamp (inode, size and
 *   times: src/lib/file-stamp-fs.ts), and keeps that list in the cache folder (`output.json`): the
 *   mark of a whole build.
 * - When a build starts, it deletes the mark, so that a build that fails or is stopped leaves none.
 *   If the mark was there, names this output folder, and the folder holds exactly the files it lists,
 *   unchanged (nothing was added, removed or written since), the folder is kept: Astro then skips
 *   every unchanged page and writes the others over theirs. Otherwise the folder is moved into the
 *   cache folder (faster than emptying it, above) and deleted at the end; one that cannot be moved
 *   (on another file system, a symbolic link, one holding `.git`) is emptied, `.git` kept, as Astro
 *   would.
 * - At the end of a kept build, each file it listed at the start that this build neither wrote nor
 *   counts among its pages is deleted (a page of a postmortem since removed, scripts of an earlier
 *   bundle), with the folders that leaves empty, so the output is what a build into an empty folder
 *   gives. `tests/build/incremental-build.test.ts` holds the two to the same bytes.
 *
 * The search index (`pagefind/`) is written after Astro's build, by scripts/search-index.ts: it is
 * left out of the list, and set aside as a build starts, so an index never outlives the build it was
 * made for. An output folder that holds the cache folder is left to Astro, as before.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { fileStamp } from './lib/file-stamp-fs.ts';
import { readJsonFile, writeJsonFile } from './lib/json-file-fs.ts';
import { SEARCH_INDEX_FOLDER } from './lib/search-shards.ts';

const PREFIX = 'previous-output-';
/** The mark of a whole build, in the parking folder (`<cacheDir>/hindsight/`). */
const MARK = 'output.json';
const MARK_VERSION = 1;
/** Top-level entries of the output that are not the build's: Git's, and the search index. */
const NOT_LISTED = new Set(['.git', SEARCH_INDEX_FOLDER]);

/** Each file of an output folder (relative, with `/`) and its stamp (`fileStamp`). */
export type OutputListing = Map<string, string>;

interface Mark {
  version: number;
  outDir: string;
  files: Record<string, string>;
}

/** What `prepareOutDir` did with the last output. */
export type Prepared =
  { kind: 'none' } | { kind: 'kept'; listing: OutputListing } | { kind: 'set aside'; to: string } | { kind: 'emptied' };

/** Every file of `outDir` but `.git/` and the search index, with its stamp. */
export function listOutput(outDir: string): OutputListing {
  const listing: OutputListing = new Map();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (prefix === '' && NOT_LISTED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(path, `${name}/`);
      else listing.set(name, fileStamp(path) ?? '');
    }
  };
  walk(outDir, '');
  return listing;
}

/** Where a build keeps its mark, given the parking folder. */
export function markFile(parkingDir: string): string {
  return join(parkingDir, MARK);
}

/** Reads and deletes the mark; returns what it listed for `outDir`, or undefined. */
function takeMark(parkingDir: string, outDir: string): OutputListing | undefined {
  const file = markFile(parkingDir);
  const mark = readJsonFile(file) as Mark | undefined;
  rmSync(file, { force: true });
  if (!mark || mark.version !== MARK_VERSION || mark.outDir !== outDir || typeof mark.files !== 'object')
    return undefined;
  return new Map(Object.entries(mark.files));
}

/** Writes the mark of a whole build of `outDir`. */
export function writeMark(parkingDir: string, outDir: string, listing: OutputListing): void {
  const mark: Mark = { version: MARK_VERSION, outDir, files: Object.fromEntries(listing) };
  writeJsonFile(markFile(parkingDir), mark);
}

function sameListing(a: OutputListing, b: OutputListing): boolean {
  if (a.size !== b.size) return false;
  for (const [name, stamp] of a) if (b.get(name) !== stamp) return false;
  return true;
}

/** Whether `dir` is `folder` or inside it. */
function isWithin(dir: string, folder: string): boolean {
  const path = relative(folder, dir);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Whether this integration may take over emptying `outDir`: not when it holds the cache folder. */
export function managesOutDir(outDir: string, parkingDir: string): boolean {
  return !isWithin(parkingDir, outDir);
}

/** A name in `parkingDir` for something set aside, deleted by `removeSetAside`. */
function parkingName(parkingDir: string): string {
  return join(parkingDir, `${PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * Moves the folder `outDir` into `parkingDir`; returns where it went, or undefined when there was
 * none or it was left in place (see the top of this file).
 */
export function setAsideOutDir(outDir: string, parkingDir: string): string | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = lstatSync(outDir).isDirectory();
  } catch {
    return undefined;
  }
  if (!isDirectory || existsSync(join(outDir, '.git'))) return undefined;
  // A cache folder inside the output folder would go with it.
  if (!managesOutDir(outDir, parkingDir)) return undefined;
  mkdirSync(parkingDir, { recursive: true });
  const target = parkingName(parkingDir);
  try {
    renameSync(outDir, target);
  } catch {
    // Another file system, or a folder in use.
    return undefined;
  }
  return target;
}

/** Deletes everything in `outDir` but `.git`, as Astro empties it. */
function emptyOutDir(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (name !== '.git') rmSync(join(outDir, name), { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Readies `outDir` for a build, as a build starts (see the top of this file): keeps it when the mark
 * in `parkingDir` says it is the last whole build's, unchanged, and otherwise sets it aside or
 * empties it. The mark is deleted either way.
 */
export function prepareOutDir(outDir: string, parkingDir: string): Prepared {
  const marked = takeMark(parkingDir, outDir);
  if (!existsSync(outDir)) return { kind: 'none' };
  if (marked !== undefined && sameListing(marked, listOutput(outDir))) {
    const index = join(outDir, SEARCH_INDEX_FOLDER);
    if (existsSync(index)) {
      mkdirSync(parkingDir, { recursive: true });
      try {
        renameSync(index, parkingName(parkingDir));
      } catch {
        rmSync(index, { recursive: true, force: true });
      }
    }
    return { kind: 'kept', listing: marked };
  }
  const to = setAsideOutDir(outDir, parkingDir);
  if (to !== undefined) return { kind: 'set aside', to };
  emptyOutDir(outDir);
  return { kind: 'emptied' };
}

/**
 * Once the build has written its pages: deletes each file of a kept output that the build neither
 * wrote (its stamp is the one listed at the start) nor counts among its pages (`outputs`, relative
 * to `outDir`), and the folders that leaves empty; then writes the mark of this build, and deletes
 * what was set aside. Returns the files deleted.
 */
export function finishOutDir(
  outDir: string,
  parkingDir: string,
  prepared: Prepared,
  outputs: ReadonlySet<string>,
): string[] {
  const stale: string[] = [];
  if (prepared.kind === 'kept') {
    const folders = new Set<string>();
    for (const [name, stamp] of prepared.listing) {
      if (outputs.has(name)) continue;
      const path = join(outDir, name);
      if (fileStamp(path) !== stamp) continue;
      unlinkSync(path);
      stale.push(name);
      folders.add(dirname(path));
    }
    // Deepest first, so a folder whose only content was a folder goes too.
    for (const folder of [...folders].sort((a, b) => b.split(sep).length - a.split(sep).length)) {
      for (let dir = folder; isWithin(dir, outDir) && dir !== outDir; dir = dirname(dir)) {
        if (readdirSync(dir).length > 0) break;
        rmdirSync(dir);
      }
    }
  }
  if (existsSync(outDir)) writeMark(parkingDir, outDir, listOutput(outDir));
  removeSetAside(parkingDir);
  return stale;
}

/** Deletes every output `setAsideOutDir` moved into `parkingDir`; returns how many. */
export function removeSetAside(parkingDir: string): number {
  if (!existsSync(parkingDir)) return 0;
  const parked = readdirSync(parkingDir).filter((name) => name.startsWith(PREFIX));
  for (const name of parked) rmSync(join(parkingDir, name), { recursive: true, force: true });
  return parked.length;
}

/** The output files of a build, relative to `outDir` with `/`, from `astro:build:done`'s `assets`. */
export function outputsOf(outDir: string, assets: ReadonlyMap<string, readonly URL[]>): Set<string> {
  const outputs = new Set<string>();
  for (const urls of assets.values()) {
    for (const url of urls) outputs.add(relative(outDir, fileURLToPath(url)).split(sep).join('/'));
  }
  return outputs;
}

/**
 * The integration that keeps or sets aside the last output as a build starts, and tidies it at the
 * end. `outputKept()` says, once the build has started, whether it kept the last output.
 */
export function keptOutDir(): AstroIntegration & { outputKept(): boolean } {
  let outDir: string | undefined;
  let parkingDir: string | undefined;
  let prepared: Prepared = { kind: 'none' };
  return {
    outputKept: () => prepared.kind === 'kept',
    name: 'hindsight-out-dir',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        const out = resolve(fileURLToPath(config.outDir));
        const parking = resolve(fileURLToPath(new URL('hindsight/', config.cacheDir)));
        if (!managesOutDir(out, parking)) return;
        outDir = out;
        parkingDir = parking;
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:build:start': () => {
        if (outDir && parkingDir) prepared = prepareOutDir(outDir, parkingDir);
      },
      'astro:build:done': ({ assets }) => {
        if (outDir && parkingDir) finishOutDir(outDir, parkingDir, prepared, outputsOf(outDir, assets));
      },
    },
  };
}
