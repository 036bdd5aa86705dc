/**
 * The outline parses bodies with Sätteri's native parser; the renderer parses them with micromark
 * (remark-gfm). A heading id or a link the two read differently would make the validator accept a
 * broken fragment or reject a good one, so this holds them to the same outline on every body the
 * project has, the generated benchmark set and the corners of CommonMark and GFM in
 * tests/support/markdown-corners.ts.
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
import { corners } from '../support/markdown-corners.ts';

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
