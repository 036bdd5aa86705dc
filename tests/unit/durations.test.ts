import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../src/lib/dates.ts';
import {
  durationBetween,
  formatDuration,
  incidentDurations,
  isoDuration,
  timelineDurations,
  type TimedEvent,
} from '../../src/lib/durations.ts';
import type { EventKind } from '../../src/lib/vocabulary.ts';

const at = (value: string) => parseEventTime(value);
const timeline = (...events: [string, EventKind][]): TimedEvent[] =>
  events.map(([time, kind]) => ({ time: at(time), kind }));

describe('durationBetween', () => {
  it('counts whole days between dates, across months and leap days', () => {
    expect(durationBetween(at('2023-01-08'), at('2023-02-04'))).toEqual({ unit: 'days', days: 27 });
    expect(durationBetween(at('2024-02-28'), at('2024-03-01'))).toEqual({ unit: 'days', days: 2 });
    expect(durationBetween(at('2023-01-08'), at('2023-01-08'))).toEqual({ unit: 'days', days: 0 });
  });

  it('counts minutes between instants, across offsets', () => {
    expect(durationBetween(at('2024-03-11T10:00:00+05:30'), at('2024-03-11T06:00:00Z'))).toEqual({
      unit: 'minutes',
      minutes: 90,
    });
    expect(durationBetween(at('2023-01-31T22:00:00-05:00'), at('2023-02-01T04:20:29Z'))).toEqual({
      unit: 'minutes',
      minutes: 80,
    });
  });

  it('counts days by the written dates when either end is a whole day', () => {
    expect(durationBetween(at('2023-01-31'), at('2023-02-01T01:00:00+09:00'))).toEqual({ unit: 'days', days: 1 });
    expect(durationBetween(at('2023-01-31T23:00:00-08:00'), at('2023-02-03'))).toEqual({ unit: 'days', days: 3 });
  });
});

describe('incidentDurations', () => {
  it('reads time to detect, time to resolve and the window off a timeline of dates', () => {
    const events = timeline(
      ['2023-01-08', 'outage'],
      ['2023-01-09', 'detection'],
      ['2023-02-04', 'fix'],
      ['2023-02-06', 'deploy'],
    );
    expect(incidentDurations(events)).toEqual({
      timeToDetect: { unit: 'days', days: 1 },
      timeToResolve: { unit: 'days', days: 27 },
      window: { unit: 'days', days: 29 },
    });
  });

  it('uses minutes when the timeline has instants, and the first of fix or mitigation', () => {
    const events = timeline(
      ['2024-03-11T10:00:00+05:30', 'outage'],
      ['2024-03-11T06:00:00Z', 'detection'],
      ['2024-03-11T00:20-07:00', 'mitigation'],
      ['2024-03-12T16:45:30+01:00', 'fix'],
    );
    expect(incidentDurations(events)).toEqual({
      timeToDetect: { unit: 'minutes', minutes: 90 },
      timeToResolve: { unit: 'minutes', minutes: 170 },
      window: { unit: 'minutes', minutes: 2116 },
    });
  });

  it('starts from the first outage and ignores detections before it', () => {
    const events = timeline(
      ['2023-03-01', 'note'],
      ['2023-03-02', 'detection'],
      ['2023-03-05', 'outage'],
      ['2023-03-07', 'outage'],
      ['2023-03-08', 'detection'],
    );
    expect(incidentDurations(events)).toEqual({
      timeToDetect: { unit: 'days', days: 3 },
      window: { unit: 'days', days: 7 },
    });
  });

  it('has only a window without an outage, and nothing for a single event', () => {
    expect(incidentDurations(timeline(['2023-03-01', 'investigation'], ['2023-03-04', 'fix']))).toEqual({
      window: { unit: 'days', days: 3 },
    });
    expect(incidentDurations(timeline(['2023-03-01', 'outage']))).toEqual({});
    expect(incidentDurations([])).toEqual({});
  });
});

describe('formatDuration and isoDuration', () => {
  it.each([
    [{ unit: 'days', days: 0 }, 'same day', 'P0D'],
    [{ unit: 'days', days: 1 }, '1 day', 'P1D'],
    [{ unit: 'days', days: 26 }, '26 days', 'P26D'],
    [{ unit: 'minutes', minutes: 0 }, '0 min', 'PT0M'],
    [{ unit: 'minutes', minutes: 45 }, '45 min', 'PT45M'],
    [{ unit: 'minutes', minutes: 120 }, '2 h', 'PT2H'],
    [{ unit: 'minutes', minutes: 200 }, '3 h 20 min', 'PT3H20M'],
    [{ unit: 'minutes', minutes: 47 * 60 + 59 }, '47 h 59 min', 'PT47H59M'],
    [{ unit: 'minutes', minutes: 2 * 24 * 60 }, '2 days', 'PT48H'],
    [{ unit: 'minutes', minutes: 3 * 24 * 60 + 13 * 60 }, '4 days', 'PT85H'],
  ] as const)('%j is "%s" and %s', (duration, shown, iso) => {
    expect(formatDuration(duration)).toBe(shown);
    expect(isoDuration(duration)).toBe(iso);
  });
});

describe('timelineDurations', () => {
  it('reads a timeline as written, once per timeline', () => {
    const written = [
      { at: '2023-01-08T10:00Z', kind: 'outage' },
      { at: '2023-01-08T10:20Z', kind: 'detection' },
      { at: '2023-01-08T12:00+01:00', kind: 'fix' },
    ] as const;
    const durations = timelineDurations(written);
    expect(durations).toEqual(incidentDurations(written.map((event) => ({ time: at(event.at), kind: event.kind }))));
    expect(durations.timeToDetect).toEqual({ unit: 'minutes', minutes: 20 });
    expect(timelineDurations(written)).toBe(durations);
    expect(Object.isFrozen(durations)).toBe(true);
    expect(timelineDurations([...written])).not.toBe(durations);
  });
});
