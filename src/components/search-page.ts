/**
 * The search page in the browser: runs the query in the URL with Pagefind's JS API and lists the
 * results in our own markup (a labelled list, a status line that screen readers announce, links
 * reachable by keyboard). Pagefind's code and index are fetched only once there is something to
 * search for, so opening the page costs nothing more than this script. A site of many postmortems
 * has its index in parts (src/lib/search-shards.ts): each is searched, and their results merged
 * (src/lib/search-merge.ts).
 */
import { compareStrings } from '../lib/compare.ts';
import { formatCalendarDate, parseCalendarDate } from '../lib/dates.ts';
import { mergeByScore, mergeInOrder, type ResultStream } from '../lib/search-merge.ts';
import {
  isEmptyQuery,
  pagefindArguments,
  readSearchQuery,
  resultsMessage,
  searchFilterKeys,
  searchParams,
  type PagefindSearchOptions,
  type SearchFilterKey,
  type SearchQuery,
} from '../lib/search.ts';

/**
 * The part of Pagefind's JS API this page uses (pagefind/pagefind.js). Each part of the index is
 * searched through the copy of the script in its own folder: a module of its own, with its own
 * WebAssembly instance. (Instances made by one copy share its WebAssembly, and each one loading
 * its own index into it broke the others'; Pagefind's `mergeIndex` shares it safely but merges
 * results by score, which is wrong for a search by filters alone: see src/lib/search-merge.ts.)
 */
interface PagefindIndex {
  options(options: { baseUrl?: string; excerptLength?: number; excerptEllipsis?: string }): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options: PagefindSearchOptions): Promise<{ results: PagefindResult[] }>;
}

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface PagefindResult {
  score: number;
  data(): Promise<ResultData>;
}

/** Newest first, for results found by filters alone. */
const newestFirst = (a: ResultData, b: ResultData): number =>
  compareStrings(b.meta['date'] ?? '', a.meta['date'] ?? '');

/** Results shown at first, and added by each "Show more results". */
const PAGE_SIZE = 10;

const EMPTY_MESSAGE = 'Type words to find, or choose a filter.';

export function startSearchPage(document: Document): void {
  const form = document.querySelector<HTMLFormElement>('form[data-search]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const more = document.querySelector<HTMLButtonElement>('[data-search-more]');
  if (!form || !status || !list || !more) return;

  let pagefind: Promise<PagefindIndex[]> | undefined;
  const load = (): Promise<PagefindIndex[]> => {
    pagefind ??= Promise.all(
      (JSON.parse(form.dataset['indexes'] ?? '[]') as string[]).map(async (script) => {
        const index = (await import(/* @vite-ignore */ script)) as PagefindIndex;
        await index.options({ baseUrl: form.dataset['base'] ?? '/', excerptLength: 30, excerptEllipsis: '…' });
        await index.init();
        return index;
      }),
    );
    return pagefind;
  };

  let pending: ResultStream<ResultData> = mergeByScore<ResultData>([]);
  let shownQuery: SearchQuery = { q: '', filters: {} };
  let latest = 0;

  const control = (key: 'q' | SearchFilterKey) =>
    form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;

  const label = (key: SearchFilterKey, value: string): string => {
    const select = control(key);
    const option = select instanceof HTMLSelectElement ? [...select.options].find((o) => o.value === value) : undefined;
    return option?.text ?? value;
  };

  const showMore = async (focusFirst: boolean): Promise<void> => {
    const ticket = latest;
    const results = pending;
    const page = await results.take(PAGE_SIZE);
    const withWords = shownQuery.q !== '';
    const items = page.map((data) => renderResult(document, data, withWords));
    // A newer search has started meanwhile: these results belong to the old one.
    if (ticket !== latest) return;
    list.append(...items);
    more.hidden = results.remaining === 0;
    if (focusFirst) items[0]?.querySelector('a')?.focus();
  };

  const run = async (query: SearchQuery): Promise<void> => {
    const ticket = (latest += 1);
    const input = control('q');
    if (input) input.value = query.q;
    for (const key of searchFilterKeys) {
      const select = control(key);
      if (select) select.value = query.filters[key] ?? '';
    }
    list.replaceChildren();
    more.hidden = true;
    pending = mergeByScore<ResultData>([]);
    shownQuery = query;
    if (isEmptyQuery(query)) {
      status.textContent = EMPTY_MESSAGE;
      return;
    }
    status.textContent = 'Searching…';
    try {
      const indexes = await load();
      const searches = await Promise.all(indexes.map((index) => index.search(...pagefindArguments(query))));
      if (ticket !== latest) return;
      const parts = searches.map((search) => search.results);
      pending = query.q === '' ? mergeInOrder(parts, newestFirst) : mergeByScore(parts);
      const found = pending.total;
      await showMore(false);
      if (ticket !== latest) return;
      status.textContent = resultsMessage(found, query, label);
    } catch (error) {
      status.textContent = 'Search is not available: its index could not be loaded. Reload the page to try again.';
      throw error;
    }
  };

  const queryOfForm = (): SearchQuery => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
    return readSearchQuery(params);
  };

  const submit = (): void => {
    const query = queryOfForm();
    const params = searchParams(query).toString();
    const url = `${window.location.pathname}${params ? `?${params}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    void run(query);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) submit();
  });
  more.addEventListener('click', () => void showMore(true));
  window.addEventListener('popstate', () => void run(readSearchQuery(new URLSearchParams(window.location.search))));

  void run(readSearchQuery(new URLSearchParams(window.location.search)));
}

/** One result: number and title (a link), date, level badges, and the excerpt with the words marked. */
function renderResult(document: Document, data: ResultData, withWords: boolean): HTMLLIElement {
  const item = element(document, 'li', 'result');
  const heading = element(document, 'h2');
  const link = element(document, 'a');
  link.href = data.url;
  if (data.meta['number']) link.append(element(document, 'span', 'result__number', data.meta['number']));
  link.append(data.meta['title'] ?? data.url);
  heading.append(link);

  const meta = element(document, 'div', 'result__meta');
  const date = data.meta['date'];
  if (date) {
    const time = element(document, 'time', undefined, formatCalendarDate(parseCalendarDate(date)));
    time.dateTime = date;
    meta.append(time);
  }
  const levels = element(document, 'ul', 'result__levels');
  levels.setAttribute('aria-label', 'Levels');
  for (const level of (data.meta['levels'] ?? '').split(' ').filter(Boolean)) {
    const badge = document.querySelector<HTMLTemplateElement>(`template[data-level-badge="${CSS.escape(level)}"]`);
    const entry = element(document, 'li');
    entry.append(badge ? badge.content.cloneNode(true) : level);
    levels.append(entry);
  }
  meta.append(levels);

  const excerpt = element(document, 'p', 'result__excerpt');
  // Found by filters alone, there are no words to show in context: the summary says more.
  const summary = withWords ? undefined : data.meta['summary'];
  if (summary) excerpt.textContent = summary;
  // Pagefind escapes the page text and adds only <mark> around the words found.
  else excerpt.innerHTML = data.excerpt;
  item.append(heading, meta, excerpt);
  return item;
}

function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
