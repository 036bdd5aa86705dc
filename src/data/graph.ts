/** The incident graph of the published postmortems, built once per build and read by every page. */
import {
  buildIncidentGraph,
  groupByMonth,
  mergedTimeline,
  type MonthGroup,
  type GraphInput,
  type IncidentGraph,
  type MergedEvent,
} from '../lib/graph.ts';
import { graphInputs } from '../lib/graph-input.ts';
import { renderInlineMarkdown } from '../lib/inline-markdown.ts';
import type { FragmentIndex } from '../lib/links.ts';
import {
  filterName,
  filterOptions,
  monthsByFilter,
  paginateMonths,
  type FilterDimension,
  type FilterOption,
  type TimelineFilter,
} from '../lib/timeline-filter.ts';
import { timelineItemHtml } from '../lib/timeline-items.ts';
import { eventKinds, site, timelineEventsPerPage } from '../site.config.ts';
import {
  eventIdsOfEntry,
  getEventIds,
  getFragmentIndex,
  getLinkLabels,
  getOutlines,
  getPublishedPostmortems,
  postmortemNumber,
} from './postmortems.ts';

let inputs: Promise<GraphInput[]> | undefined;
let graph: Promise<IncidentGraph> | undefined;
let timeline: Promise<TimelineEvent[]> | undefined;

/**
 * An event of the global timeline. Its text is rendered to HTML when a page first shows it
 * (`getTimelineItems`): a warm build copies most timeline pages from the last build
 * (src/data/page-keys.ts), and rendering all 170,000 texts of 10,000 postmortems took 2 s.
 */
export type TimelineEvent = MergedEvent;

/** Each published postmortem as the graph sees it, with the postmortems its body and events link to. */
function getGraphInputs(): Promise<GraphInput[]> {
  inputs ??= Promise.all([getPublishedPostmortems(), getOutlines(), getFragmentIndex(), getEventIds()]).then(
    ([entries, outlines, index, ids]) =>
      graphInputs(
        entries.map((entry) => ({
          id: entry.id,
          number: postmortemNumber(entry),
          file: entry.filePath ?? '',
          data: entry.data,
          eventIds: eventIdsOfEntry(ids, entry),
          outline: outlines.get(entry.id) ?? { links: [] },
        })),
        index,
      ),
  );
  return inputs;
}

export function getIncidentGraph(): Promise<IncidentGraph> {
  graph ??= getGraphInputs().then(buildIncidentGraph);
  return graph;
}

/** Every event of every published postmortem, told-twice events merged, newest first. */
export function getGlobalTimeline(): Promise<TimelineEvent[]> {
  timeline ??= getGraphInputs().then(mergedTimeline);
  return timeline;
}

let timelineOptions: Promise<Record<FilterDimension, FilterOption[]>> | undefined;

/** The values of each filter of the global timeline, with their counts; made once for all its pages. */
export function getTimelineFilterOptions(): Promise<Record<FilterDimension, FilterOption[]>> {
  timelineOptions ??= getGlobalTimeline().then(filterOptions);
  return timelineOptions;
}

let timelineMonths: Promise<MonthGroup<TimelineEvent>[]> | undefined;
let filterMonths: Promise<Map<string, MonthGroup<TimelineEvent>[]>> | undefined;
const timelinePages = new Map<string, Promise<MonthGroup<TimelineEvent>[][]>>();

/**
 * The pages of the global timeline, or of one filter of it: whole months, newest first, at most
 * `timelineEventsPerPage` events a page. A filter's pages hold only its events: the months of
 * every filter are made at once, from the timeline's (`monthsByFilter`).
 */
export function getTimelinePages(filter?: TimelineFilter): Promise<MonthGroup<TimelineEvent>[][]> {
  const key = filter ? filterName(filter) : '';
  let pages = timelinePages.get(key);
  if (!pages) {
    timelineMonths ??= getGlobalTimeline().then(groupByMonth);
    const months = filter
      ? (filterMonths ??= timelineMonths.then(monthsByFilter)).then((byFilter) => byFilter.get(key) ?? [])
      : timelineMonths;
    pages = months.then((shown) => paginateMonths(shown, timelineEventsPerPage));
    timelinePages.set(key, pages);
  }
  return pages;
}

let timelineItems = new WeakMap<TimelineEvent, string>();
let itemMaker: Promise<(event: TimelineEvent) => string> | undefined;

/**
 * The `<li>` of a global timeline event (see `timelineItemHtml`), made once per build however many
 * of the timeline's pages list the event. Its text is rendered as its first teller wrote it.
 */
function getTimelineItems(): Promise<(event: TimelineEvent) => string> {
  itemMaker ??= Promise.all([getLinkLabels(), getPublishedPostmortems(), getFragmentIndex()]).then(
    ([labels, entries, index]) => {
      const files = new Map(entries.map((entry) => [entry.id, entry.filePath ?? '']));
      const context = {
        base: site.base,
        kindLabel: (kind: TimelineEvent['kind']) => eventKinds[kind].label,
        postmortemLabel: (id: string) => labels.get(id),
      };
      return (event) => {
        let html = timelineItems.get(event);
        if (html === undefined) {
          const file = files.get(event.sources[0]?.id ?? '') ?? '';
          html = timelineItemHtml({ ...event, html: renderEventText(event.text, file, index) }, context);
          timelineItems.set(event, html);
        }
        return html;
      };
    },
  );
  return itemMaker;
}

let timelinePageCount: Promise<number> | undefined;
let timelinePagesMade = 0;

/**
 * The HTML of each month's events on one page of the timeline, or of one filter of it
 * (GlobalTimeline.astro), made through `getTimelineItems`.
 *
 * Once as many pages have been made as the timeline and its filters have, the timeline and the
 * `<li>` and event texts kept for its pages are let go (`letTimelineGo`): a cold build makes every
 * page of the timeline one after another, before the lists, the taxonomy pages and the export,
 * and at 10,000 postmortems those texts alone were about 200 MB of the heap while those pages, the
 * build's largest, were written. A page made after that (in `astro dev`, a page asked for again)
 * makes the timeline and its items again.
 */
export async function getTimelinePageItems(filter: TimelineFilter | undefined, page: number): Promise<string[]> {
  const [pages, item] = await Promise.all([getTimelinePages(filter), getTimelineItems()]);
  const html = (pages[page - 1] ?? []).map((month) => month.events.map(item).join(''));
  timelinePageCount ??= getTimelineFilterOptions().then(async (options) => {
    const filters = Object.values(options).flat();
    const counts = await Promise.all(
      [undefined, ...filters].map(async (option) => (await getTimelinePages(option)).length),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  });
  timelinePagesMade += 1;
  if (timelinePagesMade >= (await timelinePageCount)) letTimelineGo();
  return html;
}

/** Forgets the timeline and everything made for its pages (see `getTimelinePageItems`). */
function letTimelineGo(): void {
  timelinePagesMade = 0;
  timelinePageCount = undefined;
  timelineItems = new WeakMap();
  eventTexts.clear();
  timeline = undefined;
  timelineOptions = undefined;
  timelineMonths = undefined;
  filterMonths = undefined;
  timelinePages.clear();
}

const eventTexts = new Map<string, string>();

/**
 * A timeline event's text as HTML, rendered once per build: the postmortem's page and the global
 * timeline both show it. `field` names it in the error a broken link raises.
 */
export function renderEventText(text: string, fromFile: string, index: FragmentIndex, field?: string): string {
  const key = `${fromFile}\n${text}`;
  let html = eventTexts.get(key);
  if (html === undefined) {
    html = renderInlineMarkdown(text, { fromFile, index, base: site.base, ...(field ? { field } : {}) });
    eventTexts.set(key, html);
  }
  return html;
}
