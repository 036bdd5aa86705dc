/**
 * Reads a built site from disk for the link checker: lists every file once and parses every HTML
 * page once; the checks themselves are in check-links.ts. Parsing is nearly all the work and each
 * page is parsed on its own, so a large site is parsed on worker threads, one per core
 * (`check-links-worker.ts`).
 *
 * The workers take the pages a batch at a time, the next batch as they send one back, and this
 * thread checks each page as it comes (`SiteChecker`). At 10,000 postmortems, with a fixed share
 * of the pages each, one worker finished 0.7 s before the other, and the pages were unpacked and
 * checked only after both: 2.5 s more, with one core idle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  isHtmlFile,
  scanPage,
  SiteChecker,
  type LinkReport,
  type ScannedPage,
  type SiteOptions,
} from './check-links.ts';

export interface ReadSiteOptions {
  /** The build folder, such as `dist`. */
  readonly dir: string;
  /** Worker threads at most; by default one per core. */
  readonly threads?: number;
  /** Below this many pages per worker, starting workers costs more than it saves. */
  readonly minPagesPerWorker?: number;
}

export interface CheckLinksOptions extends ReadSiteOptions, SiteOptions {}

/** A scanned page as a worker sends it back: one JSON string is far cheaper to copy than a Set and a Map. */
export type PackedPage = string;

export function packPage(page: ScannedPage): PackedPage {
  return JSON.stringify([[...page.ids], [...page.links], page.baseHref ?? null]);
}

export function unpackPage(packed: PackedPage): ScannedPage {
  const [ids, links, baseHref] = JSON.parse(packed) as [string[], [string, string][], string | null];
  return { ids: new Set(ids), links: new Map(links), baseHref: baseHref ?? undefined };
}

/** Checks every internal link, fragment and asset of the site built into `dir`. */
export function checkLinks(options: CheckLinksOptions): Promise<LinkReport> {
  return checkBuiltSite(options, options);
}

/**
 * Checks the site built into `read.dir` against `site`, which may still be loading: the pages are
 * listed and read meanwhile, and each page is checked as it is read (`SiteChecker`), while the
 * workers read the others.
 */
export async function checkBuiltSite(
  read: ReadSiteOptions,
  site: SiteOptions | Promise<SiteOptions>,
): Promise<LinkReport> {
  const { files, htmlFiles } = listSite(read.dir);
  const waiting: [string, ScannedPage][] = [];
  let checker: SiteChecker | undefined;
  const configured = Promise.resolve(site).then((options) => {
    checker = new SiteChecker(files, options);
    for (const [file, page] of waiting.splice(0)) checker.add(file, page);
  });
  await Promise.all([
    configured,
    scanPages(read, htmlFiles, (file, page) => (checker ? checker.add(file, page) : waiting.push([file, page]))),
  ]);
  return (checker as SiteChecker).report();
}

/** Every file of the site built into `dir`, by its path there with `/`, and those that are HTML pages. */
function listSite(dir: string): { files: Set<string>; htmlFiles: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${dir} is not a folder: build the site first (npm run build), or pass --dir.`);
  }
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
  const htmlFiles = [...files].filter(isHtmlFile);
  if (htmlFiles.length === 0) throw new Error(`${dir} holds no HTML pages: build the site first (npm run build).`);
  return { files, htmlFiles };
}

/** Scans each of `htmlFiles` (see `scanPage`), on worker threads when there are many, and gives each to `onPage`. */
async function scanPages(
  options: ReadSiteOptions,
  htmlFiles: readonly string[],
  onPage: (file: string, page: ScannedPage) => void,
): Promise<void> {
  const { dir, threads = availableParallelism(), minPagesPerWorker = 500 } = options;
  const workers = Math.min(threads, Math.floor(htmlFiles.length / minPagesPerWorker));
  if (workers < 2) {
    for (const file of htmlFiles) onPage(file, scanPage(readFileSync(join(dir, file), 'utf8')));
    return;
  }
  const batches: string[][] = [];
  for (let at = 0; at < htmlFiles.length; at += PAGES_PER_BATCH) {
    batches.push(htmlFiles.slice(at, at + PAGES_PER_BATCH));
  }
  await Promise.all(Array.from({ length: workers }, () => scanInWorker(dir, batches, onPage)));
}

/** Pages a worker is given at a time: enough that messages cost little, few enough that both finish together. */
const PAGES_PER_BATCH = 40;

/** Batches a worker holds at once, so that it never waits for the next while this thread unpacks the last. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Runs one worker until `batches` is empty: takes batches from it (shared with the other workers),
 * and gives each page the worker sends back to `onPage`.
 */
function scanInWorker(
  dir: string,
  batches: string[][],
  onPage: (file: string, page: ScannedPage) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-links-worker.ts', import.meta.url), { workerData: { dir } });
    // The worker answers its batches in the order it was given them.
    const sent: string[][] = [];
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    // Keeps `BATCHES_IN_FLIGHT` batches with the worker while there are any; finishes once it has none.
    const fill = () => {
      while (sent.length < BATCHES_IN_FLIGHT && batches.length > 0) {
        const batch = batches.shift() as string[];
        sent.push(batch);
        worker.postMessage(batch);
      }
      if (sent.length === 0) finish();
    };
    worker.on('message', (packed: PackedPage[]) => {
      try {
        const batch = sent.shift() as string[];
        batch.forEach((file, at) => onPage(file, unpackPage(packed[at] as PackedPage)));
        fill();
      } catch (error) {
        finish(error);
      }
    });
    worker.once('error', finish);
    worker.once('exit', (code) => {
      finish(new Error(`a link-checking worker stopped with exit code ${code} before its pages were read`));
    });
    fill();
  });
}
