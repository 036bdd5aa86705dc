// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { rehypePostmortemSections } from './src/markdown/rehype-postmortem-sections.ts';
import { rehypeSanitizeRawHtml } from './src/markdown/rehype-sanitize-raw-html.ts';
import { remarkPostmortemLinks } from './src/markdown/remark-postmortem-links.ts';
import { site } from './src/site.config.ts';

const root = new URL('.', import.meta.url);
// Absolute, so the plugins recognise postmortems in a folder outside the project too.
const contentDir = resolve(fileURLToPath(root), site.contentDir);

// GFM is configured explicitly (and SmartyPants is off) so a postmortem reads the same here as in
// the code host's Markdown preview.
export default defineConfig({
  site: site.url,
  base: site.base,
  ...(site.cacheDir && { cacheDir: site.cacheDir }),
  trailingSlash: 'always',
  integrations: [mdx(), pagefindIndex()],
  // Scripts and stylesheets always go to their own files, never inline, so a Content Security
  // Policy can allow 'self' without 'unsafe-inline'.
  vite: { build: { assetsInlineLimit: 0 }, ...(site.cacheDir && { cacheDir: `${site.cacheDir}/vite` }) },
  markdown: {
    processor: unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm, [remarkPostmortemLinks, { base: site.base, contentDir, root }]],
      rehypePlugins: [
        [rehypeSanitizeRawHtml, { contentDir }],
        [rehypePostmortemSections, { contentDir }],
      ],
    }),
  },
});
