/**
 * Search over an index in parts (src/lib/search-shards.ts), as a site of more than a thousand
 * postmortems has it. Run against a second site (playwright.config.ts): 60 generated postmortems in
 * parts of 8, so every part holds some. What it must find is read from the site's own
 * `postmortems.json`.
 */
import type { APIRequestContext } from '@playwright/test';
import { assignSearchShards, searchShardCount } from '../../src/lib/search-shards.ts';
import { SearchPage } from './fixtures/search-page.ts';
import { expect, test } from './fixtures/test.ts';

interface Listed {
  id: string;
  title: string;
  date: string;
  path: string;
  environments: string[];
}

async function listed(request: APIRequestContext): Promise<Listed[]> {
  const response = await request.get('postmortems.json');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { postmortems: Listed[] }).postmortems;
}

/** Clicks "Show more results" until every result is listed. */
async function showAll(search: SearchPage): Promise<void> {
  while (await search.more.isVisible()) {
    const shown = await search.results.count();
    await search.more.click();
    await expect.poll(() => search.results.count()).toBeGreaterThan(shown);
  }
}

test.describe('search over an index in parts', () => {
  test('lists by a filter alone every postmortem from every part, newest first', async ({ page, request }) => {
    const postmortems = await listed(request);
    expect(searchShardCount(postmortems.length, 8)).toBeGreaterThan(3);
    const expected = postmortems.filter((postmortem) => postmortem.environments.includes('production'));
    expect(expected.length).toBeGreaterThan(10);

    const search = new SearchPage(page);
    await search.goto('environment=production');
    expect(await search.settled()).toBe(`${expected.length} postmortems found, environment production.`);
    await showAll(search);
    const dates = await search.results
      .locator('time')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
    expect(dates).toEqual(expected.map((postmortem) => postmortem.date).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const links = await search.resultLinks.evaluateAll((anchors) =>
      anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname),
    );
    expect(links.sort()).toEqual(expected.map((postmortem) => postmortem.path).sort());
  });

  test('finds words in each part', async ({ page, request }) => {
    const postmortems = await listed(request);
    const parts = assignSearchShards(
      postmortems.map((postmortem) => postmortem.id),
      searchShardCount(postmortems.length, 8),
    );
    const search = new SearchPage(page);
    for (const part of [parts[0], parts.at(-1)]) {
      const wanted = postmortems.find((postmortem) => postmortem.id === part?.[0]);
      if (!wanted) throw new Error('every part holds a postmortem');
      await search.goto(`q=${encodeURIComponent(wanted.title)}`);
      expect(await search.settled()).toMatch(/postmortems? found for/);
      await showAll(search);
      const links = await search.resultLinks.evaluateAll((anchors) =>
        anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname),
      );
      expect(links).toContain(wanted.path);
    }
  });
});
