/**
 * The choices of the search page's filters, computed at build time from the published postmortems.
 * Kept apart from `search.ts`, which the browser loads: this one reads the site configuration.
 */
import { levels } from '../site.config.ts';
import { searchFilters, type SearchFilterKey, type SearchablePostmortem } from './search.ts';
import { compareEnvironments, humanise, levelKeys, type Level } from './vocabulary.ts';
import { compareStrings } from './compare.ts';

export interface SearchOption {
  readonly value: string;
  readonly label: string;
}

/**
 * Every value a filter can take: each level of the vocabulary, and the environments, services and
 * years some postmortem has (environments in their configured order, services alphabetically,
 * years newest first). One pass over the postmortems.
 */
export function searchOptions(postmortems: readonly SearchablePostmortem[]): Record<SearchFilterKey, SearchOption[]> {
  const seen = { environment: new Set<string>(), service: new Set<string>(), year: new Set<string>() };
  for (const postmortem of postmortems) {
    const filters = searchFilters(postmortem);
    for (const key of ['environment', 'service', 'year'] as const) {
      for (const value of filters[key]) seen[key].add(value);
    }
  }
  const humanised = (values: Iterable<string>) => [...values].map((value) => ({ value, label: humanise(value) }));
  return {
    level: levelKeys.map((level: Level) => ({ value: level, label: levels[level].label })),
    environment: humanised([...seen.environment].sort(compareEnvironments)),
    service: humanised([...seen.service].sort((a, b) => a.localeCompare(b, 'en'))),
    year: [...seen.year].sort((a, b) => compareStrings(b, a)).map((year) => ({ value: year, label: year })),
  };
}
