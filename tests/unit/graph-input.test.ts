import { describe, expect, it } from 'vitest';
import { dayKey, parseEventTime } from '../../src/lib/dates.ts';
import { buildIncidentGraph } from '../../src/lib/graph.ts';
import { readTimeline } from '../../src/lib/graph-input.ts';
import { event, record } from '../fixtures/graph.ts';

describe('the timeline as the graph reads it', () => {
  const timeline = [
    event('2023-01-08T09:00Z', 'detection', 'Alerts fired.'),
    event('2023-01-08T09:05Z', 'outage', 'Staging was down.', { environment: 'staging' }),
    event('2023-01-08', 'note', 'Told in the other postmortem.', { ref: '001-incident-1' }),
    event('2023-01-09T23:30-05:00', 'outage', 'Down again.', { ref: '001-incident-1' }),
  ];

  it('has each event time and its date as written, in timeline order', () => {
    const read = readTimeline(timeline);
    expect(read.times).toEqual(timeline.map((entry) => parseEventTime(entry.at)));
    // 23:30 at -05:00 is the 10th in UTC; the date as written is the 9th.
    expect(read.days).toEqual([
      dayKey({ year: 2023, month: 1, day: 8 }),
      dayKey({ year: 2023, month: 1, day: 8 }),
      dayKey({ year: 2023, month: 1, day: 8 }),
      dayKey({ year: 2023, month: 1, day: 9 }),
    ]);
  });

  it('knows where the events with a ref and the outages are', () => {
    const read = readTimeline(timeline);
    expect(read.refPositions).toEqual([2, 3]);
    expect(read.outagePositions).toEqual([1, 3]);
  });

  it('has empty position lists for a timeline with no ref and no outage', () => {
    const read = readTimeline([event('2023-01-08', 'note', 'Quiet.')]);
    expect(read.refPositions).toEqual([]);
    expect(read.outagePositions).toEqual([]);
  });

  it('must match the timeline it comes with, or the graph is not built', () => {
    const wrong = { ...record(2, { timeline }), days: [] };
    expect(() => buildIncidentGraph([record(1), wrong])).toThrow(
      '002-incident-2: 4 event ids, 4 times and 0 days for 4 events',
    );
  });
});
