import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { rehypePostmortemSections } from '../../src/markdown/rehype-postmortem-sections.ts';

const processor = await createMarkdownProcessor({
  gfm: false,
  smartypants: false,
  remarkPlugins: [remarkGfm],
  rehypePlugins: [[rehypePostmortemSections, { contentDir: 'content/postmortems' }]],
});

const body = [
  'Intro.',
  '',
  '## Summary',
  '',
  'Short.',
  '',
  '### Detail',
  '',
  'More.',
  '',
  '## Root Cause',
  '',
  'Why.',
].join('\n');

describe('rehype-postmortem-sections', () => {
  it('wraps each ## section, with its deeper headings, in a section named after it', async () => {
    const { code } = await processor.render(body, {
      fileURL: new URL('file:///project/content/postmortems/001-x.md'),
    });
    expect(code).toMatchInlineSnapshot(`
      "<p>Intro.</p>
      <section class="hs-section hs-section--summary"><h2 id="summary">Summary</h2>
      <p>Short.</p>
      <h3 id="detail">Detail</h3>
      <p>More.</p>
      </section><section class="hs-section hs-section--root-cause"><h2 id="root-cause">Root Cause</h2>
      <p>Why.</p></section>"
    `);
  });

  it('leaves files outside the postmortems folder alone', async () => {
    const { code } = await processor.render(body, { fileURL: new URL('file:///project/docs/guide.md') });
    expect(code).not.toContain('<section');
  });
});
