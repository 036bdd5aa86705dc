/**
 * Builds the Pagefind search index at the end of `astro build`, so every build (and so `npm start`
 * and `npm test`) has a working `/search/`. Pagefind's Node API indexes the built HTML in place and
 * writes `pagefind/` next to it; the search page loads it from there only when a reader searches.
 *
 * Only postmortem pages are indexed (`postmortemPages`), and within them only what is marked
 * `data-pagefind-body` minus what is marked `data-pagefind-ignore`, so the header, the lists and the
 * global timeline never turn up as results. Any error Pagefind reports fails the build, as does an
 * index with fewer pages than the site has postmortems: a search that quietly misses some is worse
 * than none.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** The built pages Pagefind reads, relative to the output folder. */
export const postmortemPages = 'postmortems/*/index.html';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'hindsight:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const expected = await countPostmortemPages(outDir);
        try {
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: outDir, glob: postmortemPages });
          fail('index the postmortem pages', added.errors);
          if (added.page_count !== expected) {
            throw new Error(
              `Pagefind indexed ${added.page_count} pages for ${expected} postmortem pages in ${outDir}.`,
            );
          }
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          fail('write the index', written.errors);
          logger.info(`Indexed ${added.page_count} postmortems for search.`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

function fail(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind could not ${what}:\n${errors.join('\n')}`);
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
