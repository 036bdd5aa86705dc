/**
 * Durations read off a timeline: how long until the incident was noticed, until it was fixed or
 * mitigated, and how long the whole window ran. With whole days on either end, a duration is counted
 * in days; with two instants, in hours and minutes.
 */
import { compareEventTimes, dayNumber, parseEventTime, type EventTime } from './dates.ts';
import type { EventKind } from './vocabulary.ts';

export type Duration =
  { readonly unit: 'days'; readonly days: number } | { readonly unit: 'minutes'; readonly minutes: number };

export interface TimedEvent {
  readonly time: EventTime;
  readonly kind: EventKind;
}

export interface IncidentDurations {
  /** First outage to first detection after it. */
  readonly timeToDetect?: Duration;
  /** First outage to first fix or mitigation after it. */
  readonly timeToResolve?: Duration;
  /** First event to last event. */
  readonly window?: Duration;
}

export function durationBetween(from: EventTime, to: EventTime): Duration {
  if (from.kind === 'date-time' && to.kind === 'date-time') {
    return { unit: 'minutes', minutes: Math.round((to.instant - from.instant) / 60_000) };
  }
  return { unit: 'days', days: dayNumber(to.date) - dayNumber(from.date) };
}

/** A timeline as written in the frontmatter, in chronological order. */
export type WrittenTimeline = readonly { readonly at: string; readonly kind: EventKind }[];

const timelineDurationsMemo = new WeakMap<WrittenTimeline, IncidentDurations>();

/**
 * `incidentDurations` of a timeline as written. Worked out once per timeline and build: the
 * list, taxonomy and export pages and the charts show the same postmortem's durations many times
 * over (at 10,000 postmortems, over a million event times looked up). The result is frozen.
 */
export function timelineDurations(timeline: WrittenTimeline): IncidentDurations {
  let durations = timelineDurationsMemo.get(timeline);
  if (!durations) {
    durations = Object.freeze(
      incidentDurations(timeline.map((event) => ({ time: parseEventTime(event.at), kind: event.kind }))),
    );
    timelineDurationsMemo.set(timeline, durations);
  }
  return durations;
}

/** Durations of a timeline that is already in chronological order. */
export function incidentDurations(events: readonly TimedEvent[]): IncidentDurations {
  const first = events[0];
  const last = events.at(-1);
  const outageIndex = events.findIndex((event) => event.kind === 'outage');
  const outage = events[outageIndex];
  const after = (kinds: readonly EventKind[]) =>
    outage
      ? events
          .slice(outageIndex + 1)
          .find((event) => kinds.includes(event.kind) && compareEventTimes(outage.time, event.time) <= 0)
      : undefined;
  const detection = after(['detection']);
  const resolution = after(['fix', 'mitigation']);
  return {
    ...(outage && detection ? { timeToDetect: durationBetween(outage.time, detection.time) } : {}),
    ...(outage && resolution ? { timeToResolve: durationBetween(outage.time, resolution.time) } : {}),
    ...(first && last && first !== last ? { window: durationBetween(first.time, last.time) } : {}),
  };
}

/** "26 days", "1 day", "same day", "3 h 20 min", "45 min". */
export function formatDuration(duration: Duration): string {
  if (duration.unit === 'days') {
    if (duration.days === 0) return 'same day';
    return `${duration.days} ${duration.days === 1 ? 'day' : 'days'}`;
  }
  const hours = Math.floor(duration.minutes / 60);
  const minutes = duration.minutes % 60;
  if (hours === 0) return `${minutes} min`;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** ISO 8601 duration for `<time datetime>`: `P26D`, `PT3H20M`. */
export function isoDuration(duration: Duration): string {
  if (duration.unit === 'days') return `P${duration.days}D`;
  const hours = Math.floor(duration.minutes / 60);
  const minutes = duration.minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${minutes || !hours ? `${minutes}M` : ''}`;
}
