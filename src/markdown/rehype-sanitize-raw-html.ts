/**
 * Raw HTML written in a `.md` postmortem is passed through by Astro's Markdown processor, so a pasted
 * `<script>`, an `onclick` or a `javascript:` link would reach every reader (and postmortem pages
 * must ship no JavaScript). This plugin folds raw HTML into the tree (as Astro would, a step later)
 * and sanitises it with GitHub's rules (`hast-util-sanitize`'s default schema), which is also what
 * the code host's preview shows: no scripts, event handlers, `style`, `class` beyond GFM's own,
 * iframes, objects or embeds, and only http(s), mailto, irc and xmpp URLs.
 *
 * It must run before any plugin that adds markup of its own (syntax highlighting adds `style`,
 * the section plugin adds classes): everything in the tree at this point came from the author, so
 * nothing in it is trusted. See `src/markdown/pipeline.ts` for the order.
 *
 * Two changes to GitHub's rules: ids are not prefixed with `user-content-`, so heading links keep
 * working, and the contents of elements that are not shown as text (`<style>`, `<iframe>`, ...) are
 * dropped with them instead of surfacing as text. MDX files are left alone: their HTML is JSX,
 * written and reviewed as code.
 */
import type { Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Plugin } from 'unified';
import { filePath, isInContentDir } from './files.ts';

export interface RehypeSanitizeRawHtmlOptions {
  /** Folder of the postmortems, relative to the project root. */
  contentDir: string;
}

export const schema: Schema = {
  ...defaultSchema,
  clobber: [],
  strip: [
    ...(defaultSchema.strip ?? []),
    'style',
    'iframe',
    'object',
    'embed',
    'noscript',
    'noembed',
    'noframes',
    'template',
    'textarea',
    'title',
    'xmp',
  ],
};

declare module 'vfile' {
  interface DataMap {
    /** Set when raw HTML written in the Markdown was folded into the tree here. */
    rawHtmlFolded: boolean;
  }
}

export const rehypeSanitizeRawHtml: Plugin<[RehypeSanitizeRawHtmlOptions], Root> = ({ contentDir }) => {
  return (tree, file) => {
    if (!isInContentDir(file, contentDir) || filePath(file)?.endsWith('.mdx')) return;
    // Folding raw HTML in re-parses the whole tree as HTML (parse5): the plugin's main cost, and
    // a no-op for the many bodies with no raw HTML, which are only sanitised.
    const folded = hasRawHtml(tree);
    const clean = sanitize(folded ? raw(tree) : tree, schema) as Root;
    tree.children = clean.children;
    // Said for the render workers' last pass of rehype-raw (src/markdown/rehype-raw-when-needed.ts).
    if (folded) file.data.rawHtmlFolded = true;
  };
};

/** Whether the tree holds raw HTML written in the Markdown (`raw` nodes). */
export function hasRawHtml(node: Root | RootContent): boolean {
  return node.type === 'raw' || ('children' in node && node.children.some(hasRawHtml));
}
