// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentStoreReadAtLoad } from './src/content-store-module.ts';
import { pageGenerationGcTuning, tuneGarbageCollection } from './src/gc-tuning.ts';
import { markdownProcessor } from './src/markdown/pipeline.ts';
import { prerenderReadingOnce } from './src/prerender-once.ts';
import { keptOutDir } from './src/out-dir.ts';
import { searchIndexAhead } from './src/search-ahead.ts';
import { site } from './src/site.config.ts';

// Every page Astro writes passes through memory outside V8's heap; without this, a large build
// spends most of its page generation in full collections of the heap (src/gc-tuning.ts).
tuneGarbageCollection();

const root = new URL('.', import.meta.url);
const outDir = keptOutDir();
// In a warm build, the parts of the search index an edit changed are indexed while Astro writes
// the pages that follow the postmortems' (src/search-ahead.ts).
const searchAhead = searchIndexAhead({ outputKept: () => outDir.outputKept() });
// Absolute, so the plugins recognise postmortems in a folder outside the project too.
const contentDir = resolve(fileURLToPath(root), site.contentDir);

// GFM is configured explicitly (and SmartyPants is off) so a postmortem reads the same here as in
// the code host's Markdown preview. Syntax highlighting is part of our pipeline, after the
// sanitiser (see src/markdown/pipeline.ts).
export default defineConfig({
  site: site.url,
  base: site.base,
  ...(site.cacheDir && { cacheDir: site.cacheDir }),
  trailingSlash: 'always',
  // Four pages at a time: while one page's file is written, another renders. One at a time, the
  // main thread waited on the disk for about a third of page generation (a CPU profile at 1,000
  // postmortems); with four, page generation took about 1 s less at 1,000 and 5 s less at 10,000,
  // and the pages came out byte for byte the same.
  build: { concurrency: 4 },
  // A build copies from the last one (kept in the cache folder) every page whose key and template
  // code are unchanged, rather than rendering it again: the keys are in src/data/page-keys.ts.
  // `astro build --force` renders every page.
  experimental: { incrementalBuild: true },
  // The search index is built after `astro build`, in a process of its own: scripts/search-index.ts;
  // a warm build indexes the parts an edit changed while it writes its other pages (above).
  // The last build's output is kept when it is known to be whole and unchanged, so unchanged pages
  // stay where they are; otherwise it is set aside rather than emptied (src/out-dir.ts). A build
  // that keeps it caps the heap's growth only once it has rendered many pages (src/gc-tuning.ts),
  // so the output's integration comes first.
  // The content store reaches the pages read from its file, not bundled into them as a 36 MB string
  // at 10,000 postmortems (src/content-store-module.ts).
  integrations: [
    mdx(),
    outDir,
    pageGenerationGcTuning({ outputKept: () => outDir.outputKept() }),
    contentStoreReadAtLoad(),
    prerenderReadingOnce([searchAhead.observer]),
    searchAhead.integration,
  ],
  // Scripts and stylesheets always go to their own files, never inline, so the Content Security
  // Policy below need not allow inline code.
  vite: { build: { assetsInlineLimit: 0 }, ...(site.cacheDir && { cacheDir: `${site.cacheDir}/vite` }) },
  // A Content Security Policy in every page, as a <meta> since static hosting cannot set headers.
  // Astro adds the hashes of its own inline scripts and styles; nothing else inline may run.
  // Pagefind compiles WebAssembly ('wasm-unsafe-eval'). Style attributes are allowed: our
  // templates and syntax highlighting set colours with them, raw HTML cannot (the sanitiser drops
  // every style), and default-src 'self' keeps them from loading anything. frame-ancestors is left
  // out: browsers ignore it in a <meta> and say so in the console.
  security: {
    csp: {
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: [{ resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  markdown: {
    syntaxHighlight: false,
    processor: markdownProcessor({ base: site.base, contentDir, root }),
  },
});
