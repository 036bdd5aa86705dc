/**
 * The Pagefind search index of a built site: `npm run build` runs it (scripts/search-index.ts) once
 * `astro build` has finished, so every build, and so `npm start` and `npm test`, has a working
 * `/search/`. Pagefind's Node API indexes the built HTML in place and writes `pagefind/` next to
 * it; the search page loads it from there only when a reader searches.
 *
 * It runs in a process of its own, after Astro's has exited, rather than in an `astro:build:done`
 * hook: Pagefind holds about 400 kB per page while it indexes (4 GB at 10,000 postmortems), and in
 * the hook that came on top of everything Astro's process still held (4.3 GB), doubling the build's
 * peak memory (docs/PERFORMANCE.md).
 *
 * Only postmortem pages are indexed (`postmortemPages`), and within them only what is marked
 * `data-pagefind-body` minus what is marked `data-pagefind-ignore`, so the header, the lists and the
 * global timeline never turn up as results. Any error Pagefind reports fails the build, as does an
 * index with fewer pages than the site has postmortems: a search that quietly misses some is worse
 * than none.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/** The built pages Pagefind reads, relative to the output folder. */
export const postmortemPages = 'postmortems/*/index.html';

/** Indexes the postmortem pages of the site built in `siteDir` into `outputPath`; returns the page count. */
export async function buildSearchIndex(siteDir: string, outputPath = join(siteDir, 'pagefind')): Promise<number> {
  const expected = await countPostmortemPages(siteDir);
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir, glob: postmortemPages });
    fail('index the postmortem pages', added.errors);
    const written = await index.writeFiles({ outputPath });
    fail('write the index', written.errors);
    // `page_count` above counts the files read; a page with nothing marked for the index is read
    // and left out. The index's own entry file counts the pages in it.
    const indexed = await indexedPages(outputPath);
    if (indexed !== expected) {
      throw new Error(`Pagefind indexed ${indexed} pages for ${expected} postmortem pages in ${siteDir}.`);
    }
    return indexed;
  } finally {
    await pagefind.close();
  }
}

/** The pages in the index written to `outputPath`, over all its languages. */
async function indexedPages(outputPath: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

function fail(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind could not ${what}:\n${errors.join('\n')}`);
}

async function countPostmortemPages(siteDir: string): Promise<number> {
  const entries = await readdir(join(siteDir, 'postmortems'), { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const files = await readdir(join(entry.parentPath, entry.name));
    if (files.includes('index.html')) count += 1;
  }
  return count;
}
