/**
 * The HTML of one event of the global timeline, made once per build and reused on every page that
 * lists the event. Every event is on the timeline's own pages and on one page each of its
 * environment, kind and level filters, so rendering it through Astro's components each time was
 * most of the timeline's cost: at 10,000 postmortems, some 700,000 renders of 170,000 events.
 * The markup is what `GlobalTimeline.astro` styles (under `.events`); text and attributes are
 * escaped with html-escaper, as Astro escapes `{expressions}`.
 */
import { escape } from 'html-escaper';
import { formatWrittenTime } from './dates.ts';
import type { MergedEvent } from './graph.ts';
import { postmortemPath } from './urls.ts';
import { humanise } from './vocabulary.ts';

export interface TimelineItem extends MergedEvent {
  /** The event's text, already rendered to (safe) inline HTML. */
  readonly html: string;
}

export interface TimelineItemContext {
  /** Site base path, `/` or `/x/`. */
  readonly base: string;
  /** Label of each event kind: `Outage`. */
  readonly kindLabel: (kind: MergedEvent['kind']) => string;
  /** Label of a postmortem in a link: `3 · Title`; its id when it has none. */
  readonly postmortemLabel: (id: string) => string | undefined;
}

/** The `<li>` of one event: its time, kind, environment, text and the postmortems that tell it. */
export function timelineItemHtml(event: TimelineItem, context: TimelineItemContext): string {
  const environment = event.environment ?? '';
  const sources = event.sources
    .map((source) => {
      const href = postmortemPath(context.base, source.id, source.eventId);
      return `<a href="${escape(href)}">${escape(context.postmortemLabel(source.id) ?? source.id)}</a>`;
    })
    .join(' and ');
  return (
    `<li class="event event--${escape(event.kind)}" data-environment="${escape(environment)}"` +
    ` data-kind="${escape(event.kind)}" data-level="${escape(event.levels.join(' '))}">` +
    `<p class="event__head"><time datetime="${escape(event.at)}">${escape(formatWrittenTime(event.at))}</time>` +
    `<span class="event__tag">${escape(context.kindLabel(event.kind))}</span>` +
    (environment ? `<span class="event__tag">${escape(humanise(environment))}</span>` : '') +
    `</p><p class="event__text">${event.html}</p>` +
    `<p class="event__sources">${event.sources.length > 1 ? 'Told in ' : 'From '}${sources}</p></li>`
  );
}
