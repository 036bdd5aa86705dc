/**
 * The records the incident graph is built from, made from postmortems as the site and the
 * validator both hold them: the body's links and the event texts' links are resolved to the ids
 * of the postmortems they point at.
 */
import { postmortemLinkCandidates } from './body.ts';
import { parseEventTime } from './dates.ts';
import { eventIdsOf } from './events.ts';
import type { GraphInput, GraphPostmortemData } from './graph.ts';
import { resolvePostmortemLink, type FragmentIndex } from './links.ts';

export interface GraphSource {
  readonly id: string;
  readonly number: number;
  /** Path of the file, relative to the project, which relative links are resolved from. */
  readonly file: string;
  readonly data: GraphPostmortemData;
  readonly outline: { readonly links: readonly { readonly url: string }[] };
}

export function graphInputs(postmortems: readonly GraphSource[], index: FragmentIndex): GraphInput[] {
  return postmortems.map(({ id, number, file, data, outline }) => {
    const urls = [...outline.links, ...data.timeline.flatMap((event) => postmortemLinkCandidates(event.text))];
    const bodyLinks = urls.flatMap(({ url }) => {
      const resolution = resolvePostmortemLink(url, file, index);
      return resolution.kind === 'ok' ? [resolution.id] : [];
    });
    const times = data.timeline.map((event) => parseEventTime(event.at));
    return { id, number, data, times, eventIds: eventIdsOf(times), bodyLinks };
  });
}
