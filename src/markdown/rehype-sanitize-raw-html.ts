/**
 * Raw HTML written in a `.md` postmortem is passed through by Astro's Markdown processor, so a pasted
 * `<script>`, an `onclick` or a `javascript:` link would reach every reader (and postmortem pages
 * must ship no JavaScript). This plugin folds raw HTML into the tree (as Astro would, a step later)
 * and sanitises it with GitHub's rules (`hast-util-sanitize`'s default schema), which is also what
 * the code host's preview shows. The schema is widened only for the markup our own pipeline makes
 * (classes, syntax-highlighting styles), and ids are not prefixed, so heading links keep working.
 * MDX files are left alone: their HTML is JSX, written as code.
 */
import type { Root } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Plugin } from 'unified';
import { filePath, isInContentDir } from './files.ts';

export interface RehypeSanitizeRawHtmlOptions {
  /** Folder of the postmortems, relative to the project root. */
  contentDir: string;
}

const schema: Schema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'],
    pre: [...(defaultSchema.attributes?.['pre'] ?? []), 'style', 'tabIndex', 'dataLanguage'],
    code: [...(defaultSchema.attributes?.['code'] ?? []), 'style', 'dataLanguage'],
    span: [...(defaultSchema.attributes?.['span'] ?? []), 'style'],
  },
};

export const rehypeSanitizeRawHtml: Plugin<[RehypeSanitizeRawHtmlOptions], Root> = ({ contentDir }) => {
  return (tree, file) => {
    if (!isInContentDir(file, contentDir) || filePath(file)?.endsWith('.mdx')) return;
    const clean = sanitize(raw(tree), schema) as Root;
    tree.children = clean.children;
  };
};
