// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { rehypePipeline, remarkPipeline } from './src/markdown/pipeline.ts';
import { site } from './src/site.config.ts';

const root = new URL('.', import.meta.url);

// GFM is configured explicitly (and SmartyPants is off) so a postmortem reads the same here as in
// the code host's Markdown preview. Syntax highlighting is part of our pipeline, after the
// sanitiser (see src/markdown/pipeline.ts).
export default defineConfig({
  base: site.base,
  trailingSlash: 'always',
  integrations: [mdx()],
  markdown: {
    syntaxHighlight: false,
    processor: unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: remarkPipeline({ base: site.base, contentDir: site.contentDir, root }),
      rehypePlugins: rehypePipeline({ contentDir: site.contentDir }),
    }),
  },
});
