import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { outlineBody } from '../../src/lib/body.ts';
import { shareCollection, sharedCollection, sharedPostmortemCount } from '../../src/lib/shared-collection.ts';
import remarkPostmortemLinks from '../../src/markdown/remark-postmortem-links.ts';

describe('the collection the loader shares', () => {
  it('is found by its folder', () => {
    const outline = outlineBody('## Summary\n\nShort.\n');
    const collection = { index: new Map(), outlines: new Map([['001-a', outline]]) };
    shareCollection('/project/content/a', collection);
    expect(sharedCollection('/project/content/a')).toBe(collection);
    expect(sharedCollection('/project/content/a')?.outlines.get('001-a')).toBe(outline);
    expect(sharedCollection('/project/content/b')).toBeUndefined();
  });

  it('counts the postmortems of every collection shared in the process', () => {
    const outline = outlineBody('## Summary\n\nShort.\n');
    const before = sharedPostmortemCount();
    shareCollection('/project/content/counted', {
      index: new Map(),
      outlines: new Map([
        ['001-a', outline],
        ['002-b', outline],
      ]),
    });
    expect(sharedPostmortemCount()).toBe(before + 2);
    // Shared again (the next sync of the same folder), it replaces the first.
    shareCollection('/project/content/counted', { index: new Map(), outlines: new Map([['001-a', outline]]) });
    expect(sharedPostmortemCount()).toBe(before + 1);
  });

  it('gives the remark plugin its link targets, so it does not read and validate the files again', async () => {
    // The folder is empty on disk: the only way the link can resolve is through the shared index.
    const root = await mkdtemp(join(tmpdir(), 'hindsight-shared-'));
    try {
      const dir = join(root, 'content/postmortems');
      await mkdir(dir, { recursive: true });
      shareCollection(dir, {
        index: new Map([['001-disk-full', new Set(['cause', 'timeline'])]]),
        outlines: new Map(),
      });
      const renderer = await createMarkdownProcessor({
        gfm: false,
        smartypants: false,
        remarkPlugins: [remarkGfm, [remarkPostmortemLinks, { base: '/', contentDir: dir, root }]],
      });
      const { code } = await renderer.render('See [the first](./001-disk-full.md#cause).', {
        fileURL: pathToFileURL(join(dir, '002-again.md')),
      });
      expect(code).toContain('href="/postmortems/001-disk-full/#cause"');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
