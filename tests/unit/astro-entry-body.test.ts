/**
 * The postmortem loader gives Astro's glob loader a checked file's body without Astro parsing its
 * frontmatter again (src/lib/astro-entry-body.ts): it must be the body Astro would read.
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { astroEntryText } from '../../src/lib/astro-entry-body.ts';

/** What Astro's Markdown entry type reads (astro/dist/vite-plugin-markdown/content-entry-type.js). */
function astroReads(contents: string): { body: string; rawData: string } {
  const parsed = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' });
  return { body: parsed.content.trim(), rawData: parsed.rawFrontmatter };
}

const texts: Record<string, string> = {
  'frontmatter and body': '---\ntitle: Queue backlog\ndate: 2024-05-02\n---\n\n## Summary\n\nText.\n',
  'CRLF line ends': '---\r\ntitle: Queue backlog\r\n---\r\n\r\n## Summary\r\n\r\nText.\r\n',
  'a byte order mark': '\uFEFF---\ntitle: Queue backlog\n---\nText.',
  'blank lines before the frontmatter': '\n\n---\ntitle: Queue backlog\n---\nText.',
  'no frontmatter': '## Summary\n\nText with --- in it.\n',
  'an empty body': '---\ntitle: Queue backlog\n---\n',
  'a rule in the body': '---\ntitle: Queue backlog\n---\nAbove.\n\n---\n\nBelow.\n',
  'the frontmatter text again in the body': '---\na: 1\n---\n---\na: 1\n---\n',
  'TOML frontmatter': '+++\ntitle = "Queue backlog"\n+++\nText.',
  'a body indented with spaces': '---\ntitle: x\n---\n    code block\n',
};

describe('astroEntryText', () => {
  it.each(Object.entries(texts))('reads the body Astro reads, with %s', (_, contents) => {
    expect(astroEntryText(contents)).toEqual(astroReads(contents));
  });

  it('reads the body Astro reads of generated postmortems', () => {
    for (const { source } of generatePostmortems({ count: 60, seed: 5 })) {
      expect(astroEntryText(source)).toEqual(astroReads(source));
    }
  });
});
