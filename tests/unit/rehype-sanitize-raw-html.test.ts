/**
 * The sanitiser through the real pipeline (`src/markdown/pipeline.ts`, as the build uses it):
 * every way raw HTML or a Markdown link could carry script or hide content is dropped, and what
 * GFM and our own plugins make survives.
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Root } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { splitFrontmatter } from '../../src/lib/frontmatter.ts';
import { hasRawHtml, schema } from '../../src/markdown/rehype-sanitize-raw-html.ts';
import { rehypePipeline, remarkPipeline } from '../../src/markdown/pipeline.ts';
import { attacks } from '../support/attacks.ts';
import { unsafeParts } from '../support/unsafe-html.ts';

const contentDir = 'content/postmortems';
const processor = await createMarkdownProcessor({
  syntaxHighlight: false,
  gfm: false,
  smartypants: false,
  remarkPlugins: remarkPipeline({ base: '/', contentDir, root: '/project/', index: new Map() }),
  rehypePlugins: rehypePipeline({ contentDir }),
});

const render = async (markdown: string, path = 'content/postmortems/001-x.md') =>
  (await processor.render(markdown, { fileURL: new URL(`file:///project/${path}`) })).code;

/** Classes our pipeline and GFM write. */
const PIPELINE_CLASSES = [
  'hs-section',
  'hs-section--summary',
  'hs-section--cause',
  'contains-task-list',
  'task-list-item',
  'footnotes',
  'sr-only',
  'data-footnote-backref',
];

describe('rehype-sanitize-raw-html, in the pipeline', () => {
  it.each(Object.entries(attacks))('drops %s', async (_, attack) => {
    const html = await render(`## Summary\n\nBefore.\n\n${attack}\n\nAfter, with ${attack} inline.\n`);
    expect(unsafeParts(html, { allowedClasses: PIPELINE_CLASSES })).toEqual([]);
    expect(html).toContain('<p>Before.</p>');
    expect(html).not.toMatch(/alert|evil\.example|display:\s*none|msgbox/i);
  });

  it('drops the contents of elements that are not text, instead of showing them', async () => {
    const html = await render('<style>main { display: none }</style><iframe>fallback</iframe>\n\nKept.');
    expect(html).not.toMatch(/display|fallback/);
    expect(html).toContain('Kept.');
  });

  it('keeps the HTML and the GFM a postmortem needs', async () => {
    const markdown = [
      '## Summary',
      '',
      'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>. <img src="chart.png" alt="chart"> H<sub>2</sub>O',
      '',
      '<details><summary>Logs</summary>',
      '',
      'Kept **as Markdown**.',
      '',
      '</details>',
      '',
      '| a | b |',
      '|:-:|--:|',
      '| 1 | 2 |',
      '',
      '- [x] done',
      '- [ ] open',
      '',
      'A note.[^1]',
      '',
      '[^1]: The footnote.',
    ].join('\n');
    const html = await render(markdown);
    expect(unsafeParts(html, { allowedClasses: PIPELINE_CLASSES })).toEqual([]);
    expect(html).toContain('<h2 id="summary">Summary</h2>');
    expect(html).toContain('<kbd>Ctrl</kbd>+<kbd>C</kbd>');
    expect(html).toContain('<img src="chart.png" alt="chart">');
    expect(html).toContain('H<sub>2</sub>O');
    expect(html).toMatch(
      /<details><summary>Logs<\/summary>\s*<p>Kept <strong>as Markdown<\/strong>.<\/p>\s*<\/details>/,
    );
    expect(html).toMatch(/<th align="center">a<\/th>\s*<th align="right">b<\/th>/);
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(html).toContain('<section data-footnotes="" class="footnotes">');
    expect(html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref/);
  });

  it('highlights code after sanitising, so only our own styles are in the page', async () => {
    const html = await render(
      ['## Summary', '', '```sh', 'echo "<script>alert(1)</script>"', '```', '', '<pre><code>raw</code></pre>'].join(
        '\n',
      ),
    );
    expect(html).toMatch(/<pre class="astro-code [^"]*" style="[^"]+" tabindex="0" data-language="sh">/);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(unsafeParts(html, { allowedClasses: PIPELINE_CLASSES })).toEqual([]);
  });

  it('wraps the sections after sanitising, so their classes are kept', async () => {
    const html = await render('## Summary\n\nS.\n\n## Cause\n\nC.');
    expect(html).toMatch(/<section class="hs-section hs-section--summary"><h2 id="summary">/);
    expect(html).toMatch(/<section class="hs-section hs-section--cause"><h2 id="cause">/);
  });

  it('leaves MDX and files outside the postmortems folder alone', async () => {
    expect(await render('<script>alert("pwned")</script>', 'docs/guide.md')).toContain(
      '<script>alert("pwned")</script>',
    );
  });
});

describe('a body without raw HTML', () => {
  const hast = (markdown: string) =>
    toHast(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), {
      allowDangerousHtml: true,
    }) as Root;

  it('is told apart from one with raw HTML, wherever the HTML is', () => {
    expect(hasRawHtml(hast('## A\n\n| a |\n|---|\n| `<b>` |\n\n- [x] *b* [c](./d.md)\n'))).toBe(false);
    expect(hasRawHtml(hast('Text <kbd>x</kbd>.'))).toBe(true);
    expect(hasRawHtml(hast('- a\n  - b <!-- c -->\n'))).toBe(true);
    expect(hasRawHtml(hast('<details>\n\nx\n\n</details>'))).toBe(true);
  });

  it('is sanitised to the same tree without folding raw HTML in first', () => {
    const bodies = generatePostmortems({ count: 60, seed: 5 }).map(
      ({ source }) => splitFrontmatter(source)?.body ?? source,
    );
    const plain = bodies.filter((body) => !hasRawHtml(hast(body)));
    expect(plain.length).toBeGreaterThan(50);
    for (const body of plain) {
      expect(toHtml(sanitize(hast(body), schema))).toBe(toHtml(sanitize(raw(hast(body)), schema)));
    }
  });
});

describe('rehype-external-links, in the pipeline', () => {
  it('adds rel="noopener noreferrer" to links that leave the site, and no target', async () => {
    const html = await render(
      [
        '[status](https://status.example.com/) <https://grafana.example.com/d/1>',
        '<a href="//cdn.example.com/x">cdn</a> <a href="https://wiki.example.com/x" rel="opener">wiki</a>',
        '[cause](#cause) [home](/) [mail](mailto:oncall@example.com)',
      ].join('\n'),
    );
    expect(html).toContain('<a href="https://status.example.com/" rel="noopener noreferrer">status</a>');
    expect(html).toContain('<a href="https://grafana.example.com/d/1" rel="noopener noreferrer">');
    expect(html).toContain('<a href="//cdn.example.com/x" rel="noopener noreferrer">cdn</a>');
    // The sanitiser drops a `rel` written in raw HTML before ours is added.
    expect(html).toContain('<a href="https://wiki.example.com/x" rel="noopener noreferrer">wiki</a>');
    expect(html).toContain('<a href="#cause">cause</a>');
    expect(html).toContain('<a href="/">home</a>');
    expect(html).toContain('<a href="mailto:oncall@example.com">mail</a>');
    expect(html).not.toContain('target=');
  });
});
