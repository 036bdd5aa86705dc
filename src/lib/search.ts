/**
 * Search, both sides of it. At build time, each postmortem page is tagged with the values Pagefind
 * filters on (`searchFilters`); in the browser, `/search/?q=...&level=...` is read into a query and
 * turned into Pagefind's arguments. The URL is the whole state, so a search can be linked to, and
 * the header's plain form (no JavaScript) lands on the same search.
 */

/** Filters of the search page, in the order they are shown and written into the URL. */
export const searchFilterKeys = ['level', 'environment', 'service', 'year'] as const;
export type SearchFilterKey = (typeof searchFilterKeys)[number];

export interface SearchQuery {
  /** The words to find, trimmed; empty for a search by filters only. */
  readonly q: string;
  /** One value per filter at most: the page's controls are single choices. */
  readonly filters: Readonly<Partial<Record<SearchFilterKey, string>>>;
}

/** The fields of a postmortem that search filters on; a full `PostmortemData` fits. */
export interface SearchablePostmortem {
  readonly date: string;
  readonly level: readonly string[];
  readonly environments: readonly string[];
  readonly services: readonly string[];
}

/** Each filter's values for one postmortem, as the page tags them for Pagefind. */
export function searchFilters(postmortem: SearchablePostmortem): Record<SearchFilterKey, string[]> {
  return {
    level: [...postmortem.level],
    environment: [...postmortem.environments],
    service: [...postmortem.services],
    year: [postmortem.date.slice(0, 4)],
  };
}

/** The query in a URL's search parameters. Empty values are ignored; of repeated ones, the first counts. */
export function readSearchQuery(params: URLSearchParams): SearchQuery {
  const filters: Partial<Record<SearchFilterKey, string>> = {};
  for (const key of searchFilterKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { q: params.get('q')?.trim() ?? '', filters };
}

/** The query as search parameters, in a fixed order, without empty ones: `q=...&level=...`. */
export function searchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of searchFilterKeys) {
    const value = query.filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Nothing to search for: no words and no filter. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return query.q === '' && searchFilterKeys.every((key) => !query.filters[key]);
}

export interface PagefindSearchOptions {
  filters: Partial<Record<SearchFilterKey, string>>;
  /** Newest first when there are no words to rank by. */
  sort?: { date: 'desc' };
}

/** Arguments for `pagefind.search`: `null` words search by filters alone. */
export function pagefindArguments(query: SearchQuery): [string | null, PagefindSearchOptions] {
  const filters = { ...query.filters };
  return query.q === '' ? [null, { filters, sort: { date: 'desc' } }] : [query.q, { filters }];
}

/**
 * What the live region says after a search: "3 postmortems found for “leak”, level Outage." `label`
 * names a filter's value as the page shows it.
 */
export function resultsMessage(
  count: number,
  query: SearchQuery,
  label: (key: SearchFilterKey, value: string) => string,
): string {
  const found = `${count === 0 ? 'No' : count} ${count === 1 ? 'postmortem' : 'postmortems'} found`;
  const words = query.q ? ` for “${query.q}”` : '';
  const filters = searchFilterKeys.flatMap((key) => {
    const value = query.filters[key];
    return value ? [`${key} ${label(key, value)}`] : [];
  });
  return `${found}${words}${filters.length > 0 ? `, ${filters.join(', ')}` : ''}.`;
}
