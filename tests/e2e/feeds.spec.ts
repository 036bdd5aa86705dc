/**
 * The feed and the data file, read as other tools read them: the RSS with a feed parser, the JSON
 * checked against the JSON Schema the site publishes next to it.
 */
import { z } from 'astro/zod';
import { parseFeed } from 'htmlparser2';
import { V0_0_23, V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

test('/rss.xml lists the published postmortems, newest first, with absolute links', async ({ request, baseURL }) => {
  const response = await request.get('/rss.xml');
  expect(response.status()).toBe(200);
  const feed = parseFeed(await response.text(), { xmlMode: true });
  expect(feed?.type).toBe('rss');
  expect(feed?.title).toBe('Hindsight');
  const items = feed?.items ?? [];
  expect(items.map((item) => item.title)).toEqual(['Postmortem for v0.0.26 release', 'Postmortem for v0.0.23 release']);
  const [seed] = items;
  expect(seed?.link).toMatch(new RegExp(`^https?://[^/]+${postmortemUrl(V0_0_26)}$`));
  expect(seed?.pubDate?.toISOString()).toBe('2023-02-06T00:00:00.000Z');
  expect(seed?.description).toMatch(/^In some ways this is a continuation of the prior outage\./);

  // The links point at pages that exist (here, on the preview server, whatever host the feed names).
  const page = await request.get(new URL(new URL(seed?.link ?? '').pathname, baseURL).href);
  expect(page.status()).toBe(200);
});

test('every page advertises the feed', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', '/rss.xml');
});

test('/postmortems.json matches its published JSON Schema and holds the graph', async ({ request }) => {
  const response = await request.get('/postmortems.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  const data = await response.json();

  const schema = await request.get('/schemas/postmortems.schema.json');
  expect(schema.status()).toBe(200);
  const result = z.fromJSONSchema(await schema.json()).safeParse(data);
  expect(result.error).toBeUndefined();

  expect(data.version).toBe(1);
  expect(data.postmortems.map((postmortem: { id: string }) => postmortem.id)).toEqual([V0_0_26, V0_0_23]);
  const [seed] = data.postmortems;
  expect(seed).toMatchObject({
    number: 3,
    levels: ['internal', 'outage'],
    services: ['engine'],
    durations: { timeToDetect: null, timeToResolve: { unit: 'days', value: 26, iso: 'P26D' } },
  });
  expect(seed.timeline[0]).toMatchObject({ at: '2023-01-08', anchor: 'event-2023-01-08', ref: V0_0_23 });
  expect(data.graph.related).toContainEqual({
    from: V0_0_26,
    to: V0_0_23,
    relation: 'recurrence',
    note: expect.any(String),
  });
  expect(data.graph.chains[0].postmortems).toEqual([V0_0_23, V0_0_26]);
});
