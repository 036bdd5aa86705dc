import { describe, expect, it } from 'vitest';
import { readEntry } from '../../src/components/postmortem-list-filters.ts';
import {
  defaultSort,
  listQuery,
  matchesFilters,
  parseListQuery,
  sortEntries,
  sortKeys,
  type ListEntry,
  type ListView,
} from '../../src/lib/list-filter.ts';
import { buildTaxonomy, listEntry } from '../../src/lib/taxonomy.ts';
import { browseCollection } from '../fixtures/browse.ts';

const collection = browseCollection();
const taxonomy = buildTaxonomy(collection);
const entries = collection.map((postmortem) => listEntry(postmortem, taxonomy));

/** Numbers of the entries that a view shows, in its order. */
function shown(view: ListView): number[] {
  return sortEntries(
    entries.filter((entry) => matchesFilters(entry, view.filters)),
    view.sort,
  ).map((entry) => entry.number);
}

const known = {
  level: ['internal', 'outage', 'corruption'],
  service: ['billing', 'gateway', 'ledger'],
  author: ['ada-okafor', 'zoe-brandt', 'zoe-brandt-2'],
  year: ['2024', '2023'],
};

describe('filtering the list', () => {
  it('by level outage keeps exactly the outage postmortems', () => {
    expect(shown({ filters: { level: 'outage' }, sort: defaultSort })).toEqual([4, 2]);
  });

  it('matches any of a postmortem’s values, and combines facets with "and"', () => {
    expect(shown({ filters: { service: 'billing' }, sort: defaultSort })).toEqual([2, 1]);
    expect(shown({ filters: { service: 'gateway', level: 'internal' }, sort: defaultSort })).toEqual([4]);
    expect(shown({ filters: { tag: 'dns', year: '2024' }, sort: defaultSort })).toEqual([3]);
    expect(shown({ filters: { environment: 'production', status: 'in-review' }, sort: defaultSort })).toEqual([]);
  });

  it('filters by author slug and by status', () => {
    expect(shown({ filters: { author: 'zoe-brandt-2' }, sort: defaultSort })).toEqual([2]);
    expect(shown({ filters: { author: 'zoe-brandt' }, sort: defaultSort })).toEqual([3]);
    expect(shown({ filters: { status: 'in-review' }, sort: defaultSort })).toEqual([4]);
  });

  it('shows everything with no filter', () => {
    expect(shown({ filters: {}, sort: defaultSort })).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('sorting the list', () => {
  it('by date either way, same-day write-ups by number', () => {
    expect(shown({ filters: {}, sort: 'date-desc' })).toEqual([5, 4, 3, 2, 1]);
    expect(shown({ filters: {}, sort: 'date-asc' })).toEqual([1, 2, 3, 4, 5]);
  });

  it('by incident window and by time to resolve, minutes and days alike, unknown last either way', () => {
    expect(shown({ filters: {}, sort: 'window-desc' })).toEqual([3, 1, 4, 2, 5]);
    expect(shown({ filters: {}, sort: 'window-asc' })).toEqual([2, 4, 1, 3, 5]);
    expect(shown({ filters: {}, sort: 'resolve-desc' })).toEqual([1, 4, 2, 5, 3]);
    expect(shown({ filters: {}, sort: 'resolve-asc' })).toEqual([2, 4, 1, 5, 3]);
  });

  it('does not depend on the input order', () => {
    const reversed = [...entries].reverse();
    for (const sort of sortKeys) {
      expect(sortEntries(reversed, sort)).toEqual(sortEntries(entries, sort));
    }
  });

  it('breaks duration ties by the newest write-up', () => {
    const tied: ListEntry[] = [
      { facets: entries[0]!.facets, date: '2020-01-01', number: 7, window: 60 },
      { facets: entries[0]!.facets, date: '2021-01-01', number: 8, window: 60 },
    ];
    expect(sortEntries(tied, 'window-asc').map((entry) => entry.number)).toEqual([8, 7]);
    expect(sortEntries(tied, 'window-desc').map((entry) => entry.number)).toEqual([8, 7]);
  });
});

describe('the query string of a view', () => {
  it('reads known facet values and the sort', () => {
    const { view, ignored } = parseListQuery(new URLSearchParams('level=outage&year=2024&sort=window-asc'), known);
    expect(view).toEqual({ filters: { level: 'outage', year: '2024' }, sort: 'window-asc' });
    expect(ignored).toEqual([]);
  });

  it('reports values it cannot apply instead of dropping them silently', () => {
    const { view, ignored } = parseListQuery(
      new URLSearchParams('level=sev1&service=billing&service=ledger&sort=random&tag=dns&utm_source=mail'),
      known,
    );
    expect(view).toEqual({ filters: { service: 'billing' }, sort: defaultSort });
    expect(ignored).toEqual([
      { name: 'level', value: 'sev1' },
      { name: 'service', value: 'ledger' },
      { name: 'tag', value: 'dns' },
      { name: 'sort', value: 'random' },
    ]);
  });

  it('treats empty values as no filter', () => {
    expect(parseListQuery(new URLSearchParams('level=&sort='), known)).toEqual({
      view: { filters: {}, sort: defaultSort },
      ignored: [],
    });
  });

  it('writes facets in a fixed order and leaves out the default sort', () => {
    expect(listQuery({ filters: { year: '2024', level: 'outage' }, sort: defaultSort })).toBe(
      '?level=outage&year=2024',
    );
    expect(listQuery({ filters: {}, sort: defaultSort })).toBe('');
    expect(listQuery({ filters: {}, sort: 'resolve-desc' })).toBe('?sort=resolve-desc');
  });

  it('round-trips every view, non-ASCII slugs included', () => {
    const views: ListView[] = [
      { filters: { level: 'outage', service: 'gateway', author: 'zoe-brandt-2' }, sort: 'date-asc' },
      { filters: { author: '李雷' }, sort: 'window-desc' },
      { filters: {}, sort: defaultSort },
    ];
    for (const view of views) {
      const query = listQuery(view);
      const parsed = parseListQuery(new URLSearchParams(query), { ...known, author: [...known.author, '李雷'] });
      expect(parsed).toEqual({ view, ignored: [] });
    }
  });
});

describe('list entries in the page', () => {
  it('are read back from the data attributes the page writes', () => {
    const entry = entries[1] as ListEntry;
    const dataset: Record<string, string> = {
      date: entry.date,
      number: String(entry.number),
      window: String(entry.window),
      resolve: String(entry.resolve),
    };
    for (const [facet, values] of Object.entries(entry.facets)) dataset[facet] = values.join(' ');
    expect(readEntry({ dataset } as unknown as HTMLElement)).toEqual(entry);
  });

  it('leave out durations a postmortem does not have', () => {
    const entry = entries[4] as ListEntry;
    const dataset = { date: entry.date, number: '5', level: 'internal' };
    const read = readEntry({ dataset } as unknown as HTMLElement);
    expect(read.window).toBeUndefined();
    expect(read.resolve).toBeUndefined();
    expect(read.facets.service).toEqual([]);
    expect(read.facets.level).toEqual(['internal']);
  });
});
