/**
 * Filtering and sorting the postmortem list (`/postmortems/`), and the query string that carries a
 * filtered view (`?level=outage&service=engine&sort=resolve-desc`).
 *
 * The page script runs this same code in the browser, so this file imports nothing that reads the
 * environment (no `site.config.ts`): every value it works on is already in the page.
 *
 * Rules: one value per facet; a postmortem is shown when, for every facet that has a value, that
 * value is among the postmortem's own (levels, services, ... are lists). Facets combine with "and".
 */

/** The facets of the list, in the order the page shows them; each is also its query parameter. */
export const listFacets = ['level', 'environment', 'service', 'tag', 'author', 'year', 'status'] as const;
export type ListFacet = (typeof listFacets)[number];

/** What a postmortem of the list offers to the filters and to sorting. */
export interface ListEntry {
  /** Values per facet: level keys, environment, service and tag values, author slugs, year, status. */
  readonly facets: Readonly<Record<ListFacet, readonly string[]>>;
  /** Write-up date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Postmortem number, to order write-ups of the same day. */
  readonly number: number;
  /** Incident window (first to last event) in minutes; undefined for a single event. */
  readonly window?: number | undefined;
  /** First outage to first fix or mitigation, in minutes; undefined when the timeline has none. */
  readonly resolve?: number | undefined;
}

/** Sort orders: by write-up date, by incident window, by time to resolve; each either way. */
export const sortKeys = ['date-desc', 'date-asc', 'window-desc', 'window-asc', 'resolve-desc', 'resolve-asc'] as const;
export type SortKey = (typeof sortKeys)[number];
export const defaultSort: SortKey = 'date-desc';

/** How each sort order reads in the page's control. */
export const sortLabels: Readonly<Record<SortKey, string>> = {
  'date-desc': 'Newest first',
  'date-asc': 'Oldest first',
  'window-desc': 'Longest incident window',
  'window-asc': 'Shortest incident window',
  'resolve-desc': 'Longest time to resolve',
  'resolve-asc': 'Shortest time to resolve',
};

/** How each facet reads in the page's controls. */
export const facetLabels: Readonly<Record<ListFacet, string>> = {
  level: 'Level',
  environment: 'Environment',
  service: 'Service',
  tag: 'Tag',
  author: 'Author',
  year: 'Year',
  status: 'Status',
};

/** A view of the list: the chosen value per facet, and the order. */
export interface ListView {
  readonly filters: Partial<Record<ListFacet, string>>;
  readonly sort: SortKey;
}

/** A query parameter that names no facet value or sort order of this list, with what it said. */
export interface IgnoredParameter {
  readonly name: string;
  readonly value: string;
}

export function isListFacet(name: string): name is ListFacet {
  return (listFacets as readonly string[]).includes(name);
}

export function isSortKey(value: string): value is SortKey {
  return (sortKeys as readonly string[]).includes(value);
}

/**
 * The view a query string asks for. `known` gives the values each facet has in the list; a value
 * outside it (a stale bookmark, a typo) is returned in `ignored` rather than dropped silently, so the
 * page can say so. Parameters that are not facets (`utm_source`, ...) are none of the list's business.
 */
export function parseListQuery(
  params: URLSearchParams,
  known: Readonly<Partial<Record<ListFacet, readonly string[]>>>,
): { view: ListView; ignored: IgnoredParameter[] } {
  const filters: Partial<Record<ListFacet, string>> = {};
  const ignored: IgnoredParameter[] = [];
  for (const facet of listFacets) {
    const values = params.getAll(facet).filter((value) => value !== '');
    const [value, ...extra] = values;
    if (value === undefined) continue;
    if (known[facet]?.includes(value)) filters[facet] = value;
    else ignored.push({ name: facet, value });
    for (const more of extra) ignored.push({ name: facet, value: more });
  }
  const sort = params.get('sort');
  if (sort !== null && sort !== '' && !isSortKey(sort)) ignored.push({ name: 'sort', value: sort });
  return { view: { filters, sort: sort !== null && isSortKey(sort) ? sort : defaultSort }, ignored };
}

/** The query string of a view, facets in their fixed order, the default sort left out: `?level=outage`. */
export function listQuery(view: ListView): string {
  const params = new URLSearchParams();
  for (const facet of listFacets) {
    const value = view.filters[facet];
    if (value) params.set(facet, value);
  }
  if (view.sort !== defaultSort) params.set('sort', view.sort);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export function matchesFilters(entry: Pick<ListEntry, 'facets'>, filters: ListView['filters']): boolean {
  return listFacets.every((facet) => {
    const wanted = filters[facet];
    return !wanted || entry.facets[facet].includes(wanted);
  });
}

/**
 * Comparator for a sort order. A postmortem without the duration sorted by goes last either way,
 * since "unknown" is neither long nor short; ties fall back to newest write-up first, then the
 * higher number, so the order never depends on the input order.
 */
export function compareEntries(sort: SortKey): (a: ListEntry, b: ListEntry) => number {
  const [field, direction] = sort.split('-') as ['date' | 'window' | 'resolve', 'asc' | 'desc'];
  const sign = direction === 'asc' ? 1 : -1;
  const newestFirst = (a: ListEntry, b: ListEntry) => compareText(b.date, a.date) || b.number - a.number;
  if (field === 'date') {
    return (a, b) => sign * (compareText(a.date, b.date) || a.number - b.number);
  }
  return (a, b) => {
    const x = a[field];
    const y = b[field];
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return newestFirst(a, b);
    }
    return sign * (x - y) || newestFirst(a, b);
  };
}

export function sortEntries<T extends ListEntry>(entries: readonly T[], sort: SortKey): T[] {
  return [...entries].sort(compareEntries(sort));
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
