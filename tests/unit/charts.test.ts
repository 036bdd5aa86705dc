import { describe, expect, it } from 'vitest';
import {
  durationsOverTime,
  maxMonths,
  medianOf,
  mostSevereLevel,
  niceTicks,
  postmortemsOverTime,
  timeAxis,
  type ChartPostmortem,
} from '../../src/lib/charts.ts';
import { parseCalendarDate } from '../../src/lib/dates.ts';
import { seeded } from '../fixtures/graph.ts';

const day = parseCalendarDate;

function postmortem(date: string, level: ChartPostmortem['level'], timeline: ChartPostmortem['timeline'] = []) {
  return { date, level, timeline: timeline.length > 0 ? timeline : [{ at: date, kind: 'note' as const }] };
}

describe('timeAxis', () => {
  it('has no buckets without dates', () => {
    expect(timeAxis([])).toEqual({ unit: 'month', buckets: [] });
  });

  it('runs month by month from the earliest to the latest date, empty months included', () => {
    const axis = timeAxis([day('2023-02-06'), day('2022-11-30'), day('2023-01-08')]);
    expect(axis.unit).toBe('month');
    expect(axis.buckets).toEqual([
      { key: '2022-11', label: 'November 2022', short: 'Nov 2022' },
      { key: '2022-12', label: 'December 2022', short: 'Dec 2022' },
      { key: '2023-01', label: 'January 2023', short: 'Jan 2023' },
      { key: '2023-02', label: 'February 2023', short: 'Feb 2023' },
    ]);
  });

  it(`switches to years past ${maxMonths} months`, () => {
    expect(timeAxis([day('2020-01-01'), day('2023-12-31')]).buckets).toHaveLength(maxMonths);
    const long = timeAxis([day('2019-12-31'), day('2024-01-01')]);
    expect(long.unit).toBe('year');
    expect(long.buckets.map((bucket) => bucket.key)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
  });
});

describe('mostSevereLevel', () => {
  it('is the level listed last in the vocabulary', () => {
    expect(mostSevereLevel(['outage', 'internal'])).toBe('outage');
    expect(mostSevereLevel(['breach', 'corruption'])).toBe('breach');
    expect(mostSevereLevel(['internal'])).toBe('internal');
  });
});

describe('postmortemsOverTime', () => {
  it('counts each postmortem once, under its most severe level, in the month of its write-up', () => {
    const data = postmortemsOverTime([
      postmortem('2023-01-11', ['internal']),
      postmortem('2023-02-06', ['internal', 'outage']),
      postmortem('2023-04-01', ['outage']),
      postmortem('2023-04-30', ['internal']),
    ]);
    expect(data.levels).toEqual(['internal', 'outage']);
    expect(data.max).toBe(2);
    expect(data.total).toBe(4);
    expect(
      data.buckets.map((bucket) => [bucket.key, bucket.counts.internal, bucket.counts.outage, bucket.total]),
    ).toEqual([
      ['2023-01', 1, 0, 1],
      ['2023-02', 0, 1, 1],
      ['2023-03', 0, 0, 0],
      ['2023-04', 1, 1, 2],
    ]);
  });

  it('has nothing to draw without postmortems', () => {
    expect(postmortemsOverTime([])).toMatchObject({ buckets: [], levels: [], max: 0, total: 0 });
  });

  it('keeps every one of 10,000 postmortems over 30 years, by year', () => {
    const random = seeded(7);
    const levels = [['internal'], ['outage'], ['internal', 'corruption'], ['breach']] as const;
    const many = Array.from({ length: 10_000 }, (_, at) => {
      const year = 1995 + Math.floor(random() * 30);
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      return postmortem(`${year}-${month}-15`, levels[at % levels.length] as ChartPostmortem['level']);
    });
    const data = postmortemsOverTime(many);
    expect(data.unit).toBe('year');
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(10_000);
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.counts.corruption, 0)).toBe(2_500);
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.counts.internal, 0)).toBe(2_500);
  });
});

describe('durationsOverTime', () => {
  it('takes the median time to detect and to resolve per month, in days', () => {
    const data = durationsOverTime([
      // Detected after 2 days, resolved after 26.
      postmortem(
        '2023-02-06',
        ['outage'],
        [
          { at: '2023-01-08', kind: 'outage' },
          { at: '2023-01-10', kind: 'detection' },
          { at: '2023-02-03', kind: 'mitigation' },
        ],
      ),
      // Resolved after 4 days, never detected.
      postmortem(
        '2023-02-20',
        ['internal'],
        [
          { at: '2023-02-01', kind: 'outage' },
          { at: '2023-02-05', kind: 'fix' },
        ],
      ),
      // No outage: no durations at all.
      postmortem('2023-04-02', ['internal']),
    ]);
    expect(data.valueUnit).toBe('days');
    expect(data.counted).toEqual({ detect: 1, resolve: 2 });
    expect(data.max).toBe(15);
    expect(data.buckets.map(({ key, detect, resolve }) => ({ key, detect, resolve }))).toEqual([
      { key: '2023-02', detect: { median: 2, count: 1 }, resolve: { median: 15, count: 2 } },
      { key: '2023-03', detect: undefined, resolve: undefined },
      { key: '2023-04', detect: undefined, resolve: undefined },
    ]);
  });

  it('counts in hours when every median is under two days, minutes and days alike', () => {
    const data = durationsOverTime([
      postmortem(
        '2024-03-14',
        ['outage'],
        [
          { at: '2024-03-11T04:30:00Z', kind: 'outage' },
          { at: '2024-03-11T06:00:00Z', kind: 'detection' },
          { at: '2024-03-11T07:20:00Z', kind: 'mitigation' },
        ],
      ),
      postmortem(
        '2024-03-20',
        ['outage'],
        [
          { at: '2024-03-18', kind: 'outage' },
          { at: '2024-03-19', kind: 'fix' },
        ],
      ),
    ]);
    expect(data.valueUnit).toBe('hours');
    const [march] = data.buckets;
    expect(march?.detect?.median).toBeCloseTo(1.5);
    // 2 h 50 min and 24 h: the median is their mean.
    expect(march?.resolve?.median).toBeCloseTo((2 + 50 / 60 + 24) / 2);
  });

  it('has nothing to draw when no postmortem has an outage', () => {
    const data = durationsOverTime([postmortem('2023-01-01', ['internal'])]);
    expect(data.counted).toEqual({ detect: 0, resolve: 0 });
    expect(data.valueUnit).toBe('days');
    expect(data.max).toBe(0);
  });
});

describe('medianOf', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(medianOf([])).toBeUndefined();
    expect(medianOf([5, 1, 3])).toEqual({ median: 3, count: 3 });
    expect(medianOf([4, 1, 3, 10])).toEqual({ median: 3.5, count: 4 });
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten from 0 to at least the maximum', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(1, 4, true)).toEqual([0, 1]);
    expect(niceTicks(7, 4, true)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(26)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
