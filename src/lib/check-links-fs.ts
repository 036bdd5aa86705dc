/**
 * Reads a built site from disk for the link checker: lists every file once and parses every HTML
 * page once; the checks themselves are in check-links.ts. Parsing is nearly all the work and each
 * page is parsed on its own, so a large site is parsed on worker threads, one per core
 * (`check-links-worker.ts`), and checked here once every page is read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  checkSite,
  isHtmlFile,
  scanPage,
  type BuiltSite,
  type LinkReport,
  type ScannedPage,
  type SiteOptions,
} from './check-links.ts';

export interface CheckLinksOptions extends SiteOptions {
  /** The build folder, such as `dist`. */
  readonly dir: string;
  /** Worker threads at most; by default one per core. */
  readonly threads?: number;
  /** Below this many pages per worker, starting workers costs more than it saves. */
  readonly minPagesPerWorker?: number;
}

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
export async function checkLinks(options: CheckLinksOptions): Promise<LinkReport> {
  return checkSite(await readSite(options), options);
}

/**
 * Every file of the site built into `dir`, and every HTML page of it scanned (see `scanPage`):
 * what `checkSite` checks.
 */
export async function readSite(
  options: Pick<CheckLinksOptions, 'dir' | 'threads' | 'minPagesPerWorker'>,
): Promise<BuiltSite> {
  const { dir, threads = availableParallelism(), minPagesPerWorker = 500 } = options;
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

  const workers = Math.min(threads, Math.floor(htmlFiles.length / minPagesPerWorker));
  const pages = new Map<string, ScannedPage>();
  if (workers < 2) {
    for (const file of htmlFiles) pages.set(file, scanPage(readFileSync(join(dir, file), 'utf8')));
  } else {
    // Every worker-th page to each worker: big and small pages are spread evenly.
    const shares = Array.from({ length: workers }, (_, at) => htmlFiles.filter((_, index) => index % workers === at));
    const scanned = await Promise.all(shares.map((share) => scanInWorker(dir, share)));
    shares.forEach((share, at) =>
      share.forEach((file, index) => pages.set(file, unpackPage(scanned[at]?.[index] as PackedPage))),
    );
  }
  return { files, pages };
}

function scanInWorker(dir: string, files: readonly string[]): Promise<PackedPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-links-worker.ts', import.meta.url), { workerData: { dir, files } });
    worker.once('message', (packed: PackedPage[]) => {
      resolve(packed);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a link-checking worker stopped with exit code ${code}`));
    });
  });
}
