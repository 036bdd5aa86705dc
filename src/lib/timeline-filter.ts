/**
 * Filters of the global timeline: by environment, kind and level. Each filter value has a static
 * page (`/timeline/environment/staging/`) so filtering works without JavaScript; the page script
 * applies the same rules in place.
 */
import { eventKinds, levels } from '../site.config.ts';
import { compareEnvironments, humanise, type EventKind, type Level } from './vocabulary.ts';

export const filterDimensions = ['environment', 'kind', 'level'] as const;
export type FilterDimension = (typeof filterDimensions)[number];

export interface FilterableEvent {
  readonly kind: EventKind;
  readonly environment?: string;
  readonly levels: readonly Level[];
}

export interface FilterOption {
  readonly dimension: FilterDimension;
  readonly value: string;
  readonly label: string;
  /** How many events match. */
  readonly count: number;
}

/** The values of one event for a dimension. */
export function eventValues(event: FilterableEvent, dimension: FilterDimension): readonly string[] {
  if (dimension === 'environment') return event.environment ? [event.environment] : [];
  if (dimension === 'kind') return [event.kind];
  return event.levels;
}

export function matchesFilter(event: FilterableEvent, dimension: FilterDimension, value: string): boolean {
  return eventValues(event, dimension).includes(value);
}

/** The name of a filter among others: `kind/fix`. */
export function filterName(filter: TimelineFilter): string {
  return `${filter.dimension}/${filter.value}`;
}

/** A month of events, as the timeline groups them (`groupByMonth` in src/lib/graph.ts). */
export interface EventMonth<T> {
  readonly month: string;
  readonly label: string;
  readonly events: readonly T[];
}

/**
 * The months of every filter's events (by `filterName`), from the months of all of them, in one
 * pass: each month keeps the order of its events and drops those the filter does not match, and a
 * month left with none is left out. The same months as filtering the events for each filter and
 * grouping them again, without reading every event's date once per filter.
 */
export function monthsByFilter<T extends FilterableEvent>(
  months: readonly EventMonth<T>[],
): Map<string, EventMonth<T>[]> {
  const byFilter = new Map<string, EventMonth<T>[]>();
  for (const { month, label, events } of months) {
    const shown = new Map<string, T[]>();
    for (const event of events) {
      for (const dimension of filterDimensions) {
        for (const value of eventValues(event, dimension)) {
          const name = filterName({ dimension, value });
          let list = shown.get(name);
          if (list === undefined) {
            list = [];
            shown.set(name, list);
          }
          list.push(event);
        }
      }
    }
    for (const [name, list] of shown) {
      let filtered = byFilter.get(name);
      if (filtered === undefined) {
        filtered = [];
        byFilter.set(name, filtered);
      }
      filtered.push({ month, label, events: list });
    }
  }
  return byFilter;
}

const eventCounts = new WeakMap<readonly (readonly { readonly events: readonly unknown[] }[])[], number>();

/**
 * The events on all the pages of the timeline or of a filter (as `paginateMonths` makes them):
 * counted once per list of pages, however many of its pages show the count and key it.
 */
export function eventsOnPages(pages: readonly (readonly { readonly events: readonly unknown[] }[])[]): number {
  let count = eventCounts.get(pages);
  if (count === undefined) {
    count = 0;
    for (const months of pages) for (const month of months) count += month.events.length;
    eventCounts.set(pages, count);
  }
  return count;
}

/** Every value that occurs, per dimension, in vocabulary order, with its count. */
export function filterOptions(events: readonly FilterableEvent[]): Record<FilterDimension, FilterOption[]> {
  const counts = Object.fromEntries(
    filterDimensions.map((dimension) => [dimension, new Map<string, number>()]),
  ) as Record<FilterDimension, Map<string, number>>;
  for (const event of events) {
    for (const dimension of filterDimensions) {
      for (const value of eventValues(event, dimension)) {
        counts[dimension].set(value, (counts[dimension].get(value) ?? 0) + 1);
      }
    }
  }
  const kindOrder = Object.keys(eventKinds);
  const levelOrder = Object.keys(levels);
  const options = (
    dimension: FilterDimension,
    compare: (a: string, b: string) => number,
    label: (v: string) => string,
  ) =>
    [...counts[dimension]]
      .sort(([a], [b]) => compare(a, b))
      .map(([value, count]) => ({ dimension, value, label: label(value), count }));
  return {
    environment: options('environment', compareEnvironments, humanise),
    kind: options(
      'kind',
      (a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b),
      (value) => eventKinds[value as EventKind].label,
    ),
    level: options(
      'level',
      (a, b) => levelOrder.indexOf(a) - levelOrder.indexOf(b),
      (value) => levels[value as Level].label,
    ),
  };
}

export interface TimelineFilter {
  readonly dimension: FilterDimension;
  readonly value: string;
}

/**
 * Splits months (newest first) into pages of whole months with at most `maxEvents` events each; a
 * month with more events than that gets a page of its own. There is always at least one page.
 */
export function paginateMonths<T extends { readonly events: readonly unknown[] }>(
  months: readonly T[],
  maxEvents: number,
): T[][] {
  const pages: T[][] = [[]];
  let count = 0;
  for (const month of months) {
    const current = pages.at(-1) as T[];
    if (current.length > 0 && count + month.events.length > maxEvents) {
      pages.push([month]);
      count = month.events.length;
    } else {
      current.push(month);
      count += month.events.length;
    }
  }
  return pages;
}

/** Site path of a page of the global timeline: `timeline/`, `timeline/kind/fix/page/2/`. */
export function timelinePath(filter: TimelineFilter | undefined, page = 1): string {
  const filtered = filter ? `${filter.dimension}/${filter.value}/` : '';
  return `timeline/${filtered}${page > 1 ? `page/${page}/` : ''}`;
}
