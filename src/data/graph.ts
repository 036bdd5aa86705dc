/** The incident graph of the published postmortems, built once per build and read by every page. */
import { outlineBody } from '../lib/body.ts';
import { eventIds } from '../lib/events.ts';
import {
  buildIncidentGraph,
  mergedTimeline,
  type GraphInput,
  type IncidentGraph,
  type MergedEvent,
} from '../lib/graph.ts';
import { renderInlineMarkdown } from '../lib/inline-markdown.ts';
import { resolvePostmortemLink } from '../lib/links.ts';
import { site } from '../site.config.ts';
import { getFragmentIndex, getOutlines, getPublishedPostmortems, postmortemNumber } from './postmortems.ts';

let inputs: Promise<GraphInput[]> | undefined;
let graph: Promise<IncidentGraph> | undefined;
let timeline: Promise<TimelineEvent[]> | undefined;

/** A merged event with its text rendered, once per build however many pages list it. */
export interface TimelineEvent extends MergedEvent {
  readonly html: string;
}

/** Each published postmortem as the graph sees it, with the postmortems its body and events link to. */
function getGraphInputs(): Promise<GraphInput[]> {
  inputs ??= Promise.all([getPublishedPostmortems(), getOutlines(), getFragmentIndex()]).then(
    ([entries, outlines, index]) =>
      entries.map((entry) => {
        const from = entry.filePath ?? '';
        const urls = [
          ...(outlines.get(entry.id)?.links ?? []),
          ...entry.data.timeline.flatMap((event) => outlineBody(event.text).links),
        ].map((link) => link.url);
        const bodyLinks = urls.flatMap((url) => {
          const resolution = resolvePostmortemLink(url, from, index);
          return resolution.kind === 'ok' ? [resolution.id] : [];
        });
        return {
          id: entry.id,
          number: postmortemNumber(entry),
          data: entry.data,
          eventIds: eventIds(entry.data.timeline.map((event) => event.at)),
          bodyLinks,
        };
      }),
  );
  return inputs;
}

export function getIncidentGraph(): Promise<IncidentGraph> {
  graph ??= getGraphInputs().then(buildIncidentGraph);
  return graph;
}

/** Every event of every published postmortem, told-twice events merged, newest first. */
export function getGlobalTimeline(): Promise<TimelineEvent[]> {
  timeline ??= Promise.all([getGraphInputs(), getPublishedPostmortems(), getFragmentIndex()]).then(
    ([records, entries, index]) => {
      const files = new Map(entries.map((entry) => [entry.id, entry.filePath ?? '']));
      return mergedTimeline(records).map((event) => ({
        ...event,
        html: renderInlineMarkdown(event.text, {
          fromFile: files.get(event.sources[0]?.id ?? '') ?? '',
          index,
          base: site.base,
        }),
      }));
    },
  );
  return timeline;
}
