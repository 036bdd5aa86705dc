/**
 * Most event texts are parsed by Sätteri's native parser, the rest by micromark with block syntax
 * turned off (src/lib/inline-markdown.ts). For every text the fast path takes, both must give the
 * same tree, or a text would render differently depending on which parser read it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/frontmatter.ts';
import { isPlainParagraph, parseInlineMarkdown, parseInlineMarkdownSlowly } from '../../src/lib/inline-markdown.ts';

/** The tree without positions, which only error messages use (and which count from the text). */
function shape(node: Nodes): unknown {
  const rest: Record<string, unknown> = { ...node };
  delete rest['position'];
  return 'children' in node ? { ...rest, children: node.children.map((child) => shape(child as Nodes)) } : rest;
}

const corners = [
  'Plain text.',
  'The `etcd` lease *expired*, **twice**, and ~~nobody~~ noticed.',
  'See [the cause](./001-a.md#cause), [a ref][ref] and [ref].',
  'Links: https://status.example.com/x, www.example.com and ops@example.com.',
  'Escapes: \\*not emphasis\\*, \\[not a link], a back\\\\slash.',
  'Entities: &amp; &copy; &#35; &nbsp;done',
  'An image ![chart](./chart.png "Title") and [![badge](./b.png)](./002-b.md).',
  'Footnote call[^1] without a definition.',
  'Pipes | in | text and a trailing backslash\\',
  'Emphasis_with_underscores_inside and *nested **strong** emphasis*.',
  'Unclosed *emphasis and `code and [link',
  'Code with `` ` `` backticks and ```triple``` ones.',
  'Ends with two spaces is not a break',
  'Über-wichtig: café, naïve, 日本語, emoji 🔥 and RTL עברית.',
  'Percent %20 and query ?a=1&b=2 in [a link](./001-a.md?x=1#y).',
  'Autolink-like but not: http:/broken and www. and @handle.',
  '',
];

/** Every text the fast path would not take is still rendered, by the slow one: not compared here. */
const slowOnly = [
  '# Not a heading',
  '- not a list',
  '1. not a list',
  '> not a quote',
  '<b>raw</b>',
  'two\nlines',
  ' padded',
];

describe('the native inline parse agrees with the inline-only micromark parse', () => {
  it.each(corners)('%j', (text) => {
    expect(isPlainParagraph(text)).toBe(true);
    expect(shape(parseInlineMarkdown(text))).toEqual(shape(parseInlineMarkdownSlowly(text)));
  });

  it('on every event text of the generated set and the fixtures', () => {
    const texts = generatePostmortems({ count: 300, seed: 9 }).flatMap(({ source }) => timelineTexts(source));
    const fixtures = readdirSync('tests/fixtures', { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .flatMap((entry) => timelineTexts(readFileSync(join(entry.parentPath, entry.name), 'utf8')));
    expect(texts.length).toBeGreaterThan(3000);
    expect(texts.filter(isPlainParagraph).length).toBeGreaterThan(texts.length * 0.9);
    for (const text of [...texts, ...fixtures]) {
      expect({ text, tree: shape(parseInlineMarkdown(text)) }).toEqual({
        text,
        tree: shape(parseInlineMarkdownSlowly(text)),
      });
    }
  });

  it.each(slowOnly)('reads block syntax as text: %j', (text) => {
    expect(isPlainParagraph(text)).toBe(false);
    const tree = parseInlineMarkdown(text);
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph']);
  });
});

function timelineTexts(source: string): string[] {
  const split = splitFrontmatter(source);
  if (!split) return [];
  try {
    const { data } = parseFrontmatter(split);
    const timeline = (data as { timeline?: unknown } | undefined)?.timeline;
    return Array.isArray(timeline)
      ? timeline.flatMap((event) =>
          typeof (event as { text?: unknown }).text === 'string' ? [(event as { text: string }).text] : [],
        )
      : [];
  } catch {
    return [];
  }
}
