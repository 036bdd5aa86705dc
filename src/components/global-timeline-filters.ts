/**
 * The global timeline's filters in the browser: the same filters as the static filter pages, applied
 * in place (and combined) without a page load, with the address kept in step so it can be shared.
 */
const dimensions = ['environment', 'kind', 'level'] as const;

export type TimelineFilters = Partial<Record<(typeof dimensions)[number], string>>;

/** Filters from `?environment=…&kind=…` or from a static filter page's path. */
export function readFilters(url: URL): TimelineFilters {
  const filters: TimelineFilters = {};
  const path = /\/timeline\/(environment|kind|level)\/([^/]+)\/(?:page\/\d+\/)?$/.exec(url.pathname);
  if (path) filters[path[1] as (typeof dimensions)[number]] = decodeURIComponent(path[2] as string);
  for (const dimension of dimensions) {
    const value = url.searchParams.get(dimension);
    if (value) filters[dimension] = value;
  }
  return filters;
}

export function applyTimelineFilters(document: Document, filters: TimelineFilters): void {
  const events = [...document.querySelectorAll<HTMLElement>('li[data-kind]')];
  let shown = 0;
  for (const event of events) {
    const match = dimensions.every((dimension) => {
      const wanted = filters[dimension];
      if (!wanted) return true;
      return (event.dataset[dimension] ?? '').split(' ').includes(wanted);
    });
    event.hidden = !match;
    if (match) shown += 1;
  }
  for (const month of document.querySelectorAll<HTMLElement>('[data-month]')) {
    month.hidden = !month.querySelector('li[data-kind]:not([hidden])');
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-dimension]')) {
    const dimension = link.dataset['dimension'] as (typeof dimensions)[number];
    const current = (filters[dimension] ?? '') === (link.dataset['value'] ?? '');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // The page's own count covers every page of its filter; once filters are combined in place, only
  // this page's events can be counted, and the text says so when the filter has more pages.
  const count = document.querySelector<HTMLElement>('[data-timeline-count]');
  if (count) {
    count.dataset['initial'] ??= count.textContent ?? '';
    const paged = count.dataset['paged'] !== undefined;
    count.textContent =
      shown === events.length
        ? count.dataset['initial']
        : `${shown} of ${events.length} events${paged ? ' on this page' : ''}`;
  }
  const url = new URL(document.location.href);
  url.pathname = url.pathname.replace(/timeline\/.*$/, 'timeline/');
  url.search = '';
  for (const dimension of dimensions) {
    const value = filters[dimension];
    if (value) url.searchParams.set(dimension, value);
  }
  history.replaceState(null, '', url);
}
