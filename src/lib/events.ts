/**
 * Stable anchors for timeline events. An event's id comes from its own date (and time, when it has
 * one) and its position among the events of that same day, so inserting an event on another day
 * never changes it: `event-2023-01-08`, `event-2023-01-08-2`, `event-2023-02-01t1405`.
 */
import { isoDate, parseEventTime, type EventTime } from './dates.ts';

export function eventAnchorBase(time: EventTime): string {
  const day = isoDate(time.date);
  if (time.kind === 'date') return `event-${day}`;
  return `event-${day}t${String(time.hour).padStart(2, '0')}${String(time.minute).padStart(2, '0')}`;
}

/** Ids of a timeline's events, in order, from their `at` values. */
export function eventIds(ats: readonly string[]): string[] {
  return eventIdsOf(ats.map(parseEventTime));
}

/** Ids of a timeline's events, in order, from their parsed times. */
export function eventIdsOf(times: readonly EventTime[]): string[] {
  const seen = new Map<string, number>();
  return times.map((time) => {
    const base = eventAnchorBase(time);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}
