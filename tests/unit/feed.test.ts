import { describe, expect, it } from 'vitest';
import { feedItems, feedLength, type FeedInput } from '../../src/lib/feed.ts';

function input(number: number, extra: Partial<FeedInput['data']> = {}, summary?: string): FeedInput {
  return {
    id: `${String(number).padStart(3, '0')}-incident-${number}`,
    data: {
      title: `Incident ${number}`,
      date: '2023-02-06',
      status: 'published',
      level: ['internal', 'outage'],
      tags: ['memory-leak'],
      authors: [
        { name: 'Ada Example', email: 'ada@example.com' },
        { name: 'Bo Example', email: 'bo@example.com' },
      ],
      ...extra,
    },
    summary,
  };
}

describe('feedItems', () => {
  const site = { url: 'https://wiki.example.com', base: '/postmortems/' };

  it('links each postmortem absolutely, under the base path, dated midnight UTC of its write-up', () => {
    const [item] = feedItems([input(3, {}, 'It leaked.')], site);
    expect(item).toEqual({
      title: 'Incident 3',
      link: 'https://wiki.example.com/postmortems/postmortems/003-incident-3/',
      pubDate: new Date(Date.UTC(2023, 1, 6)),
      description: 'It leaked.',
      categories: ['Internal', 'Outage', 'memory-leak'],
      author: 'ada@example.com (Ada Example)',
    });
    expect(item?.pubDate.toUTCString()).toBe('Mon, 06 Feb 2023 00:00:00 GMT');
  });

  it('carries only published postmortems, not those in review, and no description without a summary', () => {
    const items = feedItems([input(2, { status: 'in-review' }), input(1)], site);
    expect(items.map((item) => item.title)).toEqual(['Incident 1']);
    expect(items[0]).not.toHaveProperty('description');
  });

  it(`keeps the ${feedLength} first of the postmortems given, in their order`, () => {
    const many = Array.from({ length: feedLength + 10 }, (_, at) => input(feedLength + 10 - at));
    const items = feedItems(many, site);
    expect(items).toHaveLength(feedLength);
    expect(items[0]?.title).toBe(`Incident ${feedLength + 10}`);
    expect(items.at(-1)?.title).toBe('Incident 11');
  });
});
