/**
 * The records the incident graph is built from, made from postmortems as the site and the
 * validator both hold them: the body's links and the event texts' links are resolved to the ids
 * of the postmortems they point at. The events' anchor ids come with the postmortems: the
 * fragment index that resolves links is made from the same ones (making them again here took 80 ms
 * of each build at 10,000 postmortems).
 */
import { postmortemLinkCandidates } from './body.ts';
import { parseEventTime } from './dates.ts';
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
    const times = data.timeline.map((event) => parseEventTime(event.at));
    return { id, number, data, times, eventIds, bodyLinks };
  });
}
