/**
 * The postmortem list's filters in the browser. The page lists every postmortem without JavaScript;
 * this shows the filter form, filters and sorts the list in place, and keeps the view in the query
 * string (one history entry per change, so the back button steps back through the filters).
 */
import {
  compareEntries,
  listFacets,
  listQuery,
  matchesFilters,
  parseListQuery,
  type ListEntry,
  type ListFacet,
  type ListView,
} from '../lib/list-filter.ts';

interface Item {
  readonly element: HTMLElement;
  readonly entry: ListEntry;
}

/** A list entry from the data attributes the page writes on each item. */
export function readEntry(element: HTMLElement): ListEntry {
  const { dataset } = element;
  const list = (value: string | undefined) => (value ? value.split(' ') : []);
  const number = (value: string | undefined) => (value ? Number(value) : undefined);
  const facets = Object.fromEntries(listFacets.map((facet) => [facet, list(dataset[facet])])) as Record<
    ListFacet,
    string[]
  >;
  return {
    facets,
    date: dataset['date'] ?? '',
    number: Number(dataset['number']),
    window: number(dataset['window']),
    resolve: number(dataset['resolve']),
  };
}

export function enhancePostmortemList(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form[data-list-filters]');
  const list = root.querySelector<HTMLElement>('[data-list]');
  if (!form || !list) return;
  const items: Item[] = [...list.querySelectorAll<HTMLElement>(':scope > li')].map((element) => ({
    element,
    entry: readEntry(element),
  }));
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;
  const known = Object.fromEntries(
    listFacets.map((facet) => [facet, [...(select(facet)?.options ?? [])].map((option) => option.value)]),
  );

  const show = (view: ListView) => {
    const shown = items.filter((item) => matchesFilters(item.entry, view.filters));
    for (const item of items) item.element.hidden = !shown.includes(item);
    for (const item of [...items].sort((a, b) => compareEntries(view.sort)(a.entry, b.entry))) {
      list.append(item.element);
    }
    for (const facet of listFacets) {
      const control = select(facet);
      if (control) control.value = view.filters[facet] ?? '';
    }
    const sort = select('sort');
    if (sort) sort.value = view.sort;
    const count = root.querySelector('[data-list-count]');
    if (count) count.textContent = `${shown.length} of ${items.length} postmortems`;
    const empty = root.querySelector<HTMLElement>('[data-list-empty]');
    if (empty) empty.hidden = shown.length > 0;
  };

  const note = root.querySelector<HTMLElement>('[data-list-ignored]');
  const fromLocation = () => {
    const { view, ignored } = parseListQuery(new URL(window.location.href).searchParams, known);
    if (note) {
      note.hidden = ignored.length === 0;
      note.textContent = `Not applied, since nothing in the list has it: ${ignored
        .map(({ name, value }) => `${name} “${value}”`)
        .join(', ')}.`;
    }
    show(view);
  };

  const fromForm = (): ListView => {
    const filters: ListView['filters'] = {};
    for (const facet of listFacets) {
      const value = select(facet)?.value;
      if (value) filters[facet] = value;
    }
    const sort = select('sort')?.value;
    return { filters, sort: (sort as ListView['sort'] | undefined) ?? 'date-desc' };
  };

  const go = (view: ListView) => {
    if (note) note.hidden = true;
    show(view);
    const url = new URL(window.location.href);
    url.search = listQuery(view);
    history.pushState(null, '', url);
  };

  form.hidden = false;
  fromLocation();
  form.addEventListener('change', () => go(fromForm()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(fromForm());
  });
  for (const clear of root.querySelectorAll('[data-list-clear]')) {
    clear.addEventListener('click', (event) => {
      event.preventDefault();
      go({ filters: {}, sort: fromForm().sort });
    });
  }
  window.addEventListener('popstate', fromLocation);
}
