/**
 * Parses a postmortem's Markdown with Sätteri's native parser (`parseNative` in src/lib/body.ts)
 * rather than micromark, where the two build the same tree: a `.md` body without raw HTML. Any
 * other document (raw HTML in it, MDX, a file of another kind or none) keeps the parser the
 * processor had, remark-parse with the processor's extensions.
 *
 * micromark's parse was most of rendering a body: at 1,000 postmortems, 2.4 s of each render
 * worker's 3.4 s of rendering, in a CPU profile (docs/PERFORMANCE.md, eleventh round). Sätteri
 * builds the tree some twenty times faster. `tests/unit/render-parity.test.ts` holds the pages to
 * the same HTML either way, on every body the project has, the generated benchmark set and the
 * corners of CommonMark and GFM.
 */
import type { Root } from 'mdast';
import type { Parser, Plugin } from 'unified';
import type { VFile } from 'vfile';
import { hasRawHtml, parseNative } from '../lib/body.ts';

/** Whether a document is one the native parser reads as micromark does: a `.md` file without raw HTML. */
export function parsesNatively(document: string, file: Pick<VFile, 'extname'>): boolean {
  return file.extname === '.md' && !hasRawHtml(document);
}

/**
 * The remark plugin. It keeps the parser the processor has when it is attached (remark-parse, which
 * Astro's Markdown processor and MDX's both set first) for the documents it does not take; on a
 * processor with no parser yet it changes nothing.
 */
export const remarkParseNative: Plugin<[], Root> = function () {
  const parse = this.parser as Parser<Root> | undefined;
  if (!parse) return;
  const parser: Parser<Root> = (document, file) =>
    parsesNatively(document, file) ? parseNative(document) : parse(document, file);
  this.parser = parser as typeof this.parser;
};
