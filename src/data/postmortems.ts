/**
 * The collection queries every page shares. Each runs once per build: pages await the same promise.
 */
import { resolve } from 'node:path';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import type { BodyOutline } from '../lib/body.ts';
import { eventIds } from '../lib/events.ts';
import { fragmentIndex, type FragmentIndex } from '../lib/links.ts';
import { readGitHistory, type GitHistory } from '../lib/git-history-fs.ts';
import { parsePostmortemFileName } from '../lib/postmortem-file.ts';
import { sharedCollection, type SharedCollection } from '../lib/shared-collection.ts';
import { bodyLocation } from '../loaders/rendered-bodies.ts';
import { site } from '../site.config.ts';
import { compareStrings } from '../lib/compare.ts';

export type Postmortem = CollectionEntry<'postmortems'>;

let all: Promise<Postmortem[]> | undefined;
let published: Promise<Postmortem[]> | undefined;

/**
 * Whether drafts get pages: always under `astro dev`, in builds only with HINDSIGHT_DRAFTS=1. Read
 * from the mode, not `import.meta.env.DEV`, which follows NODE_ENV: a build started from a test
 * runner (NODE_ENV=test) would otherwise publish every draft.
 */
export const showDrafts: boolean = import.meta.env.MODE === 'development' || site.drafts;

/** Every postmortem, drafts included, newest write-up first (ties: higher number first). */
function getAllPostmortems(): Promise<Postmortem[]> {
  all ??= getCollection('postmortems').then((entries) =>
    // YYYY-MM-DD strings sort as dates by code unit, the same on every machine (no locale).
    entries.sort((a, b) => compareStrings(b.data.date, a.data.date) || postmortemNumber(b) - postmortemNumber(a)),
  );
  return all;
}

/**
 * Every postmortem published or in review, newest first: what lists, counts, the graph, search, the
 * feed and the JSON export are made of. Drafts are never among them, even where they get a page.
 */
export function getPublishedPostmortems(): Promise<Postmortem[]> {
  published ??= getAllPostmortems().then((entries) => entries.filter((entry) => entry.data.status !== 'draft'));
  return published;
}

/** Every postmortem that gets a page: the published ones, and drafts where `showDrafts` says so. */
export function getPostmortemPages(): Promise<Postmortem[]> {
  return showDrafts ? getAllPostmortems() : getPublishedPostmortems();
}

export function postmortemNumber(entry: Postmortem): number {
  return parsePostmortemFileName(entry.id)?.number ?? 0;
}

/** `003` */
export function formatNumber(entry: Postmortem): string {
  return String(postmortemNumber(entry)).padStart(3, '0');
}

let outlines: Promise<Map<string, BodyOutline>> | undefined;

/** The structure (headings, links, summary paragraph) of every published postmortem's body. */
export function getOutlines(): Promise<Map<string, BodyOutline>> {
  outlines ??= getPublishedPostmortems().then((entries) => {
    const shared = loaded();
    return new Map(
      entries.map((entry) => {
        const outline = shared.outlines.get(entry.id);
        if (!outline) throw new Error(`The postmortem loader has no outline of "${entry.id}" (${entry.filePath}).`);
        return [entry.id, outline];
      }),
    );
  });
  return outlines;
}

/**
 * Astro's `render()` of a postmortem, with the body's HTML read from where the loader keeps it
 * (src/loaders/rendered-bodies.ts): the store holds it empty. An MDX postmortem has no HTML in
 * the store either way; Astro renders its module.
 */
export function renderPostmortem(entry: Postmortem): ReturnType<typeof render> {
  const { rendered } = entry;
  if (!rendered) return render(entry);
  return render({ ...entry, rendered: { ...rendered, html: loaded().rendered.read(entry.id, bodyLocation(entry)) } });
}

/**
 * What the postmortem loader shared while it loaded the collection, in this same process: it runs
 * at the start of every build and of `astro dev`, so a page never runs without it.
 */
function loaded(): Required<SharedCollection> {
  const shared = sharedCollection(resolve(site.contentDir));
  if (!shared?.rendered) throw new Error(`The postmortem loader has not loaded ${site.contentDir} in this process.`);
  return { ...shared, rendered: shared.rendered };
}

let summaries: Promise<Map<string, string | undefined>> | undefined;

/** Summary of each postmortem: its `summary` field, or else the first paragraph of `## Summary`. */
export function getSummaries(): Promise<Map<string, string | undefined>> {
  summaries ??= Promise.all([getPublishedPostmortems(), getOutlines()]).then(
    ([entries, bodies]) =>
      new Map(entries.map((entry) => [entry.id, entry.data.summary ?? bodies.get(entry.id)?.summary])),
  );
  return summaries;
}

let anchors: Promise<Map<string, string[]>> | undefined;

/** The anchor ids of each published postmortem's timeline events, for its links and the graph. */
export function getEventIds(): Promise<Map<string, string[]>> {
  anchors ??= getPublishedPostmortems().then(
    (entries) => new Map(entries.map((entry) => [entry.id, eventIds(entry.data.timeline.map((event) => event.at))])),
  );
  return anchors;
}

/** The anchor ids of `entry`'s timeline events, from `getEventIds`. */
export function eventIdsOfEntry(ids: ReadonlyMap<string, string[]>, entry: Postmortem): string[] {
  const found = ids.get(entry.id);
  if (!found) throw new Error(`No event ids were made for "${entry.id}" (${entry.filePath}).`);
  return found;
}

let fragments: Promise<FragmentIndex> | undefined;

/** Which anchors each published postmortem page has, for resolving links between them. */
export function getFragmentIndex(): Promise<FragmentIndex> {
  fragments ??= Promise.all([getPublishedPostmortems(), getOutlines(), getEventIds()]).then(([entries, bodies, ids]) =>
    fragmentIndex(
      entries.map((entry) => ({
        id: entry.id,
        outline: bodies.get(entry.id) ?? { headings: [] },
        eventIds: eventIdsOfEntry(ids, entry),
      })),
    ),
  );
  return fragments;
}

let labels: Promise<Map<string, string>> | undefined;

/**
 * "002 · Postmortem for v0.0.23 release", for links to a postmortem by id. Made once: every
 * postmortem page asks for it, and a fresh map per page made the build quadratic.
 */
export function getLinkLabels(): Promise<Map<string, string>> {
  labels ??= getPublishedPostmortems().then(
    (entries) => new Map(entries.map((entry) => [entry.id, `${formatNumber(entry)} · ${entry.data.title}`])),
  );
  return labels;
}

let history: Promise<GitHistory> | undefined;

/**
 * When each postmortem file was last committed, from git, keyed by its path (`entry.filePath`).
 * Read once per build; says once why there are no dates when git can't tell.
 */
export function getGitHistory(): Promise<GitHistory> {
  history ??= readGitHistory(process.cwd(), site.contentDir).then((result) => {
    if (result.unavailable)
      console.warn(`Hindsight: no "last updated" dates on postmortem pages: ${result.unavailable}.`);
    return result;
  });
  return history;
}
