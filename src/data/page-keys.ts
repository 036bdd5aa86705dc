/**
 * The `cacheKey` of each page that Astro's incremental build may copy from the previous build
 * rather than render again (`experimental.incrementalBuild` in astro.config.mjs; src/lib/page-key.ts).
 *
 * Astro copies a page when its key is unchanged and so is the code of its template and of
 * everything the template imports. So a key must cover everything the page shows that is not code:
 * here, for each template, what it and its components read from the collection, the graph, git and
 * the environment. A template or component that starts to read something new must add it here.
 * The build-level test tests/build/incremental-build.test.ts edits postmortems in the ways that
 * change other pages, and checks that a warm build gives the same site as a cold one.
 *
 * Astro keys only pages with `getStaticPaths()`: `/postmortems/`, `/actions/`, `/recurrences/` and
 * the JSON export, the largest at scale, are dynamic routes for that alone, and so is `/timeline/`,
 * whose render would merge the whole timeline (`getTimelinePlan`). The other pages that list
 * everything (home and the feed) are small and have no key: they are rendered in every build.
 */
import { fileURLToPath } from 'node:url';
import { cacheDir } from 'astro:config/server';
import { isOverdue } from '../lib/actions.ts';
import { exportGraph } from '../lib/export.ts';
import type { RecurrenceChain } from '../lib/graph.ts';
import { readJsonFile, writeJsonFile } from '../lib/json-file-fs.ts';
import { pageKey, textDigest } from '../lib/page-key.ts';
import { eventsOnPages, filterDimensions, filterName } from '../lib/timeline-filter.ts';
import { keptPlan, planPage, type TimelinePlan } from '../lib/timeline-plan.ts';
import type { TimelineFilter } from '../lib/timeline-filter.ts';
import type { Term } from '../lib/taxonomy.ts';
import { eventKinds, levels, site, timelineEventsPerPage } from '../site.config.ts';
import { getActions, today } from './actions.ts';
import {
  getIncidentGraph,
  getGlobalTimeline,
  getTimelineFilterOptions,
  getTimelinePages,
  type TimelineEvent,
} from './graph.ts';
import {
  getGitHistory,
  getLinkLabels,
  getOutlines,
  getPublishedPostmortems,
  getSummaries,
  postmortemNumber,
  showDrafts,
  type Postmortem,
} from './postmortems.ts';
import { getListEntries, getTaxonomy } from './taxonomy.ts';

/**
 * What every page depends on beyond its data: the settings read from the environment (Astro's own
 * configuration hash covers the base path and site URL, not the repository link or the drafts
 * setting). The day actions are judged overdue against is not among them: a postmortem's page keys
 * which of its actions are overdue, so a new day renders again only the pages where that changed.
 */
const settings = { site, showDrafts };

/** `astro dev` renders every page on request and copies none: it needs no keys. */
const keyed = import.meta.env.MODE !== 'development';

/** The labels ("002 · Title") of `ids`, as the links to them show. */
function labelsOf(labels: ReadonlyMap<string, string>, ids: Iterable<string>): [string, string | undefined][] {
  return [...new Set(ids)].sort().map((id) => [id, labels.get(id)]);
}

/**
 * A postmortem's page (src/pages/postmortems/[id].astro): its entry and body, which of its actions
 * are overdue today, its last-updated date, whether its authors, services, environments and tags
 * have pages, and its recurrence chain, related postmortems and timeline refs with the labels of
 * the postmortems they name. Its timeline texts' HTML depends only on the texts (in `data`), its
 * file and the base path: a link in one that does not resolve fails the build
 * (`renderInlineMarkdown`), so which others exist changes nothing.
 */
export async function postmortemPageKey(postmortem: Postmortem): Promise<string | undefined> {
  if (!keyed) return undefined;
  const [graph, labels, history, taxonomy, outlines, cards] = await Promise.all([
    getIncidentGraph(),
    getLinkLabels(),
    getGitHistory(),
    getTaxonomy(),
    getOutlines(),
    getCardKeys(),
  ]);
  const { id, data } = postmortem;
  const file = postmortem.filePath ?? '';
  const crossLinks = [...graph.outgoing(id), ...graph.incoming(id), ...graph.mentionedIn(id)];
  const chain = graph.chainOf(id);
  const refsFrom = graph.refsFrom(id);
  const refsTo = graph.refsTo(id);
  const others = [
    ...crossLinks.map((link) => link.id),
    ...(chain?.postmortems ?? []),
    ...refsFrom.map((ref) => ref.to),
    ...refsTo.map((ref) => ref.from),
  ];
  return pageKey(settings, 'postmortem', {
    id,
    file,
    digest: postmortem.digest,
    // Its data and summary, as its card's key holds them (a draft has no card: the same, made here).
    data: cards.get(id) ?? cardKey(postmortem, data.summary ?? outlines.get(id)?.summary),
    // With the digest of the rendered body (`withBodyOutside`): the HTML depends on other
    // postmortems too (which links resolve), so the entry's own digest does not cover it. An MDX
    // body has none; Astro's incremental build follows its module itself. Not where the body is
    // kept: a body rendered again to the same HTML leaves the page as it was.
    metadata: withoutBodyLocation(postmortem.rendered?.metadata),
    overdue: data.actions.map((action) => isOverdue(action, today)),
    summary: outlines.get(id)?.summary,
    lastUpdated: history.lastChanged.get(file),
    slugs: [
      data.authors.map((author) => taxonomy.findSlug('author', author.name)),
      data.services.map((value) => taxonomy.findSlug('service', value)),
      data.environments.map((value) => taxonomy.findSlug('environment', value)),
      data.tags.map((value) => taxonomy.findSlug('tag', value)),
    ],
    crossLinks,
    chain: chain && chainKey(chain),
    refsFrom,
    refsTo,
    labels: labelsOf(labels, others),
  });
}

const chainKeys = new WeakMap<RecurrenceChain, string>();

/** A key of a recurrence chain, made once per build however many of its postmortems' pages show it. */
function chainKey(chain: RecurrenceChain): string {
  let key = chainKeys.get(chain);
  if (key === undefined) {
    key = pageKey(chain);
    chainKeys.set(chain, key);
  }
  return key;
}

let optionsKey: Promise<string> | undefined;
let tellerKeys: Promise<Map<string, string>> | undefined;

/**
 * A key of each published postmortem as the timeline shows it when it tells an event: its label, its
 * file (an event's text is rendered as written in its first teller's file, `getTimelineItems`) and
 * its data, as its card's key holds it. Made once per build, however many pages show its events.
 */
function getTellerKeys(): Promise<Map<string, string>> {
  tellerKeys ??= Promise.all([getPublishedPostmortems(), getLinkLabels(), getCardKeys()]).then(
    ([postmortems, labels, cards]) =>
      new Map(postmortems.map(({ id, filePath }) => [id, pageKey(id, labels.get(id), filePath, cards.get(id))])),
  );
  return tellerKeys;
}

/**
 * A page of the global timeline or of one of its filters (src/components/GlobalTimeline.astro): the
 * filters with their counts, how many events match and how many there are, how many pages, and the
 * events of this page with the postmortems that tell them.
 *
 * A merged event is made of its tellers' events alone (its time, kind, text, environment and
 * levels), so an event is named by its tellers and their event ids, and each teller's key (label,
 * file and data) covers the rest. A teller is named by its place in the page's sorted list of them.
 */
export async function timelinePageKey(active: TimelineFilter | undefined, page: number): Promise<string | undefined> {
  if (!keyed) return undefined;
  optionsKey ??= getTimelineFilterOptions().then((options) => pageKey(options));
  const [events, options, pages, keys] = await Promise.all([
    getGlobalTimeline(),
    optionsKey,
    getTimelinePages(active),
    getTellerKeys(),
  ]);
  const months = pages[page - 1] ?? [];
  // Plain loops, and the page's events as one text whose digest the key holds: the keys of all the
  // timeline's pages visit each event once per filter it matches (600,000 times at 10,000
  // postmortems), and arrays made per event, then `keyText` quoting the long texts, were most of
  // their time.
  const tellerSet = new Set<string>();
  for (const month of months)
    for (const event of month.events) for (const source of event.sources) tellerSet.add(source.id);
  const tellers = [...tellerSet].sort();
  const place = new Map(tellers.map((id, index) => [id, index]));
  let shown = '';
  for (const month of months) {
    shown += `${month.month}\t${month.label}\n`;
    for (const event of month.events) {
      for (let at = 0; at < event.sources.length; at += 1) {
        const source = event.sources[at] as TimelineEvent['sources'][number];
        shown += `${at === 0 ? '' : ' '}${place.get(source.id)}#${source.eventId}`;
      }
      shown += '\n';
    }
  }
  return pageKey(settings, 'timeline', {
    active,
    page,
    pages: pages.length,
    matching: eventsOnPages(pages),
    events: events.length,
    options,
    months: textDigest(shown),
    tellers: textDigest(tellers.map((id) => keys.get(id)).join(' ')),
  });
}

let timelinePlan: Promise<TimelinePlan> | undefined;

/**
 * The plan of the timeline's pages (src/lib/timeline-plan.ts): the filters' values, how many pages
 * the timeline and each filter have, and each page's key. A build keeps it in the cache folder
 * (`hindsight/timeline-plan.json`) with a digest of what it is made from, and reads it back while
 * the digest is the same, without merging the events or keying the pages: the digest covers the
 * code that makes it (this module's file, whose name changes with its code and the code it
 * imports, the timeline's among it), the settings, the vocabularies, the page size, and each
 * published postmortem, in order, as the timeline shows it when it tells an event (its teller
 * key: label, file, data and summary). A timeline page's key is made of those alone.
 */
export function getTimelinePlan(): Promise<TimelinePlan> {
  timelinePlan ??= (async () => {
    if (!keyed) return makeTimelinePlan();
    const tellers = await getTellerKeys();
    const digest = pageKey(import.meta.url, settings, eventKinds, levels, timelineEventsPerPage, [...tellers]);
    const file = fileURLToPath(new URL('hindsight/timeline-plan.json', cacheDir));
    const kept = keptPlan(readJsonFile(file), digest);
    if (kept) return kept;
    const plan = await makeTimelinePlan();
    writeJsonFile(file, { digest, plan });
    return plan;
  })();
  return timelinePlan;
}

/** The plan made from the timeline itself: its filters, their pages, and each page's key. */
async function makeTimelinePlan(): Promise<TimelinePlan> {
  const options = await getTimelineFilterOptions();
  const filters = [undefined, ...filterDimensions.flatMap((dimension) => options[dimension])];
  const pages: Record<string, number> = {};
  const keys: Record<string, string> = {};
  for (const filter of filters) {
    const count = (await getTimelinePages(filter)).length;
    pages[filter ? filterName(filter) : ''] = count;
    for (let page = 1; page <= count; page += 1) {
      const key = await timelinePageKey(filter && { dimension: filter.dimension, value: filter.value }, page);
      if (key !== undefined) keys[planPage(filter, page)] = key;
    }
  }
  return { options, pages, keys };
}

/** The key of a postmortem's card: its data and the summary it shows (`getSummaries`). */
function cardKey({ id, data }: Postmortem, summary: string | undefined): string {
  return pageKey(id, data, summary);
}

let cardKeys: Promise<Map<string, string>> | undefined;

/**
 * A key of each published postmortem's card (src/components/PostmortemCard.astro): its data and
 * summary. Its page's key and the timeline's hold it too, rather than the data again.
 */
function getCardKeys(): Promise<Map<string, string>> {
  cardKeys ??= Promise.all([getPublishedPostmortems(), getSummaries()]).then(
    ([postmortems, summaries]) =>
      new Map(postmortems.map((postmortem) => [postmortem.id, cardKey(postmortem, summaries.get(postmortem.id))])),
  );
  return cardKeys;
}

/**
 * The values that have pages, and their slugs: a card's tags link to those (TaxonomyTags.astro).
 * Not the postmortems of each value, which the cards' own keys hold.
 */
async function taxonomySlugsKey(): Promise<string> {
  const taxonomy = await getTaxonomy();
  return pageKey(
    Object.values(taxonomy.terms).map((terms) =>
      terms.map(({ taxonomy: of, slug, value, label }) => [of, slug, value, label]),
    ),
  );
}

/**
 * The list of every postmortem (src/pages/postmortems/[...list].astro, PostmortemList.astro): each
 * card in order, the filters' data of each entry, the filters' options and counts, and the values
 * the cards' tags link to.
 */
export async function postmortemListPageKey(): Promise<string | undefined> {
  if (!keyed) return undefined;
  const [postmortems, cards, entries] = await Promise.all([getPublishedPostmortems(), getCardKeys(), getListEntries()]);
  return pageKey(
    settings,
    'list',
    postmortems.map(({ id }) => [cards.get(id), entries.get(id)]),
    await taxonomySlugsKey(),
  );
}

/**
 * The page of every action (src/pages/actions/[...actions].astro): each action with its postmortem,
 * the day they are judged overdue against (which the page shows), and the labels of the
 * postmortems they link back to.
 */
export async function actionsPageKey(): Promise<string | undefined> {
  if (!keyed) return undefined;
  const [actions, labels] = await Promise.all([getActions(), getLinkLabels()]);
  return pageKey(
    settings,
    'actions',
    today,
    actions,
    labelsOf(
      labels,
      actions.map((action) => action.postmortemId),
    ),
  );
}

let exportedGraph: Promise<ReturnType<typeof exportGraph>> | undefined;

/** The graph as the JSON export holds it, made once for the keys of the export and of the recurrences. */
function getExportedGraph(): Promise<ReturnType<typeof exportGraph>> {
  exportedGraph ??= getIncidentGraph().then(exportGraph);
  return exportedGraph;
}

/**
 * The page of the recurrence chains (src/pages/recurrences/[...recurrences].astro): each chain, its
 * outages and their tellers, and the labels of its postmortems.
 */
export async function recurrencesPageKey(): Promise<string | undefined> {
  if (!keyed) return undefined;
  const [graph, labels] = await Promise.all([getExportedGraph(), getLinkLabels()]);
  return pageKey(
    settings,
    'recurrences',
    graph.chains,
    labelsOf(
      labels,
      graph.chains.flatMap((chain) => chain.postmortems),
    ),
  );
}

/**
 * The JSON export (src/pages/[export].json.ts, src/lib/export.ts): each published postmortem's
 * number and data and summary (as its card's key holds them), in order, and the graph as exported.
 */
export async function exportPageKey(): Promise<string | undefined> {
  if (!keyed) return undefined;
  const [postmortems, cards, graph] = await Promise.all([getPublishedPostmortems(), getCardKeys(), getExportedGraph()]);
  return pageKey(
    settings,
    'export',
    postmortems.map((postmortem) => [postmortem.id, postmortemNumber(postmortem), cards.get(postmortem.id)]),
    graph,
  );
}

/** The page of one value of a taxonomy (src/pages/[taxonomy]/[term].astro): the term and its cards. */
export async function termPageKey(term: Term): Promise<string | undefined> {
  if (!keyed) return undefined;
  const cards = await getCardKeys();
  return pageKey(
    settings,
    'term',
    term,
    term.ids.map((id) => cards.get(id)),
  );
}

/** An entry's rendered metadata without the place of its body (`src/loaders/rendered-bodies.ts`). */
function withoutBodyLocation(metadata: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!metadata) return metadata;
  const rest = { ...metadata };
  delete rest['body'];
  return rest;
}
