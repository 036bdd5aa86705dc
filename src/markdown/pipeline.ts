/**
 * The Markdown pipeline of postmortems, in one place so the build and the tests use the same
 * plugins in the same order. The order is what keeps pages safe: raw HTML is sanitised first,
 * while everything in the tree is still the author's, and only then do our own plugins add markup
 * the sanitiser would refuse (syntax highlighting's `style`, section classes). Astro's own syntax
 * highlighting runs before any configured plugin, so it is turned off (`syntaxHighlight: false`)
 * and Shiki, with Astro's default settings, runs here instead.
 */
import {
  markdownConfigDefaults,
  rehypeShiki,
  unified,
  type RehypePlugins,
  type RemarkPlugins,
} from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { rehypeExternalLinks } from './rehype-external-links.ts';
import { rehypePostmortemSections } from './rehype-postmortem-sections.ts';
import { rehypeSanitizeRawHtml } from './rehype-sanitize-raw-html.ts';
import { remarkParseNative } from './remark-parse-native.ts';
import { remarkPostmortemLinks, type RemarkPostmortemLinksOptions } from './remark-postmortem-links.ts';

export type PipelineOptions = Pick<RemarkPostmortemLinksOptions, 'base' | 'contentDir' | 'root' | 'index'>;

/**
 * The remark plugins, after Astro's remark-parse. The first swaps micromark's parse for Sätteri's
 * where the two build the same tree (src/markdown/remark-parse-native.ts).
 */
export function remarkPipeline(options: PipelineOptions): RemarkPlugins {
  return [remarkParseNative, remarkGfm, [remarkPostmortemLinks, options]];
}

export function rehypePipeline({ contentDir }: Pick<PipelineOptions, 'contentDir'>): RehypePlugins {
  return [
    [rehypeSanitizeRawHtml, { contentDir }],
    [rehypeShiki, markdownConfigDefaults.shikiConfig],
    [rehypeExternalLinks, { contentDir }],
    [rehypePostmortemSections, { contentDir }],
  ];
}

/**
 * The Markdown processor of the site (`markdown.processor` in astro.config.mjs), also made by the
 * render workers of the postmortem loader (`render-pool.ts`): one definition, so both render alike.
 * GFM is configured explicitly (and SmartyPants is off) so a postmortem reads the same here as in
 * the code host's Markdown preview.
 */
export function markdownProcessor(options: PipelineOptions) {
  return unified({
    gfm: false,
    smartypants: false,
    remarkPlugins: remarkPipeline(options),
    rehypePlugins: rehypePipeline(options),
  });
}
