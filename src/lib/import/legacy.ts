/**
 * Reads a postmortem written in the legacy format (the seed's: `# NNN - Title`, `## Level: X`,
 * `## Author(s)`, `## Timeline` with `**YYYY-MM-DD**: text` items, then free sections) into its
 * parts, each with its position in the source, so the converter can map the structured parts to
 * frontmatter and copy everything else byte for byte.
 *
 * The document is parsed once with unified, remark-parse and remark-gfm, exactly as the code host
 * renders it; only the text of single nodes (a heading, a list item's date) is matched with
 * patterns, never the document line by line, so code blocks and HTML that merely look like
 * headings or dates are never mistaken for them.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** A span of the source: `start` inclusive, `end` exclusive, as offsets; `line` is 1-based. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** A `##` section (or the text before the first one) that is copied into the body as written. */
export interface LegacySection extends SourceSpan {
  /** The heading's text, or undefined for the text between the H1 and the first `##`. */
  readonly heading?: string;
}

export interface LegacyTitle {
  /** The title without its number: `Postmortem for v0.0.26 release`. */
  readonly text: string;
  /** The number written before the title (`003`), if any. */
  readonly number?: string;
  /** Bracketed placeholders in the title, such as `[descriptive name here]` in a template. */
  readonly placeholders: readonly string[];
  readonly line: number;
}

export interface LegacyLevel {
  /** The value as written: `Internal and Outage`. */
  readonly raw: string;
  /** Its words, split on commas, "and", "or", slashes and ampersands: `Internal`, `Outage`. */
  readonly values: readonly string[];
  readonly line: number;
}

export interface LegacyAuthor {
  /** The item as written: `David Ellis <david@iasql.com>`. */
  readonly raw: string;
  /** The name, without Markdown, when the item has an email address. */
  readonly name?: string;
  /** The email address of `Name <email>` or `[Name](mailto:email)`. */
  readonly email?: string;
  readonly line: number;
}

export interface LegacyEvent {
  /** The date or date-time as written between `**`: `2023-01-08`, `2024-11-30 23:59`. */
  readonly when: string;
  /** Span of the event's text after the date and its separator (`: `). */
  readonly text: SourceSpan;
  /** The text without Markdown, for inferring the event's kind and environment. */
  readonly plain: string;
  readonly line: number;
}

/** Something in the legacy file the importer cannot convert without losing or inventing words. */
export interface LegacyProblem {
  readonly line: number;
  readonly message: string;
}

export interface LegacyDocument {
  /** The source, with line endings made `\n` and any byte-order mark removed; spans point into it. */
  readonly source: string;
  readonly tree: Root;
  readonly title?: LegacyTitle;
  readonly level?: LegacyLevel;
  /** Line of the `## Author(s)` heading, if there is one. */
  readonly authorsLine?: number;
  readonly authors: readonly LegacyAuthor[];
  /** Line of the `## Timeline` heading, if there is one. */
  readonly timelineLine?: number;
  readonly events: readonly LegacyEvent[];
  /** Every other section, in order, to be copied into the body. */
  readonly sections: readonly LegacySection[];
  /** Whether the file starts with a YAML frontmatter block (it is then not in the legacy format). */
  readonly hasFrontmatter: boolean;
  readonly problems: readonly LegacyProblem[];
}

/** `2023-01-08`, `2023-01-08 23:59`, `2023-01-08T23:59:30Z`, `2023-01-08 23:59 UTC`, `... +01:00`. */
export const LEGACY_WHEN =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?$/i;

const markdown = unified().use(remarkParse).use(remarkGfm);

/** Parses the legacy Markdown with GFM, as the code host renders it. */
export function parseLegacyMarkdown(source: string): Root {
  return markdown.parse(source);
}

/** Reads a legacy postmortem's parts; what cannot be read is listed in `problems`, never dropped. */
export function readLegacyPostmortem(original: string): LegacyDocument {
  const source = original.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tree = parseLegacyMarkdown(source);
  const problems: LegacyProblem[] = [];
  const sections: LegacySection[] = [];
  const authors: LegacyAuthor[] = [];
  const events: LegacyEvent[] = [];
  let title: LegacyTitle | undefined;
  let level: LegacyLevel | undefined;
  let authorsLine: number | undefined;
  let timelineLine: number | undefined;

  for (const part of splitSections(tree, source.length)) {
    const { heading, nodes } = part;
    const headingText = heading ? toString(heading).trim() : undefined;
    const kind = heading ? sectionKind(heading, title === undefined) : 'body';
    if (kind === 'title' && heading) {
      title = readTitle(heading);
      const preamble = nodes.length > 0 ? spanOf(nodes[0] as Nodes, part.end) : undefined;
      if (preamble) sections.push({ ...preamble, end: part.end });
    } else if (kind === 'level' && heading && headingText !== undefined) {
      level = readLevel(heading, headingText, nodes, source, problems);
    } else if (kind === 'authors' && heading) {
      authorsLine = lineOf(heading);
      authors.push(...readAuthors(nodes, source, problems));
    } else if (kind === 'timeline' && heading) {
      timelineLine = lineOf(heading);
      events.push(...readTimeline(nodes, source, problems));
    } else {
      sections.push({
        ...(headingText !== undefined ? { heading: headingText } : {}),
        start: part.start,
        end: part.end,
        line: part.line,
      });
    }
  }
  return {
    source,
    tree,
    ...(title ? { title } : {}),
    ...(level ? { level } : {}),
    ...(authorsLine !== undefined ? { authorsLine } : {}),
    authors,
    ...(timelineLine !== undefined ? { timelineLine } : {}),
    events,
    sections,
    hasFrontmatter: /^---[ \t]*\n/.test(source),
    problems,
  };
}

interface Part extends SourceSpan {
  readonly heading?: Heading;
  readonly nodes: readonly RootContent[];
}

/** The document cut at every heading of depth 1 or 2; deeper headings stay inside their section. */
function splitSections(tree: Root, length: number): Part[] {
  const parts: { heading?: Heading; nodes: RootContent[] }[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) parts.push({ heading: node, nodes: [] });
    else if (parts.length === 0) parts.push({ nodes: [node] });
    else parts.at(-1)?.nodes.push(node);
  }
  return parts.map((part, index) => {
    const first = (part.heading ?? part.nodes[0]) as Nodes;
    const next = parts[index + 1];
    const end = next ? offsetOf((next.heading ?? next.nodes[0]) as Nodes) : length;
    return { ...part, start: offsetOf(first), end, line: lineOf(first) };
  });
}

type SectionKind = 'title' | 'level' | 'authors' | 'timeline' | 'body';

function sectionKind(heading: Heading, first: boolean): SectionKind {
  const text = toString(heading).trim().toLowerCase();
  if (heading.depth === 1) return first ? 'title' : 'body';
  if (/^levels?\b\s*(?::|$)/.test(text)) return 'level';
  if (/^authors?(?:\s*\(s\))?\s*:?$/.test(text)) return 'authors';
  if (/^timeline\s*:?$/.test(text)) return 'timeline';
  return 'body';
}

/** `003 - Postmortem for v0.0.26 release`, with `-`, `–`, `—`, `:` or `.` after the number. */
function readTitle(heading: Heading): LegacyTitle {
  const text = toString(heading).trim();
  // A separator is required, so that "# 2023 outage" or "# 1.2 release" keep their numbers as words.
  const match = /^(\d+)\s*(?:[-–—:]|\.(?=\s))\s*(.+)$/.exec(text);
  const title = match ? (match[2] as string).trim() : text;
  // Brackets left as text (no link definition matches them) are a template's fill-in-the-blanks.
  const placeholders = heading.children
    .filter((child): child is Extract<PhrasingContent, { type: 'text' }> => child.type === 'text')
    .flatMap((child) => [...child.value.matchAll(/\[([^\]]+)\]/g)].map((found) => found[0]));
  return {
    text: title,
    ...(match ? { number: match[1] as string } : {}),
    placeholders,
    line: lineOf(heading),
  };
}

/** `## Level: Internal and Outage`, or `## Level` with the value in the paragraph below it. */
function readLevel(
  heading: Heading,
  headingText: string,
  nodes: readonly RootContent[],
  source: string,
  problems: LegacyProblem[],
): LegacyLevel {
  const colon = headingText.indexOf(':');
  const inline = colon === -1 ? '' : headingText.slice(colon + 1).trim();
  let raw = inline;
  let line = lineOf(heading);
  let rest = nodes;
  const [first] = nodes;
  if (raw === '' && first?.type === 'paragraph') {
    raw = toString(first).trim();
    line = lineOf(first);
    rest = nodes.slice(1);
  }
  unexpected(rest, 'the ## Level section', 'only the level, as in "## Level: Internal and Outage"', source, problems);
  const values = raw
    .replace(/^\[(.*)\]$/, '$1')
    .split(/\s*(?:,|;|\/|&|\+|\band\b|\bor\b)\s*/i)
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return { raw, values, line };
}

/** `- Name <email>` items (or one author per line of a paragraph). */
function readAuthors(nodes: readonly RootContent[], source: string, problems: LegacyProblem[]): LegacyAuthor[] {
  const authors: LegacyAuthor[] = [];
  const others: RootContent[] = [];
  for (const node of nodes) {
    if (node.type === 'list') {
      for (const item of node.children) {
        const [paragraph, ...more] = item.children;
        if (paragraph?.type !== 'paragraph' || more.length > 0) {
          others.push(item as unknown as RootContent);
          continue;
        }
        authors.push({ raw: slice(source, paragraph).trim(), ...nameAndEmail(paragraph), line: lineOf(paragraph) });
      }
    } else if (node.type === 'paragraph') {
      const first = lineOf(node);
      slice(source, node)
        .split('\n')
        .forEach((text, index) => {
          if (text.trim() !== '') authors.push({ raw: text.trim(), line: first + index });
        });
    } else {
      others.push(node);
    }
  }
  unexpected(others, 'the ## Author(s) section', 'a list of "Name <email>" items', source, problems);
  return authors;
}

/**
 * The name and email of `Name <email>` (the email is an autolink to the parser), `**Name** <email>`
 * or `[Name](mailto:email)`; nothing when the item has no email address at the end.
 */
function nameAndEmail(paragraph: Paragraph): { name?: string; email?: string } {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'link' || !last.url.startsWith('mailto:')) return {};
  const email = last.url.slice('mailto:'.length);
  const before = paragraph.children.slice(0, -1);
  const name = (before.length > 0 ? before.map((node) => toString(node)).join('') : toString(last)).trim();
  return name === '' || name === email ? {} : { name, email };
}

/**
 * `- **2023-01-08**: text` items, one event each; several may share a date, either as items of their
 * own or as sub-items of a date with no text (`- **2023-01-08**:` then `  - 10:05 text`).
 */
function readTimeline(nodes: readonly RootContent[], source: string, problems: LegacyProblem[]): LegacyEvent[] {
  const events: LegacyEvent[] = [];
  const others: RootContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'list') {
      others.push(node);
      continue;
    }
    for (const item of (node as List).children) {
      const read = readEvents(item, source);
      if (typeof read === 'string') problems.push({ line: lineOf(item), message: read });
      else events.push(...read);
    }
  }
  unexpected(
    others,
    'the ## Timeline section',
    'only a list of "**YYYY-MM-DD**: what happened" items',
    source,
    problems,
  );
  return events;
}

const EXPECTED_ITEM = 'expected "**YYYY-MM-DD**: what happened" or "**YYYY-MM-DD hh:mm**: what happened"';

/** The events of one timeline item, or why it cannot be read as events. */
function readEvents(item: ListItem, source: string): LegacyEvent[] | string {
  const [paragraph, ...more] = item.children;
  const shown = JSON.stringify(shorten(slice(source, item).replace(/^[-*+]\s+|^\d+[.)]\s+/, '')));
  if (paragraph?.type !== 'paragraph')
    return `the timeline item ${shown} does not start with a line of text; ${EXPECTED_ITEM}`;
  const lead = leadingWhen(paragraph, DATE_FIRST);
  if (!lead) return `the timeline item ${shown} does not start with a date; ${EXPECTED_ITEM}`;
  const event = eventAfter(lead, paragraph, item, source);
  const [nested, ...rest] = more;
  if (!nested) return event ? [event] : `the timeline item ${shown} has a date but no text`;
  if (event || nested.type !== 'list' || rest.length > 0) {
    return `the timeline item ${shown} has more than one paragraph or a nested list; an event's text is one paragraph, so move the rest into a body section or make it events of its own`;
  }
  // A date with no text of its own and a list under it: one event per sub-item, on that date.
  const events: LegacyEvent[] = [];
  for (const sub of nested.children) {
    const [subParagraph, ...subMore] = sub.children;
    const subShown = JSON.stringify(shorten(slice(source, sub).replace(/^[-*+]\s+|^\d+[.)]\s+/, '')));
    if (subParagraph?.type !== 'paragraph' || subMore.length > 0) {
      return `the timeline item ${subShown} under ${lead.when} is not one paragraph; an event's text is one paragraph`;
    }
    const time = leadingWhen(subParagraph, TIME_FIRST);
    const subLead = time
      ? { ...time, when: `${lead.when} ${time.when}` }
      : { when: lead.when, after: offsetOf(subParagraph), plainLength: 0 };
    const subEvent = eventAfter(subLead, subParagraph, sub, source);
    if (!subEvent) return `the timeline item ${subShown} under ${lead.when} has no text`;
    events.push(subEvent);
  }
  return events;
}

interface Lead {
  readonly when: string;
  /** Offset just after the date or time as written. */
  readonly after: number;
  /** Length of the date or time in the paragraph's plain text. */
  readonly plainLength: number;
}

/** The event whose text follows `lead` in `paragraph`, or undefined when no text follows. */
function eventAfter(lead: Lead, paragraph: Paragraph, item: ListItem, source: string): LegacyEvent | undefined {
  const end = offsetOf(paragraph, 'end');
  // One separator between the date and the text (`: `, ` - `, ` — `), so a text that itself starts
  // with a dash keeps it.
  const separator = /^\s*[:\-–—]?\s*/.exec(source.slice(lead.after, end))?.[0] ?? '';
  const start = lead.after + separator.length;
  if (source.slice(start, end).trim() === '') return undefined;
  return {
    when: lead.when,
    text: { start, end, line: lineAt(source, start) },
    plain: toString(paragraph).slice(lead.plainLength),
    line: lineOf(item),
  };
}

const ZONE = '(?:\\s?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?';
const TIME = `\\d{1,2}:\\d{2}(?::\\d{2})?`;
/** A date (and time) at the start of a line of text, followed by a separator. */
const DATE_FIRST = {
  exact: LEGACY_WHEN,
  text: new RegExp(`^(\\d{4}-\\d{2}-\\d{2}(?:[T ]${TIME}${ZONE})?)\\s*[:\\-–—]\\s`, 'i'),
};
/** A time at the start of a sub-item's text: `10:05 UTC: text`, `10:05 - text`, `10:05 text`. */
const TIME_FIRST = {
  exact: new RegExp(`^${TIME}${ZONE}$`, 'i'),
  text: new RegExp(`^(${TIME}${ZONE})(?:\\s*[:\\-–—])?\\s`, 'i'),
};

/** The date or time a paragraph starts with: in `**bold**` or `*emphasis*`, or as plain text. */
function leadingWhen(paragraph: Paragraph, pattern: { exact: RegExp; text: RegExp }): Lead | undefined {
  const [first] = paragraph.children;
  if (!first) return undefined;
  if (first.type === 'strong' || first.type === 'emphasis') {
    const when = toString(first).trim().replace(/:$/, '').trim();
    if (!pattern.exact.test(when)) return undefined;
    return { when, after: offsetOf(first, 'end'), plainLength: toString(first).length };
  }
  if (first.type === 'text') {
    const when = pattern.text.exec(first.value)?.[1];
    if (when === undefined || !pattern.exact.test(when)) return undefined;
    return { when, after: offsetOf(first) + when.length, plainLength: when.length };
  }
  return undefined;
}

/** Records content of a structured section that has no place in the frontmatter. */
function unexpected(
  nodes: readonly RootContent[],
  where: string,
  expected: string,
  source: string,
  problems: LegacyProblem[],
): void {
  for (const node of nodes) {
    problems.push({
      line: lineOf(node),
      message: `${where} has ${describeNode(node)} ${JSON.stringify(shorten(slice(source, node)))}, which the importer has no place for; expected ${expected}. Move it into another section of the legacy file and import again`,
    });
  }
}

function describeNode(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return 'a paragraph';
    case 'heading':
      return 'a heading';
    case 'code':
      return 'a code block';
    case 'table':
      return 'a table';
    case 'blockquote':
      return 'a quote';
    case 'list':
      return 'a list';
    default:
      return `content (${node.type})`;
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** A node's source span, running to `end` (the next section) rather than the node's own end. */
function spanOf(node: Nodes, end: number): SourceSpan {
  return { start: offsetOf(node), end, line: lineOf(node) };
}

export function offsetOf(node: Nodes, which: 'start' | 'end' = 'start'): number {
  const offset = node.position?.[which].offset;
  if (offset === undefined) throw new Error(`A ${node.type} node has no source position`);
  return offset;
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

function slice(source: string, node: Nodes): string {
  return source.slice(offsetOf(node), offsetOf(node, 'end'));
}

/** 1-based line of an offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index !== -1 && index < offset; index = source.indexOf('\n', index + 1)) {
    line += 1;
  }
  return line;
}
