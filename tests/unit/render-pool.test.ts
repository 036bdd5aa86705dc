import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import type { ContentEntryType } from 'astro';
import { describe, expect, it } from 'vitest';
import {
  collectEvery,
  MIN_BODIES_PER_WORKER,
  RenderPool,
  RENDERS_BETWEEN_COLLECTIONS,
  renderingThrough,
  workerCount,
} from '../../src/loaders/render-pool.ts';
import { CAP_GROWTH_ABOVE_POSTMORTEMS } from '../../src/gc-tuning.ts';
import { markdownProcessor } from '../../src/markdown/pipeline.ts';
import { parseRenderWorkers } from '../../src/site.config.ts';

describe('workerCount', () => {
  it('starts one worker per core once each has enough bodies to pay for its start', () => {
    expect(workerCount(10_000, undefined, 2)).toBe(2);
    expect(workerCount(10_000, undefined, 8)).toBe(8);
    expect(workerCount(3 * MIN_BODIES_PER_WORKER, undefined, 8)).toBe(3);
  });

  it('renders on the main thread for a few bodies, or on one core', () => {
    expect(workerCount(MIN_BODIES_PER_WORKER - 1, undefined, 8)).toBe(0);
    expect(workerCount(1, undefined, 2)).toBe(0);
    expect(workerCount(10_000, undefined, 1)).toBe(0);
  });

  it('follows HINDSIGHT_RENDER_WORKERS, but starts none for nothing to render', () => {
    expect(workerCount(3, 2, 1)).toBe(2);
    expect(workerCount(10_000, 0, 8)).toBe(0);
    expect(workerCount(0, 2, 8)).toBe(0);
  });
});

describe('collectEvery', () => {
  it("collects a worker's heap every so many renders in a large pool only", () => {
    expect(collectEvery(1000)).toBe(0);
    expect(collectEvery(CAP_GROWTH_ABOVE_POSTMORTEMS + 1)).toBe(RENDERS_BETWEEN_COLLECTIONS);
  });
});

describe('parseRenderWorkers', () => {
  it('reads a count, and unset as automatic', () => {
    expect(parseRenderWorkers(undefined)).toBeUndefined();
    expect(parseRenderWorkers('')).toBeUndefined();
    expect(parseRenderWorkers('0')).toBe(0);
    expect(parseRenderWorkers('4')).toBe(4);
  });

  it.each(['two', '-1', '1.5', ' 2'])('refuses %j, naming the variable and what it expects', (value) => {
    expect(() => parseRenderWorkers(value)).toThrow(
      `HINDSIGHT_RENDER_WORKERS: received "${value}"; expected a whole number of worker threads`,
    );
  });
});

const markdown: ContentEntryType = {
  extensions: ['.md'],
  getEntryInfo: () => ({ data: {}, body: '', slug: '', rawData: '' }),
  getRenderFunction: async () => async (entry) => ({ html: `main thread: ${entry.body ?? ''}` }),
};
const entry = { id: 'x', data: {}, body: 'Body', filePath: '/project/content/postmortems/001-x.md' };
const config = {} as Parameters<NonNullable<ContentEntryType['getRenderFunction']>>[0];

async function renderWith(pool: Parameters<typeof renderingThrough>[1]) {
  const render = await renderingThrough(new Map([['.md', markdown]]), pool)
    .get('.md')
    ?.getRenderFunction?.(config);
  return render?.(entry);
}

describe('renderingThrough', () => {
  it('renders through the pool while it is open', async () => {
    const rendered = await renderWith({ open: true, render: async () => ({ html: 'worker' }) });
    expect(rendered).toEqual({ html: 'worker' });
  });

  it("renders on the main thread what the pool cannot, so Astro's own errors are reported", async () => {
    const rendered = await renderWith({ open: true, render: () => Promise.reject(new Error('lost')) });
    expect(rendered).toEqual({ html: 'main thread: Body' });
  });

  it('renders on the main thread once the pool has closed, as under astro dev', async () => {
    let asked = false;
    const closed = {
      open: false,
      render: async () => {
        asked = true;
        return { html: 'worker' };
      },
    };
    expect(await renderWith(closed)).toEqual({ html: 'main thread: Body' });
    expect(asked).toBe(false);
  });

  it('leaves the other entry types alone', () => {
    const mdx = { ...markdown, extensions: ['.mdx'] };
    const types = renderingThrough(
      new Map([
        ['.md', markdown],
        ['.mdx', mdx],
      ]),
      { open: false, render: () => Promise.reject(new Error('unused')) },
    );
    expect(types.get('.mdx')).toBe(mdx);
    expect(types.get('.md')).not.toBe(markdown);
  });
});

describe('RenderPool', () => {
  const contentDir = resolve('/project/content/postmortems');
  const pipeline = { base: '/', contentDir, root: pathToFileURL('/project/').href };
  const renderer = {
    image: { domains: [], remotePatterns: [] },
    syntaxHighlight: false as const,
    shikiConfig: markdownConfigDefaults.shikiConfig,
    gfm: true,
    smartypants: true,
  };
  const index = new Map([['002-disk-full', new Set(['summary', 'cause'])]]);
  const body = [
    '## Summary',
    '',
    'See [the disk](./002-disk-full.md#cause) and <b onclick="x()">raw</b> HTML.',
    '',
    '```ts',
    'const limit = 10;',
    '```',
    '',
    '| a | b |',
    '| - | - |',
    '| 1 | 2 |',
  ].join('\n');

  it('renders a body as the main thread does once it has the link targets, and refuses work once closed', async () => {
    const pool = new RenderPool(1, { pipeline, renderer });
    const filePath = `${contentDir}/001-x.md`;
    try {
      // The workers start before the files are checked; a body waits for the link targets.
      await expect(pool.render({ id: '001-x', data: {}, body, filePath })).rejects.toThrow('no link targets yet');
      pool.share(index);
      const rendered = await pool.render({ id: '001-x', data: { title: 'X' }, body, filePath });
      const local = await markdownProcessor({ ...pipeline, index }).createRenderer(renderer);
      const { code, metadata } = await local.render(body, {
        frontmatter: { title: 'X' },
        fileURL: pathToFileURL(filePath),
      });
      expect(rendered.html).toBe(code);
      expect(rendered.html).toContain('href="/postmortems/002-disk-full/#cause"');
      expect(rendered.metadata).toEqual({ ...metadata, imagePaths: [] });
    } finally {
      await pool.close();
    }
    expect(pool.open).toBe(false);
    await expect(pool.render({ id: '001-x', data: {}, body, filePath })).rejects.toThrow('closed');
  });

  it('renders the same while its workers collect their heaps between renders', async () => {
    const filePath = `${contentDir}/001-x.md`;
    const renderTwice = async (every: number) => {
      const pool = new RenderPool(1, { pipeline, renderer, collectEvery: every });
      try {
        pool.share(index);
        const first = await pool.render({ id: '001-x', data: {}, body, filePath });
        const second = await pool.render({ id: '001-x', data: {}, body, filePath });
        return [first.html, second.html];
      } finally {
        await pool.close();
      }
    };
    const collecting = await renderTwice(1);
    expect(collecting).toEqual(await renderTwice(0));
    expect(collecting[0]).toContain('href="/postmortems/002-disk-full/#cause"');
  });

  it('says so once when a worker fails, and leaves the rest to the main thread', async () => {
    const failures: string[] = [];
    // A worker that cannot start: its processor has no options to be made from.
    const broken = { pipeline: undefined, renderer } as unknown as ConstructorParameters<typeof RenderPool>[1];
    const pool = new RenderPool(2, broken, (error) => failures.push(error.message));
    pool.share(index);
    try {
      await expect(pool.render({ id: '001-x', data: {}, body, filePath: `${contentDir}/001-x.md` })).rejects.toThrow();
      expect(pool.open).toBe(false);
      expect(failures).toHaveLength(1);
    } finally {
      await pool.close();
    }
    expect(failures).toHaveLength(1);
  });

  it('goes on without workers when none can be started, and says so once', async () => {
    const failures: string[] = [];
    const pool = new RenderPool(
      2,
      { pipeline, renderer },
      (error) => failures.push(error.message),
      new URL('https://example.com/render-worker.js'),
    );
    expect(pool.open).toBe(false);
    expect(failures).toHaveLength(1);
    await expect(pool.render({ id: '001-x', data: {}, body, filePath: `${contentDir}/001-x.md` })).rejects.toThrow(
      'closed',
    );
    await pool.close();
  });
});
