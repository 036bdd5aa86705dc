/**
 * Builds the search index of a built site: `node scripts/search-index.ts [--outDir DIR]` (default
 * `dist`, where `astro build` writes). `npm run build` runs it after `astro build`; see
 * scripts/lib/search-index.ts for what is indexed and why in a process of its own. The index of
 * each part is kept in the cache folder, and reused while the part's pages are unchanged.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEARCH_INDEX_FOLDER } from '../src/lib/search-shards.ts';
import { parseCommandLine } from './lib/cli.ts';
import { buildSearchIndex, searchCacheDir } from './lib/search-index.ts';

const { values } = parseCommandLine(
  { outDir: { type: 'string', default: 'dist' } },
  `Usage: node scripts/search-index.ts [--outDir DIR]

Indexes the postmortem pages of the built site in DIR (default dist) for search, with Pagefind,
reusing the parts whose pages have not changed since the last run.`,
);
const siteDir = resolve(values.outDir);
if (!existsSync(siteDir)) {
  console.error(`search index: there is no built site in ${siteDir}; run astro build first.`);
  process.exit(1);
}
try {
  const cacheDir = searchCacheDir(resolve(import.meta.dirname, '..'));
  const pages = await buildSearchIndex(siteDir, { cacheDir });
  console.log(`search index: indexed ${pages} postmortems for search in ${resolve(siteDir, SEARCH_INDEX_FOLDER)}.`);
} catch (error) {
  console.error(`search index: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
