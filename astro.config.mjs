// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { site } from './src/site.config.ts';

// GFM is configured explicitly (and SmartyPants is off) so a postmortem reads the same here as in
// the code host's Markdown preview.
export default defineConfig({
  base: site.base,
  trailingSlash: 'always',
  integrations: [mdx()],
  markdown: {
    processor: unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm],
      rehypePlugins: [],
    }),
  },
});
