import { describe, expect, it } from 'vitest';
import {
  isEmptyQuery,
  pagefindArguments,
  readSearchQuery,
  resultsMessage,
  searchFilters,
  searchParams,
} from '../../src/lib/search.ts';
import { searchOptions } from '../../src/lib/search-options.ts';

const seedLike = {
  date: '2023-02-06',
  level: ['internal', 'outage'],
  environments: ['staging', 'production'],
  services: ['engine'],
};

describe('searchFilters', () => {
  it('tags a postmortem with its levels, environments, services and write-up year', () => {
    expect(searchFilters(seedLike)).toEqual({
      level: ['internal', 'outage'],
      environment: ['staging', 'production'],
      service: ['engine'],
      year: ['2023'],
    });
  });
});

describe('the query in the URL', () => {
  it('reads words and filters, trimmed, ignoring empty values and unknown parameters', () => {
    const query = readSearchQuery(
      new URLSearchParams('q=%20ConnectionManager%20&level=outage&service=&utm=x&year=2023'),
    );
    expect(query).toEqual({ q: 'ConnectionManager', filters: { level: 'outage', year: '2023' } });
  });

  it('takes the first of repeated values, as the page offers one choice per filter', () => {
    expect(readSearchQuery(new URLSearchParams('level=outage&level=internal')).filters).toEqual({ level: 'outage' });
  });

  it('writes back in a fixed order without empty values, so a search has one URL', () => {
    const params = searchParams({ q: 'memory leak', filters: { year: '2023', level: 'outage', service: '' } });
    expect(params.toString()).toBe('q=memory+leak&level=outage&year=2023');
    expect(readSearchQuery(params)).toEqual({ q: 'memory leak', filters: { level: 'outage', year: '2023' } });
  });

  it('is empty with no words and no filter', () => {
    expect(isEmptyQuery(readSearchQuery(new URLSearchParams('q=%20')))).toBe(true);
    expect(isEmptyQuery(readSearchQuery(new URLSearchParams('environment=staging')))).toBe(false);
  });
});

describe('pagefindArguments', () => {
  it('searches the words with the filters', () => {
    expect(pagefindArguments({ q: 'DHCP', filters: { environment: 'staging' } })).toEqual([
      'DHCP',
      { filters: { environment: 'staging' } },
    ]);
  });

  it('lists by filters alone, newest first, when there are no words', () => {
    expect(pagefindArguments({ q: '', filters: { level: 'outage' } })).toEqual([
      null,
      { filters: { level: 'outage' }, sort: { date: 'desc' } },
    ]);
  });
});

describe('resultsMessage', () => {
  const label = (key: string, value: string) => (key === 'level' ? value.toUpperCase() : value);

  it('says how many were found, for which words and filters', () => {
    expect(resultsMessage(1, { q: 'ConnectionManager', filters: {} }, label)).toBe(
      '1 postmortem found for “ConnectionManager”.',
    );
    expect(resultsMessage(3, { q: '', filters: { level: 'outage', year: '2023' } }, label)).toBe(
      '3 postmortems found, level OUTAGE, year 2023.',
    );
    expect(resultsMessage(0, { q: 'nothing', filters: { service: 'engine' } }, label)).toBe(
      'No postmortems found for “nothing”, service engine.',
    );
  });
});

describe('searchOptions', () => {
  it('offers every level, and the environments, services and years that occur', () => {
    const options = searchOptions([
      seedLike,
      { date: '2024-03-06', level: ['internal'], environments: ['qa-lab', 'staging'], services: ['search-indexer'] },
    ]);
    expect(options.level.map((option) => option.label)).toEqual(['Internal', 'Outage', 'Corruption', 'Breach']);
    expect(options.environment).toEqual([
      { value: 'production', label: 'production' },
      { value: 'staging', label: 'staging' },
      { value: 'qa-lab', label: 'qa lab' },
    ]);
    expect(options.service.map((option) => option.value)).toEqual(['engine', 'search-indexer']);
    expect(options.year.map((option) => option.value)).toEqual(['2024', '2023']);
  });
});
