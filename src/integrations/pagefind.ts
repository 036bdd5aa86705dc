/**
 * Builds the Pagefind search index during `astro build`, so every build (and so `npm start` and
 * `npm test`) has a working `/search/`. The index is made while the pages are generated: the
 * middleware hands each postmortem page to Pagefind as Astro renders it, Pagefind indexes it in its
 * own process, and writes `pagefind/` next to the pages once the last one is in (see
 * `search-index-session.ts`). The search page loads it from there only when a reader searches.
 *
 * Only postmortem pages are indexed, and within them only what is marked `data-pagefind-body`
 * minus what is marked `data-pagefind-ignore`, so the header, the lists and the global timeline
 * never turn up as results. Any error Pagefind reports fails the build, as does an index with
 * fewer pages than the build has postmortem pages: a search that quietly misses some is worse
 * than none.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { endSearchIndex, searchIndexSession, startSearchIndex } from './search-index-session.ts';

/** The postmortem pages: their route, and each one's file relative to the output folder. */
export const postmortemPage = {
  route: '/postmortems/[id]',
  file: (id: string) => `postmortems/${id}/index.html`,
} as const;

/** The built postmortem pages, relative to the output folder, as a glob. */
export const postmortemPages = postmortemPage.file('*');

export function pagefindIndex(): AstroIntegration {
  let outDir = '';
  return {
    name: 'hindsight:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        startSearchIndex(outDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const session = searchIndexSession();
        endSearchIndex();
        if (!session) throw new Error('The search index was not started with the build.');
        const expected = await countPostmortemPages(fileURLToPath(dir));
        const { pages, errors } = await session.finish();
        if (errors.length > 0) throw new Error(`Pagefind could not index the site:\n${errors.join('\n')}`);
        if (pages !== expected) {
          throw new Error(`Pagefind indexed ${pages} pages for ${expected} postmortem pages in ${outDir}.`);
        }
        logger.info(`Indexed ${pages} postmortems for search.`);
      },
    },
  };
}

async function countPostmortemPages(outDir: string): Promise<number> {
  const entries = await readdir(join(outDir, 'postmortems'), { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const files = await readdir(join(entry.parentPath, entry.name));
    if (files.includes('index.html')) count += 1;
  }
  return count;
}
