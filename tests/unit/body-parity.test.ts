/**
 * The outline parses bodies with Sätteri's native parser; the renderer parses them with micromark
 * (remark-gfm). A heading id or a link the two read differently would make the validator accept a
 * broken fragment or reject a good one, so this holds them to the same outline on every body the
 * project has, the generated benchmark set and the corners of CommonMark and GFM below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { hasRawHtml, outlineBody, outlineTree } from '../../src/lib/body.ts';
import { splitFrontmatter } from '../../src/lib/frontmatter.ts';
import { attacks } from '../support/attacks.ts';

/** The outline as the renderer's parser (micromark with all of GFM) reads the body. */
function rendererOutline(body: string, firstLine = 1) {
  return outlineTree(
    fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Nodes,
    firstLine,
  );
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const corners: Record<string, string> = {
  'setext headings': 'Title\n=====\n\nSub *title*\n---\n\nText\n',
  'headings in lists and quotes': '- ## In a list\n\n> ### In a quote\n>\n> [quoted](./001-a.md)\n',
  'closing hashes and escapes': '## Cause ##\n\n## \\# not a hash\n\n## A \\*star\\*\n',
  'inline code, emphasis and entities in headings':
    '## The `etcd` lease &amp; *its* **renewal**\n\n## Caf&eacute; &#35;1\n',
  'links and images in headings': '## See [the runbook](./002-b.md#x) ![alt text](./img.png)\n',
  'duplicate and empty headings': '## Cause\n\n## Cause\n\n##\n\n## Cause 1\n\n## Cause\n',
  'punctuation and unicode in headings': '## What went wrong? (part 1/2)\n\n## Éditions — 2024\n\n## 日本語の見出し\n',
  'code is not an outline': '```\n## not a heading\n[not](./x.md)\n```\n\n~~~md\n# nor this\n~~~\n\n    ## indented\n',
  'html blocks':
    '<div>\n\n## Inside html\n\n</div>\n\n<!-- [hidden](./h.md) -->\n\n<details><summary>x</summary>\n\n[shown](./s.md)\n\n</details>\n',
  'reference links and definitions':
    '[one][a], [two][], [three]\n\n[a]: ./001-a.md "Title"\n[two]: <./002 b.md>\n[three]:\n  ./003-c.md#cause\n',
  autolinks: '<https://example.com/x> and <mail@example.com>\n',
  'autolink literals': 'See www.example.com/a, https://example.com/b. and ops@example.com\n',
  'nested brackets and titles':
    '[a [nested] text](./001-a.md#cause "t") and [b](<./002-b.md> \'t\') and [c](./003-c.md (t))\n',
  'escaped and broken links': '\\[not](./x.md) and [not (./y.md) and [ok](./z.md\n',
  'tables with links and pipes': '| a | b |\n|---|:-:|\n| [x](./001-a.md) | `a \\| b` |\n| [y](./002-b.md#c) |\n',
  footnotes: 'Text[^1] and more[^note].\n\n[^1]: The [first](./001-a.md) note.\n[^note]: Second.\n',
  'task lists and strikethrough': '- [x] ~~done~~ [link](./001-a.md)\n- [ ] todo\n  - [ ] nested [deep](./002-b.md)\n',
  'TODO paragraphs':
    '## Summary\n\nTODO: write it\n\n- TODO: in a list\n\n> TODO: in a quote\n\n```\nTODO: in code\n```\n',
  'summary across lines': 'Intro\n\n## Summary\n\nFirst  line\nsecond *line* with `code`.\n\n## Cause\n',
  'crlf line endings': '## Summary\r\n\r\nText [a](./001-a.md)\r\n\r\n## Cause\r\n\r\n- [b](./002-b.md)\r\n',
  'tabs and deep indentation': '-\tItem [a](./001-a.md)\n\n  1. sub [b](./002-b.md)\n\n     ### Deep heading\n',
  'hard breaks and trailing spaces': '## Summary  \n\nLine one  \nline two\\\nline three [x](./x.md)\n',
  'images and links in image alt': '![a [b](./001-a.md) c](./img.png)\n\n[![badge](./b.png)](./002-b.md)\n',
};

describe('the outline parser agrees with the renderer parser', () => {
  it.each(Object.entries(corners))('%s', (_, body) => {
    expect(outlineBody(body, 7)).toEqual(rendererOutline(body, 7));
  });

  // Sätteri ends no `<script>` block at `</sCrIpT>`: bodies with raw HTML are micromark's.
  it.each(Object.entries(attacks))('with raw HTML, %s', (_, attack) => {
    const body = `## Summary\n\n${attack}\n\nInline: ${attack}\n\n## Cause\n\n[x](./001-a.md#b)\n`;
    expect(outlineBody(body).headings.map(({ text }) => text)).toEqual(['Summary', 'Cause']);
    expect(outlineBody(body)).toEqual(rendererOutline(body));
  });

  it('leaves autolinks to the native parser, and raw HTML to micromark', () => {
    expect(hasRawHtml('<https://example.com/x> and <ops@example.com>, 1 < 2 and 3 <= 4')).toBe(false);
    expect(hasRawHtml(`## Summary\n\n${attacks['a script element in odd case, with a source']}\n`)).toBe(true);
    expect(hasRawHtml('Text <kbd>x</kbd>')).toBe(true);
    expect(hasRawHtml('<!-- note -->')).toBe(true);
    expect(hasRawHtml('<br/>')).toBe(true);
  });

  it('on every Markdown file of the project and its fixtures', () => {
    const files = [...markdownFiles('content'), ...markdownFiles('tests/fixtures'), ...markdownFiles('docs')];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const { body, bodyLine } = splitFrontmatter(source) ?? { body: source, bodyLine: 1 };
      expect({ file, outline: outlineBody(body, bodyLine) }).toEqual({
        file,
        outline: rendererOutline(body, bodyLine),
      });
    }
  });

  it('on the generated benchmark set', () => {
    for (const { source } of generatePostmortems({ count: 150, seed: 3 })) {
      const { body, bodyLine } = splitFrontmatter(source) ?? { body: source, bodyLine: 1 };
      expect(outlineBody(body, bodyLine)).toEqual(rendererOutline(body, bodyLine));
    }
  });
});
