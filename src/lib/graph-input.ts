/**
 * The records the incident graph is built from, made from postmortems as the site and the
 * validator both hold them: the body's links and the event texts' links are resolved to the ids
 * of the postmortems they point at. The events' anchor ids come with the postmortems: the
 * fragment index that resolves links is made from the same ones (making them again here took 80 ms
 * of each build at 10,000 postmortems).
 */
import { postmortemLinkCandidates } from './body.ts';
import { dayKey, parseEventTime, type EventTime } from './dates.ts';
import type { GraphInput, GraphPostmortemData } from './graph.ts';
import { resolvePostmortemLink, type FragmentIndex } from './links.ts';

export interface GraphSource {
  readonly id: string;
  readonly number: number;
  /** Path of the file, relative to the project, which relative links are resolved from. */
  readonly file: string;
  readonly data: GraphPostmortemData;
  /** Anchor ids of the timeline events, in timeline order (see `eventIds` in `events.ts`). */
  readonly eventIds: readonly string[];
  readonly outline: { readonly links: readonly { readonly url: string }[] };
}

export function graphInputs(postmortems: readonly GraphSource[], index: FragmentIndex): GraphInput[] {
  return postmortems.map(({ id, number, file, data, eventIds, outline }) => {
    const urls = [...outline.links, ...data.timeline.flatMap((event) => postmortemLinkCandidates(event.text))];
    const bodyLinks = urls.flatMap(({ url }) => {
      const resolution = resolvePostmortemLink(url, file, index);
      return resolution.kind === 'ok' ? [resolution.id] : [];
    });
    return { id, number, data, ...readTimeline(data.timeline), eventIds, bodyLinks };
  });
}

const none: readonly number[] = Object.freeze([]);

/**
 * What the graph reads of a timeline by position, in one pass over its events: their times and
 * days, and where the events with a `ref` and the outages are. Each event is read here, while its
 * time is parsed, and not again by the graph, which reads only the events it needs: at 10,000
 * postmortems the graph's own passes over all 170,000 events (2,400 of them with a `ref`) and over
 * every event of each postmortem a `ref` points at were about a fifth of its time, most of it
 * spent waiting for the memory of events scattered over a heap of 600 MB.
 */
export function readTimeline(
  timeline: GraphPostmortemData['timeline'],
): Pick<GraphInput, 'times' | 'days' | 'refPositions' | 'outagePositions'> {
  const times = new Array<EventTime>(timeline.length);
  const days = new Array<number>(timeline.length);
  let refPositions: number[] | undefined;
  let outagePositions: number[] | undefined;
  for (let at = 0; at < timeline.length; at += 1) {
    const event = timeline[at] as GraphPostmortemData['timeline'][number];
    const time = parseEventTime(event.at);
    times[at] = time;
    days[at] = dayKey(time.date);
    if (event.ref !== undefined) (refPositions ??= []).push(at);
    if (event.kind === 'outage') (outagePositions ??= []).push(at);
  }
  return { times, days, refPositions: refPositions ?? none, outagePositions: outagePositions ?? none };
}
