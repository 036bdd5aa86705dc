import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const startIndexingAhead = vi.hoisted(() => vi.fn());
const stopIndexingAhead = vi.hoisted(() => vi.fn());
vi.mock('../../scripts/lib/search-index.ts', () => ({
  startIndexingAhead,
  stopIndexingAhead,
  searchCacheDir: (root: string) => join(root, 'cache'),
}));

const { MAX_PARTS_AHEAD, POSTMORTEM_PAGE, postmortemIdOf, searchIndexAhead, waitForFiles } =
  await import('../../src/search-ahead.ts');

const encoder = new TextEncoder();
const [ACTIONS, FEED, TERM] = [
  'src/pages/actions/[...actions].astro',
  'src/pages/rss.xml.ts',
  'src/pages/[taxonomy]/[term].astro',
];
let root = '';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hindsight-ahead-'));
  startIndexingAhead.mockReset();
  startIndexingAhead.mockResolvedValue([3]);
  stopIndexingAhead.mockReset();
  stopIndexingAhead.mockResolvedValue(1);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const route = (component: string) => ({ component }) as never;
const request = (path: string) => new Request(`https://wiki.example.com/hindsight${path}`);

/** The integration's hooks and observer, configured for a project in `root`. */
function ahead(outputKept: boolean) {
  const logger = { info: vi.fn(), warn: vi.fn() };
  const { integration, observer } = searchIndexAhead({ outputKept: () => outputKept });
  const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
  hooks['astro:config:done']?.({
    config: { outDir: pathToFileURL(join(root, 'dist/')), root: pathToFileURL(`${root}/`) },
    logger,
  });
  // The actions page and the taxonomy pages have keys; the feed has none.
  observer.paths?.(
    [ACTIONS, POSTMORTEM_PAGE, POSTMORTEM_PAGE, FEED, TERM].map((component, index) => ({
      pathname: `/${index}/`,
      route: route(component),
      ...(component === FEED ? {} : { cacheKey: `key ${index}` }),
    })),
  );
  return {
    observer,
    logger,
    generated: () => hooks['astro:build:generated']?.({}),
    done: () => hooks['astro:build:done']?.({}),
  };
}

/** Renders a postmortem's page through the observer and writes it where Astro would. */
function renderPage(observer: ReturnType<typeof ahead>['observer'], id: string, text: string, write = true): void {
  const bytes = encoder.encode(text);
  observer.rendering?.(request(`/postmortems/${id}/`), route(POSTMORTEM_PAGE));
  observer.rendered?.(request(`/postmortems/${id}/`), route(POSTMORTEM_PAGE), bytes);
  if (write) {
    mkdirSync(join(root, 'dist', 'postmortems', id), { recursive: true });
    writeFileSync(join(root, 'dist', 'postmortems', id, 'index.html'), bytes);
  }
}

describe('postmortemIdOf', () => {
  it('takes the id from the last part of the page’s path, under any base path', () => {
    expect(postmortemIdOf(request('/postmortems/042-dns-outage/'))).toBe('042-dns-outage');
    expect(postmortemIdOf(new Request('https://x.example/postmortems/%C3%A9t%C3%A9'))).toBe('été');
  });
});

describe('waitForFiles', () => {
  it('waits until each file holds its bytes, and gives up after the time allowed', async () => {
    const file = join(root, 'page.html');
    writeFileSync(file, 'old');
    setTimeout(() => writeFileSync(file, 'new'), 30);
    await expect(waitForFiles(new Map([[file, encoder.encode('new')]]), 2000, 5)).resolves.toBe(true);
    await expect(waitForFiles(new Map([[file, encoder.encode('never')]]), 30, 5)).resolves.toBe(false);
    await expect(waitForFiles(new Map([[join(root, 'missing'), encoder.encode('x')]]), 20, 5)).resolves.toBe(false);
  });
});

describe('searchIndexAhead', () => {
  it('indexes the rendered postmortems’ parts once their pages are written, and the build waits for it', async () => {
    const { observer, logger, done } = ahead(true);
    renderPage(observer, '001-queue', '<p>Queue</p>');
    renderPage(observer, '002-cache', '<p>Cache</p>');
    expect(startIndexingAhead).not.toHaveBeenCalled();
    // The feed comes after every postmortem page: they are all rendered now.
    observer.rendering?.(request('/rss.xml'), route(FEED));
    await done();
    expect(startIndexingAhead).toHaveBeenCalledOnce();
    const [outDir, ids, options] = startIndexingAhead.mock.calls[0] as [string, Iterable<string>, object];
    expect(outDir).toBe(join(root, 'dist/'));
    expect([...ids]).toEqual(['001-queue', '002-cache']);
    expect(options).toEqual({ cacheDir: join(root, 'cache'), maxParts: MAX_PARTS_AHEAD });
    expect(logger.info).toHaveBeenCalledWith('indexing part 4 of the search index ahead');
  });

  it('starts at the end of generation when no later route renders', async () => {
    const { observer, generated, done } = ahead(true);
    renderPage(observer, '001-queue', '<p>Queue</p>');
    expect(startIndexingAhead).not.toHaveBeenCalled();
    generated();
    await done();
    expect(startIndexingAhead).toHaveBeenCalledOnce();
  });

  it('does nothing in a build that did not keep the last output, or when no postmortem page rendered', async () => {
    const cold = ahead(false);
    renderPage(cold.observer, '001-queue', '<p>Queue</p>');
    cold.generated();
    await cold.done();
    const copied = ahead(true);
    copied.observer.rendering?.(request('/rss.xml'), route(FEED));
    await copied.done();
    expect(startIndexingAhead).not.toHaveBeenCalled();
  });

  it('stops indexing ahead once a changed page of another keyed route renders, and never starts at one', async () => {
    const { observer, logger, done } = ahead(true);
    // The actions page renders before the postmortems': written by the time Pagefind would start.
    observer.rendering?.(request('/actions/'), route(ACTIONS));
    renderPage(observer, '001-queue', '<p>Queue</p>');
    observer.rendering?.(request('/rss.xml'), route(FEED));
    observer.rendering?.(request('/levels/outage/'), route(TERM));
    await done();
    expect(startIndexingAhead).toHaveBeenCalledOnce();
    expect(stopIndexingAhead).toHaveBeenCalledOnce();
    expect(stopIndexingAhead.mock.invocationCallOrder[0]).toBeGreaterThan(
      startIndexingAhead.mock.invocationCallOrder[0] ?? Infinity,
    );
    expect(logger.info).toHaveBeenLastCalledWith(
      "other pages changed too: the edited postmortems' search part is indexed after the build",
    );

    startIndexingAhead.mockClear();
    const other = ahead(true);
    renderPage(other.observer, '001-queue', '<p>Queue</p>');
    // The first page after the postmortems' is a changed taxonomy page: nothing starts.
    other.observer.rendering?.(request('/levels/outage/'), route(TERM));
    other.generated();
    await other.done();
    expect(startIndexingAhead).not.toHaveBeenCalled();
  });

  it('indexes nothing ahead when many postmortem pages rendered, whose bytes it does not keep', async () => {
    const { observer, generated, done } = ahead(true);
    for (let page = 0; page <= 200; page += 1) renderPage(observer, `${page}-incident`, `<p>${page}</p>`, false);
    generated();
    await done();
    expect(startIndexingAhead).not.toHaveBeenCalled();
  });

  it('indexes nothing ahead when a page is not written with the bytes it rendered', async () => {
    const { observer, generated, done } = ahead(true);
    renderPage(observer, '001-queue', '<p>Queue</p>', false);
    vi.useFakeTimers();
    try {
      generated();
      const finished = done();
      await vi.advanceTimersByTimeAsync(6000);
      await finished;
    } finally {
      vi.useRealTimers();
    }
    expect(startIndexingAhead).not.toHaveBeenCalled();
  });

  it('warns, and leaves the part to the index after the build, when indexing ahead fails', async () => {
    startIndexingAhead.mockRejectedValue(new Error('Pagefind indexed 2 pages for the 3 postmortems of part 1 of 2'));
    const { observer, logger, generated, done } = ahead(true);
    renderPage(observer, '001-queue', '<p>Queue</p>');
    generated();
    await done();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/indexed after the build: Pagefind indexed 2 pages/),
    );
  });
});
