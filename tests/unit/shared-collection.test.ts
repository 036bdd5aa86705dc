import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { outlineBody } from '../../src/lib/body.ts';
import { shareCollection, sharedCollection, sharedOutline } from '../../src/lib/shared-collection.ts';
import remarkPostmortemLinks from '../../src/markdown/remark-postmortem-links.ts';

describe('the collection the loader shares', () => {
  it('is found by its folder, and gives an outline only for the very body it was made from', () => {
    const body = '## Summary\n\nShort.\n';
    const outline = outlineBody(body);
    shareCollection('/project/content/a', { index: new Map(), bodies: new Map([['001-a', { body, outline }]]) });
    expect(sharedCollection('/project/content/b')).toBeUndefined();
    expect(sharedOutline('/project/content/a', '001-a', `\n${body}`)).toBe(outline);
    expect(sharedOutline('/project/content/a', '001-a', '## Summary\n\nChanged.\n')).toBeUndefined();
    expect(sharedOutline('/project/content/a', '002-b', body)).toBeUndefined();
  });

  it('gives the remark plugin its link targets, so it does not read and validate the files again', async () => {
    // The folder is empty on disk: the only way the link can resolve is through the shared index.
    const root = await mkdtemp(join(tmpdir(), 'hindsight-shared-'));
    try {
      const dir = join(root, 'content/postmortems');
      await mkdir(dir, { recursive: true });
      shareCollection(dir, {
        index: new Map([['001-disk-full', new Set(['cause', 'timeline'])]]),
        bodies: new Map(),
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
