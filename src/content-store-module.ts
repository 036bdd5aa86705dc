/**
 * Astro's content store reaches the pages through a module Astro writes into the build's server
 * code, `astro:data-layer-content`: the whole store (`data-store.json` in the cache folder, written
 * by content sync) as one string literal, `export default JSON.parse("…")`. At 10,000 postmortems
 * that is a 36 MB text in every build, warm or cold, that the bundler parses, transforms and writes
 * out, and that Node then parses again as a module and keeps as its source for as long as the build
 * runs.
 *
 * This integration gives `astro build` that module as a read of the same file when the pages load,
 * `export default JSON.parse(readFileSync(file))`: the same value, from the same file, which content
 * sync has finished writing before bundling starts. It keeps the metadata Astro gives its own
 * module, which leaves the module out of the hash of each page's code that decides whether a warm
 * build may copy the page (`experimental.incrementalBuild`), as before. `astro dev` keeps Astro's
 * module, which it reloads when the file changes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

type VitePlugin = NonNullable<
  NonNullable<Parameters<typeof import('astro/config').defineConfig>[0]['vite']>['plugins']
>[number];

/** The id of Astro's content store module, as its plugin resolves it. */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** What Astro's own plugin marks the module with (`createContentDataIncrementalMetadata`). */
export const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } } as const;

/** The code of the module: the store read from `file` as the pages load. */
export function contentStoreCode(file: string): string {
  return [
    `import { readFileSync } from 'node:fs';`,
    `export default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));`,
    '',
  ].join('\n');
}

/**
 * The Vite plugin: loads the module for the server's code before Astro's plugin would (a hook
 * ordered `pre`), and leaves it to Astro where there is no store file (an empty project) or for
 * the browser's code.
 */
export function contentStoreModule(file: string): VitePlugin {
  return {
    name: 'hindsight-content-store-module',
    load: {
      order: 'pre',
      filter: { id: /^\0astro:data-layer-content$/ },
      handler(id) {
        if (id !== CONTENT_STORE_MODULE_ID || this.environment?.config.consumer !== 'server' || !existsSync(file))
          return null;
        return { code: contentStoreCode(file), map: { mappings: '' }, meta: CONTENT_DATA_META };
      },
    },
  };
}

/** The integration: `astro build` reads the content store from its file as the pages load. */
export function contentStoreReadAtLoad(): AstroIntegration {
  return {
    name: 'hindsight-content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        // Where Astro's build keeps it (getDataStoreFile in astro/dist/content/paths.js).
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({ vite: { plugins: [contentStoreModule(file)] } });
      },
    },
  };
}
