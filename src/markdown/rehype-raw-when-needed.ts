/**
 * Astro's Markdown processor ends every render with rehype-raw, which folds raw HTML into the tree
 * by passing the whole tree through an HTML parser (parse5) and back. A postmortem's raw HTML is
 * already folded, and sanitised, by `rehypeSanitizeRawHtml`, so for most bodies that last pass
 * changes nothing, yet it was about a twentieth of the render workers' time (parse5 and
 * hast-util-raw in CPU profiles of a cold build of 1,000 postmortems).
 *
 * The render workers (src/loaders/render-worker.ts) load this module in place of rehype-raw for
 * Astro's processor alone (`swapRehypeRaw`). It does what rehype-raw does whenever the pass could
 * change anything: when the tree holds raw HTML, or when the sanitiser folded some. A second pass
 * is not a no-op (an HTML parser drops the newline that opens a `<pre>`, once each pass), so a body
 * with raw HTML keeps both passes and renders as Astro's own renderer renders it on the main
 * thread. A tree with neither has only elements our plugins and Shiki made, which the parser gives
 * back as they are; a build-level test (tests/build/render-workers.test.ts) holds the two ways to
 * the same pages, byte for byte.
 */
import * as nodeModule from 'node:module';
import type { Root } from 'hast';
import { raw, type Options } from 'hast-util-raw';
import type { VFile } from 'vfile';
import { hasRawHtml } from './rehype-sanitize-raw-html.ts';

/** rehype-raw (same options), skipping the pass where it would change nothing. */
export default function rehypeRawWhenNeeded(options?: Omit<Options, 'file'>) {
  return (tree: Root, file: VFile): Root | undefined =>
    hasRawHtml(tree) || file.data.rawHtmlFolded === true ? (raw(tree, { ...options, file }) as Root) : undefined;
}

/** Whether an import of `specifier` from `parentURL` is the rehype-raw of Astro's Markdown processor. */
export function isAstroRehypeRaw(specifier: string, parentURL: string | undefined): boolean {
  return specifier === 'rehype-raw' && parentURL?.endsWith('/@astrojs/markdown-remark/dist/index.js') === true;
}

/**
 * Makes this thread load this module for Astro's processor's rehype-raw, with a module resolution
 * hook; it must run before `@astrojs/markdown-remark` is first imported in the thread. Returns
 * false, changing nothing, on a Node without `module.registerHooks` (before 22.15).
 */
export function swapRehypeRaw(): boolean {
  const { registerHooks } = nodeModule as Partial<typeof nodeModule>;
  if (typeof registerHooks !== 'function') return false;
  const url = import.meta.url;
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      isAstroRehypeRaw(specifier, context.parentURL) ? { url, shortCircuit: true } : nextResolve(specifier, context),
  });
  return true;
}
