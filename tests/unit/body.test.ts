import { describe, expect, it } from 'vitest';
import { outlineBody } from '../../src/lib/body.ts';

describe('outlineBody', () => {
  it('lists headings with their page ids and their lines in the file', () => {
    const outline = outlineBody('## Summary\n\nx\n\n## Cause\n\n### Why *this*?\n\n## Cause\n', 20);
    expect(outline.headings).toEqual([
      { depth: 2, text: 'Summary', slug: 'summary', line: 20 },
      { depth: 2, text: 'Cause', slug: 'cause', line: 24 },
      { depth: 3, text: 'Why this?', slug: 'why-this', line: 26 },
      { depth: 2, text: 'Cause', slug: 'cause-1', line: 28 },
    ]);
  });

  it('takes the first paragraph of ## Summary as the summary', () => {
    const outline = outlineBody('Intro.\n\n## Summary\n\nFirst  line\nsecond *line*.\n\nMore.\n\n## Cause\n\nNo.\n');
    expect(outline.summary).toBe('First line second line.');
    expect(outlineBody('## Cause\n\nNo summary here.\n').summary).toBeUndefined();
    expect(outlineBody('## Summary\n\n## Cause\n\nNot the summary.\n').summary).toBeUndefined();
  });

  it('collects links and definitions with their positions, but nothing inside code', () => {
    const body = [
      '## Cause',
      '',
      'See [the other](./002-other.md#cause) and `[not a link](./003-code.md)`.',
      '',
      '```md',
      '[not a link either](./004-fenced.md)',
      '```',
      '',
      '    [indented code](./005-indented.md)',
      '',
      'A [reference][ref] and <https://example.com/auto>.',
      '',
      '[ref]: ./006-defined.md',
    ].join('\n');
    expect(outlineBody(body, 10).links).toEqual([
      { url: './002-other.md#cause', line: 12, column: 5 },
      { url: 'https://example.com/auto', line: 20, column: 24 },
      { url: './006-defined.md', line: 22, column: 1 },
    ]);
  });

  it('reads GFM: links in table cells, task lists that are not links, strikethrough', () => {
    const body = [
      '## Prevention',
      '',
      '| Action | Link |',
      '| --- | --- |',
      '| Lease | [done](./007-lease.md) |',
      '',
      '- [x] ~~Restart by hand~~',
      '- [ ] Alert on long runs',
    ].join('\n');
    const outline = outlineBody(body);
    expect(outline.links.map((link) => [link.url, link.line])).toEqual([['./007-lease.md', 5]]);
    expect(outline.headings.map((heading) => heading.slug)).toEqual(['prevention']);
  });
});
