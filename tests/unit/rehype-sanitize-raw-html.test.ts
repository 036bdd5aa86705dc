import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { rehypeSanitizeRawHtml } from '../../src/markdown/rehype-sanitize-raw-html.ts';

const processor = await createMarkdownProcessor({
  gfm: false,
  smartypants: false,
  remarkPlugins: [remarkGfm],
  rehypePlugins: [[rehypeSanitizeRawHtml, { contentDir: 'content/postmortems' }]],
});

const markdown = [
  '## Summary',
  '',
  'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>. <img src="x.png" onerror="alert(1)" alt="chart">',
  '',
  '<script>alert("pwned")</script>',
  '',
  '<a href="javascript:alert(1)" onclick="alert(2)">click</a> and <a href="https://status.example.com">status</a>',
  '',
  '<details><summary>Logs</summary>',
  '',
  'Kept **as Markdown**.',
  '',
  '</details>',
  '',
  '```sh',
  'echo hello',
  '```',
].join('\n');

const render = (path: string) => processor.render(markdown, { fileURL: new URL(`file:///project/${path}`) });

describe('rehype-sanitize-raw-html', () => {
  it('drops scripts, event handlers and javascript: URLs from raw HTML in a postmortem', async () => {
    const { code } = await render('content/postmortems/001-x.md');
    expect(code).not.toMatch(/<script|onerror|onclick|javascript:/);
    expect(code).toContain('<kbd>Ctrl</kbd>+<kbd>C</kbd>');
    expect(code).toContain('<img src="x.png" alt="chart">');
    expect(code).toContain('<a href="https://status.example.com">status</a>');
    expect(code).toMatch(
      /<details><summary>Logs<\/summary>\s*<p>Kept <strong>as Markdown<\/strong>.<\/p>\s*<\/details>/,
    );
  });

  it('keeps the heading ids and the highlighted code of the pipeline', async () => {
    const { code } = await render('content/postmortems/001-x.md');
    expect(code).toContain('<h2 id="summary">Summary</h2>');
    expect(code).toMatch(/<pre class="astro-code[^"]*" style="[^"]+"/);
    expect(code).toMatch(/<span style="[^"]+">echo<\/span>/);
  });

  it('leaves files outside the postmortems folder alone', async () => {
    const { code } = await render('docs/guide.md');
    expect(code).toContain('<script>alert("pwned")</script>');
  });
});
