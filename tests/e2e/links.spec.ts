/**
 * Crawls the built site from `/` in a real browser and checks every internal link: each page and
 * asset answers 200 without a redirect, and each `#fragment` names an element on its target page.
 * All problems are reported together, so one run shows everything to fix.
 *
 * `npm run check:links` checks the same links statically, and more (base path, srcset, every page
 * whether linked or not). This crawl stays for what only a browser and a server see: each URL
 * answered with 200 and no redirect by `astro preview`, links as the DOM has them after scripts
 * run, and no console error on any page it reaches.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.ts';

/** Far above the site's size today; a crawl that reaches it is following a link loop. */
const MAX_PAGES = 500;

interface Found {
  /** Same-origin `<a href>`/`<area href>`, absolute. */
  links: string[];
  /** Same-origin stylesheets, icons, scripts, images and media, absolute. */
  assets: string[];
  ids: string[];
}

async function readPage(page: Page): Promise<Found> {
  return page.evaluate(() => {
    const sameOrigin = (url: string) => url !== '' && new URL(url, document.baseURI).origin === location.origin;
    const absolute = (url: string) => new URL(url, document.baseURI).href;
    const links = [...document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>('a[href], area[href]')]
      .map((element) => element.getAttribute('href') ?? '')
      .filter(sameOrigin)
      .map(absolute);
    const assets = [
      ...document.querySelectorAll('link[href], script[src], img[src], source[src], video[src], audio[src]'),
    ]
      .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
      .filter(sameOrigin)
      .map(absolute);
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    const names = [...document.querySelectorAll('a[name]')].map((element) => element.getAttribute('name') ?? '');
    return { links, assets, ids: [...ids, ...names] };
  });
}

/** A page's identity, without its fragment. */
function pageKey(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

test('every internal link and fragment of the built site resolves', async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const start = new URL('/', baseURL);
  const queue = [pageKey(start)];
  const linkedFrom = new Map<string, Set<string>>([[pageKey(start), new Set(['(start)'])]]);
  const idsOf = new Map<string, Set<string>>();
  const fragments: { from: string; target: string; fragment: string }[] = [];
  const assets = new Map<string, string>();
  const failures: string[] = [];
  const from = (key: string) => [...(linkedFrom.get(key) ?? [])].join(', ');

  while (queue.length > 0) {
    if (idsOf.size >= MAX_PAGES) {
      failures.push(`crawl stopped after ${MAX_PAGES} pages; ${queue.length} more were queued`);
      break;
    }
    const key = queue.shift() as string;
    const response = await page.goto(key);
    idsOf.set(key, new Set());
    if (!response) {
      failures.push(`${key}: no response (linked from ${from(key)})`);
      continue;
    }
    if (response.request().redirectedFrom()) {
      failures.push(`${key}: redirects to ${response.url()} (linked from ${from(key)})`);
    }
    if (response.status() !== 200) {
      failures.push(`${key}: HTTP ${response.status()} (linked from ${from(key)})`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;

    const found = await readPage(page);
    idsOf.set(key, new Set(found.ids));
    for (const href of found.links) {
      const url = new URL(href);
      const target = pageKey(url);
      if (url.hash.length > 1) fragments.push({ from: key, target, fragment: decodeURIComponent(url.hash.slice(1)) });
      if (!linkedFrom.has(target)) {
        linkedFrom.set(target, new Set());
        queue.push(target);
      }
      linkedFrom.get(target)?.add(new URL(key).pathname);
    }
    for (const asset of found.assets) if (!assets.has(asset)) assets.set(asset, new URL(key).pathname);
  }

  for (const [asset, firstSeenOn] of assets) {
    const response = await request.get(asset, { maxRedirects: 0 });
    if (response.status() !== 200) failures.push(`${asset}: HTTP ${response.status()} (asset of ${firstSeenOn})`);
  }
  for (const { from: source, target, fragment } of fragments) {
    const ids = idsOf.get(target);
    // A target that failed to load is reported above; its fragments cannot be checked.
    if (ids && ids.size > 0 && !ids.has(fragment)) {
      failures.push(
        `${new URL(source).pathname}: links to #${fragment} on ${new URL(target).pathname}, which has no such id`,
      );
    }
  }

  expect(idsOf.size, 'the crawl reaches the home page and the postmortems').toBeGreaterThan(1);
  expect(
    failures,
    `broken internal links in ${idsOf.size} pages and ${assets.size} assets:\n${failures.join('\n')}`,
  ).toEqual([]);
});
