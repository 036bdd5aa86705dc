import { describe, expect, it } from 'vitest';
import { readFilters } from '../../src/components/global-timeline-filters.ts';
import { parseEventTime } from '../../src/lib/dates.ts';
import { groupByMonth } from '../../src/lib/graph.ts';
import {
  eventsOnPages,
  filterDimensions,
  filterName,
  filterOptions,
  matchesFilter,
  monthsByFilter,
  paginateMonths,
  timelinePath,
  type FilterableEvent,
} from '../../src/lib/timeline-filter.ts';

const events: FilterableEvent[] = [
  { kind: 'outage', environment: 'staging', levels: ['internal'] },
  { kind: 'fix', environment: 'production', levels: ['internal', 'outage'] },
  { kind: 'outage', environment: 'qa-lab', levels: ['outage'] },
  { kind: 'note', levels: ['internal'] },
];

describe('timeline filters', () => {
  it('lists the values that occur, in vocabulary order, with counts', () => {
    const options = filterOptions(events);
    expect(options.environment.map((option) => `${option.value}:${option.count}`)).toEqual([
      'production:1',
      'staging:1',
      'qa-lab:1',
    ]);
    expect(options.kind.map((option) => `${option.label}:${option.count}`)).toEqual(['Outage:2', 'Fix:1', 'Note:1']);
    expect(options.level.map((option) => `${option.label}:${option.count}`)).toEqual(['Internal:3', 'Outage:2']);
    expect(options.environment[2]?.label).toBe('qa lab');
  });

  it('matches an event by environment, kind, or any of its levels', () => {
    const [staging, production, , note] = events as [
      FilterableEvent,
      FilterableEvent,
      FilterableEvent,
      FilterableEvent,
    ];
    expect(matchesFilter(staging, 'environment', 'staging')).toBe(true);
    expect(matchesFilter(production, 'environment', 'staging')).toBe(false);
    expect(matchesFilter(note, 'environment', 'staging')).toBe(false);
    expect(matchesFilter(production, 'level', 'outage')).toBe(true);
    expect(matchesFilter(production, 'kind', 'outage')).toBe(false);
  });

  it('reads the filters of a static filter page and of a query string', () => {
    expect(readFilters(new URL('http://x/timeline/environment/staging/'))).toEqual({ environment: 'staging' });
    expect(readFilters(new URL('http://x/kb/timeline/?kind=outage&level=internal'))).toEqual({
      kind: 'outage',
      level: 'internal',
    });
    expect(readFilters(new URL('http://x/timeline/'))).toEqual({});
    expect(readFilters(new URL('http://x/timeline/kind/fix/page/3/'))).toEqual({ kind: 'fix' });
  });
});

describe('timeline pages', () => {
  const month = (name: string, count: number) => ({ month: name, events: Array.from({ length: count }, () => name) });

  it('packs whole months, newest first, into pages of at most so many events', () => {
    const pages = paginateMonths([month('03', 4), month('02', 5), month('01', 2), month('00', 1)], 10);
    expect(pages.map((page) => page.map((entry) => entry.month))).toEqual([
      ['03', '02'],
      ['01', '00'],
    ]);
  });

  it('gives a month busier than a page a page of its own, and an empty timeline one empty page', () => {
    const pages = paginateMonths([month('03', 2), month('02', 25), month('01', 2)], 10);
    expect(pages.map((page) => page.map((entry) => entry.month))).toEqual([['03'], ['02'], ['01']]);
    expect(paginateMonths([], 10)).toEqual([[]]);
  });

  it('has a path for each page, the first without a page number', () => {
    expect(timelinePath(undefined)).toBe('timeline/');
    expect(timelinePath(undefined, 2)).toBe('timeline/page/2/');
    expect(timelinePath({ dimension: 'kind', value: 'fix' }, 1)).toBe('timeline/kind/fix/');
    expect(timelinePath({ dimension: 'kind', value: 'fix' }, 3)).toBe('timeline/kind/fix/page/3/');
  });

  it('splits the months by filter as filtering the events and grouping them again would', () => {
    // Newest first, as the timeline is: dates and date-times, months with events of a few filters.
    const kinds = ['outage', 'fix', 'note', 'detection'] as const;
    const environments = ['production', 'staging', undefined];
    const dated = Array.from({ length: 60 }, (_, i) => ({
      id: i,
      kind: kinds[i % 4] as (typeof kinds)[number],
      ...(environments[i % 3] ? { environment: environments[i % 3] as string } : {}),
      levels: (i % 5 === 0 ? ['internal', 'outage'] : i % 2 === 0 ? ['outage'] : ['internal']) as (
        'internal' | 'outage'
      )[],
      time: parseEventTime(
        i % 2 === 0
          ? `2024-${String(12 - (i % 7)).padStart(2, '0')}-0${1 + (i % 9)}`
          : `2024-0${1 + (i % 6)}-1${i % 10}T09:30Z`,
      ),
    }));
    const months = groupByMonth(dated);
    const byFilter = monthsByFilter(months);
    const names: string[] = [];
    for (const dimension of filterDimensions) {
      for (const { value } of filterOptions(dated)[dimension]) {
        const name = filterName({ dimension, value });
        names.push(name);
        expect(byFilter.get(name)).toEqual(
          groupByMonth(dated.filter((event) => matchesFilter(event, dimension, value))),
        );
      }
    }
    // Every filter that occurs, and no other.
    expect([...byFilter.keys()].sort()).toEqual(names.sort());
    expect(names).toHaveLength(4 + 2 + 2);
  });

  it('counts the events on all of a timeline’s pages', () => {
    const pages = paginateMonths(
      [
        { month: '2024-02', events: [1, 2, 3] },
        { month: '2024-01', events: [4, 5] },
        { month: '2023-12', events: [6] },
      ],
      3,
    );
    expect(pages).toHaveLength(2);
    expect(eventsOnPages(pages)).toBe(6);
    expect(eventsOnPages(pages)).toBe(6);
    expect(eventsOnPages([[]])).toBe(0);
  });
});
