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
 * Only postmortem pages are indexed (`postmortemPages`), and within them only what is marked
 * `data-pagefind-body` minus what is marked `data-pagefind-ignore`, so the header, the lists and the
 * global timeline never turn up as results; a draft's page (in a draft preview) has no
 * `data-pagefind-body`, so Pagefind leaves it out. Any error Pagefind reports fails the build, as
 * does an index that does not hold as many pages as the site lists postmortems in its
 * `postmortems.json` (the published and in-review ones): a search that quietly misses some is
 * worse than none.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as pagefind from 'pagefind';

/** The built pages Pagefind reads, relative to the output folder. */
export const postmortemPages = 'postmortems/*/index.html';

/** Indexes the postmortem pages of the site built in `siteDir` into `outputPath`; returns the page count. */
export async function buildSearchIndex(siteDir: string, outputPath = join(siteDir, 'pagefind')): Promise<number> {
  const expected = await listedPostmortems(siteDir);
  // With no page marked for the index, Pagefind would index every page it reads (a draft preview
  // with drafts only), and its command line fails on a site with no pages at all; the site still
  // needs an index for /search/ to answer "no results".
  if (expected === 0) return writeEmptyIndex(outputPath);
  const args = ['--site', siteDir, '--glob', postmortemPages, '--output-path', outputPath, '--quiet'];
  try {
    await promisify(execFile)(process.execPath, [await pagefindCommand(), ...args], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Pagefind could not index ${siteDir}:\n${`${stdout}${stderr}`.trim() || String(error)}`);
  }
  // Pagefind reads every page the glob matches but leaves out one with nothing marked for the
  // index; the index's own entry file counts the pages in it.
  const indexed = await indexedPages(outputPath);
  if (indexed !== expected) {
    throw new Error(
      `Pagefind indexed ${indexed} pages for the ${expected} postmortems ${join(siteDir, 'postmortems.json')} lists.`,
    );
  }
  return indexed;
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
  // The package exports only its Node API (lib/index.js); its folder is two levels up.
  const root = dirname(dirname(fileURLToPath(import.meta.resolve('pagefind'))));
  const { bin } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { bin: string };
  return join(root, bin);
}

/** The pages in the index written to `outputPath`, over all its languages. */
async function indexedPages(outputPath: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** How many postmortems the built site lists in its `postmortems.json` export. */
async function listedPostmortems(siteDir: string): Promise<number> {
  const file = join(siteDir, 'postmortems.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} is missing: the search index is checked against it. Build the site with npm run build.`);
  });
  const { postmortems } = JSON.parse(text) as { postmortems?: unknown };
  if (!Array.isArray(postmortems)) throw new Error(`${file} has no "postmortems" list.`);
  return postmortems.length;
}
