/**
 * A timeline event's `text` is a line of Markdown written in the frontmatter, shown inside a
 * timeline item where only phrasing content fits. This renders it to HTML: GFM inline syntax
 * (emphasis, code, links, autolinks, strikethrough), postmortem links rewritten exactly as in the
 * body, and no raw HTML: tags written in the text are shown as text, and only web, mail and phone
 * links are kept, those leaving the site with `rel="noopener noreferrer"`. Block syntax is read as plain text, so `1. restarted` stays a sentence rather
 * than becoming a list.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';
import { markdownToMdast } from 'satteri';
import { SKIP, visit } from 'unist-util-visit';
import { ContentValidationError, type ContentIssue } from './errors.ts';
import { addExternalRel } from './external-links.ts';
import { linkIssue, type FragmentIndex } from './links.ts';
import { rewritePostmortemLinks } from './rewrite-links.ts';

export interface InlineMarkdownContext {
  /** The postmortem the text is written in, relative to the project root (`entry.filePath`). */
  readonly fromFile: string;
  /** Link targets of every postmortem. */
  readonly index: FragmentIndex;
  /** Site base path, `/` or `/x/`. */
  readonly base: string;
  /** Where the text is in the file (`timeline[2].text`), for error messages. */
  readonly field?: string;
}

/**
 * Micromark constructs that only make sense between blocks, plus raw HTML, turned off so that
 * their syntax reads as text. Definitions stay: `[text][ref]` links work as in the body.
 */
const inlineOnly = {
  disable: {
    null: [
      'blockQuote',
      'codeFenced',
      'codeIndented',
      'headingAtx',
      'htmlFlow',
      'htmlText',
      'list',
      'setextUnderline',
      'thematicBreak',
      'table',
      'gfmFootnoteDefinition',
    ],
  },
};

// Made once, not per text: a build renders tens of thousands of event texts.
const parseOptions = { extensions: [gfm(), inlineOnly], mdastExtensions: [gfmFromMarkdown()] };

/**
 * Text with none of these renders to itself: no Markdown syntax, no GFM autolink, nothing to
 * escape, no line break and no surrounding whitespace for Markdown to trim.
 */
const NEEDS_MARKDOWN = /[\\`*_~<>&[\]!|@\r\n]|:\/\/|www\.|^\s|\s$/i;

/**
 * A one-line text that no block construct can take over, so that parsing it as a whole document
 * gives one paragraph whose inline content is what the inline-only micromark parse gives: nothing
 * at its start that opens a heading, quote, list, fence, thematic break, table, HTML block or
 * definition, no `<` (inline-only reads raw HTML as text), no line break and no surrounding space.
 * Such texts, most of them, are parsed by Sätteri's native parser, twenty times faster;
 * `tests/unit/inline-markdown-parity.test.ts` holds the two parsers to the same tree.
 */
const ONE_PARAGRAPH = /^(?![\s#>*+\-_=`~|:[\d])[^<\r\n]*(?<!\s)$/;

/** Whether `parseInlineMarkdown` takes the native parser for `text`. */
export function isPlainParagraph(text: string): boolean {
  return ONE_PARAGRAPH.test(text);
}

/** The mdast of an event text, read as inline Markdown only (see `inlineOnly`). */
export function parseInlineMarkdown(text: string): Root {
  return isPlainParagraph(text)
    ? (markdownToMdast(text, { features: { frontmatter: false } }) as Root)
    : parseInlineMarkdownSlowly(text);
}

/** The same with micromark, which can turn block constructs off: for any text. */
export function parseInlineMarkdownSlowly(text: string): Root {
  return fromMarkdown(text, parseOptions);
}

const SAFE_PROTOCOL = /^(?:https?|mailto|tel)$/i;

/**
 * The inner HTML of `text` rendered as inline Markdown (no wrapping `<p>`). Paragraphs separated by
 * a blank line are joined with `<br>`. Throws a `ContentValidationError` listing every link to a
 * missing postmortem or fragment.
 */
export function renderInlineMarkdown(text: string, context: InlineMarkdownContext): string {
  if (!NEEDS_MARKDOWN.test(text)) return text;
  const tree = parseInlineMarkdown(text);
  const broken = rewritePostmortemLinks(tree, context.fromFile, context.index, context.base);
  if (broken.length > 0) {
    throw new ContentValidationError(
      broken.flatMap(({ url, resolution }): ContentIssue[] => {
        const where = { file: context.fromFile, url, ...(context.field ? { field: context.field } : {}) };
        const issue = linkIssue(resolution, where);
        return issue ? [issue] : [];
      }),
    );
  }
  dropUnsafeUrls(tree);
  const paragraphs = (toHast(tree) as HastRoot).children.filter(
    (node): node is Element => node.type === 'element' && node.tagName === 'p',
  );
  const children = paragraphs.flatMap((paragraph, at): ElementContent[] =>
    at === 0
      ? paragraph.children
      : [{ type: 'element', tagName: 'br', properties: {}, children: [] }, ...paragraph.children],
  );
  const root: HastRoot = { type: 'root', children };
  addExternalRel(root);
  return toHtml(root);
}

/**
 * Replaces a link to a `javascript:` (or any other non-web) url by its text, an image by its alt
 * text, and drops such a definition (its references then read as the text written).
 */
function dropUnsafeUrls(tree: Root): void {
  visit(tree, (node, at, parent) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    if (isSafeUrl(node.url) || !parent || at === undefined) return;
    const replacement: Nodes[] =
      node.type === 'link' ? node.children : node.type === 'image' ? [{ type: 'text', value: node.alt ?? '' }] : [];
    (parent.children as Nodes[]).splice(at, 1, ...replacement);
    return [SKIP, at];
  });
}

function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''));
  return !scheme || SAFE_PROTOCOL.test(scheme[1] ?? '');
}
