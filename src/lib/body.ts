/**
 * Reads the structure of a postmortem body without rendering it: its headings (with the ids the
 * site gives them) and its links, each with its line in the file. The validator uses it to check
 * sections, links and fragments; it parses GFM the way the site's Markdown processor does.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Link, Nodes, Definition, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { markdownToMdast } from 'satteri';

export interface BodyHeading {
  readonly depth: number;
  readonly text: string;
  /** The id the rendered heading gets (GitHub-style slug, unique within the page). */
  readonly slug: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface BodyLink {
  readonly url: string;
  readonly line: number;
  readonly column: number;
}

export interface BodyTodo {
  /** The paragraph's text, cut to 60 characters. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** What marks text still to be written, in the body and in frontmatter text. */
export const TODO_MARK = 'TODO:';

export interface BodyOutline {
  readonly headings: readonly BodyHeading[];
  readonly links: readonly BodyLink[];
  /** Paragraphs that start with `TODO:` (text still to be written), outside code. */
  readonly todos?: readonly BodyTodo[];
  /** Text of the first paragraph under `## Summary`, if any. */
  readonly summary?: string;
}

/**
 * Raw HTML written in the Markdown: a tag, a closing tag, a comment, a declaration or a processing
 * instruction (not an autolink such as `<https://…>` or `<ops@example.com>`).
 */
const RAW_HTML = /<(?:[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\/[A-Za-z]|!|\?)/m;

/** GFM for micromark, as remark-gfm sets it up; combined once, not per parse. */
const GFM = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/**
 * Parses Markdown into mdast with GFM (tables, footnotes, strikethrough, task lists), as the site's
 * renderer reads it. Most bodies are parsed by Sätteri's native parser (the one Astro's MDX
 * integration ships) rather than by micromark, the renderer's: it builds the same tree twenty
 * times faster. A body with raw HTML in it goes to micromark itself, because HTML blocks are where
 * the two part: Sätteri does not end a `<script>` block at `</SCRIPT>`, and reads the rest of the
 * file as HTML. `tests/unit/body-parity.test.ts` holds the two to the same headings, links,
 * positions and texts.
 */
export function parseMarkdown(markdown: string): Nodes {
  return hasRawHtml(markdown) ? fromMarkdown(markdown, GFM) : parseNative(markdown);
}

/** Sätteri's tree of `markdown` with GFM and no frontmatter, as mdast (see `parseMarkdown`). */
export function parseNative(markdown: string): Root {
  return markdownToMdast(markdown, { features: { frontmatter: false } }) as Root;
}

/** Whether `parseMarkdown` leaves `markdown` to micromark (it has raw HTML). */
export function hasRawHtml(markdown: string): boolean {
  return RAW_HTML.test(markdown);
}

/**
 * The links of an inline text (a timeline event's) that can point at a postmortem file. Such a
 * link is written `[text](./file.md)` or `[text][label]`, so a text without `[` (most of them) is
 * not parsed at all; autolinks are absolute URLs and never name a postmortem file.
 */
export function postmortemLinkCandidates(text: string): readonly BodyLink[] {
  return text.includes('[') ? outlineBody(text).links : [];
}

/**
 * Outline of a body whose first line is line `firstLine` of its file. Links inside code are not
 * links, so they are not collected.
 */
export function outlineBody(body: string, firstLine = 1): BodyOutline {
  return outlineTree(parseMarkdown(body), firstLine);
}

/** Outline of a body already parsed into mdast (see `outlineBody`). */
export function outlineTree(tree: Nodes, firstLine = 1): BodyOutline {
  const slugger = new GithubSlugger();
  const headings: BodyHeading[] = [];
  const links: BodyLink[] = [];
  const todos: BodyTodo[] = [];
  let summary: string | undefined;
  let inSummary = false;
  const shift = firstLine - 1;

  const walk = (node: Nodes): void => {
    if (node.type === 'heading') {
      const heading = node as Heading;
      const text = toString(heading);
      headings.push({
        depth: heading.depth,
        text,
        slug: slugger.slug(text),
        line: (heading.position?.start.line ?? 1) + shift,
      });
      if (heading.depth <= 2) inSummary = heading.depth === 2 && text.trim().toLowerCase() === 'summary';
    } else if (node.type === 'paragraph' && inSummary && summary === undefined) {
      summary = toString(node).replace(/\s+/g, ' ').trim();
    }
    if (node.type === 'paragraph') {
      const text = toString(node).trimStart();
      if (text.startsWith(TODO_MARK)) {
        todos.push({
          text: text.length > 60 ? `${text.slice(0, 57)}...` : text,
          line: (node.position?.start.line ?? 1) + shift,
          column: node.position?.start.column ?? 1,
        });
      }
    }
    if (node.type === 'link' || node.type === 'definition') {
      const link = node as Link | Definition;
      links.push({
        url: link.url,
        line: (link.position?.start.line ?? 1) + shift,
        column: link.position?.start.column ?? 1,
      });
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return { headings, links, ...(todos.length > 0 ? { todos } : {}), ...(summary !== undefined ? { summary } : {}) };
}
