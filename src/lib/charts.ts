/**
 * The data behind the home page's two charts: postmortems per month stacked by level, and the
 * median time to detect and to resolve over the same months. Plain numbers over plain records, so
 * the charts can be drawn as SVG at build time and tested without a browser.
 *
 * Time runs along contiguous buckets from the earliest to the latest write-up date, empty ones
 * included, so gaps show. A span longer than `maxMonths` is drawn by year instead, so 10,000
 * postmortems over decades still make a legible chart. Everything is one pass over the postmortems
 * plus one over the buckets.
 */
import { formatMonth, parseCalendarDate, type CalendarDate } from './dates.ts';
import { timelineDurations, type Duration } from './durations.ts';
import { levelKeys, type EventKind, type Level } from './vocabulary.ts';

/** The fields of a postmortem the charts read; a full `PostmortemData` fits. */
export interface ChartPostmortem {
  /** Write-up date, `YYYY-MM-DD`: it places the postmortem on the time axis. */
  readonly date: string;
  readonly level: readonly Level[];
  readonly timeline: readonly { readonly at: string; readonly kind: EventKind }[];
}

export type BucketUnit = 'month' | 'year';

export interface Bucket {
  /** `2023-01` for a month, `2023` for a year. */
  readonly key: string;
  /** "January 2023" or "2023". */
  readonly label: string;
  /** "Jan 2023" or "2023", for axis ticks. */
  readonly short: string;
}

export interface TimeAxis {
  readonly unit: BucketUnit;
  readonly buckets: readonly Bucket[];
}

/** Spans up to this many months are drawn month by month; longer ones by year. */
export const maxMonths = 48;

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The contiguous buckets from the earliest to the latest date; none for no dates. */
export function timeAxis(dates: readonly CalendarDate[]): TimeAxis {
  if (dates.length === 0) return { unit: 'month', buckets: [] };
  let first = monthIndex(dates[0] as CalendarDate);
  let last = first;
  for (const date of dates) {
    const index = monthIndex(date);
    if (index < first) first = index;
    if (index > last) last = index;
  }
  if (last - first + 1 <= maxMonths) {
    const buckets: Bucket[] = [];
    for (let index = first; index <= last; index += 1) buckets.push(monthBucket(index));
    return { unit: 'month', buckets };
  }
  const buckets: Bucket[] = [];
  for (let year = Math.floor(first / 12); year <= Math.floor(last / 12); year += 1) {
    buckets.push({ key: String(year), label: String(year), short: String(year) });
  }
  return { unit: 'year', buckets };
}

/** Key of the bucket a date falls in. */
export function bucketKey(date: CalendarDate, unit: BucketUnit): string {
  const year = String(date.year).padStart(4, '0');
  return unit === 'year' ? year : `${year}-${String(date.month).padStart(2, '0')}`;
}

/** The level a postmortem counts under when it is counted once: the most severe of its levels. */
export function mostSevereLevel(levels: readonly Level[]): Level {
  let best = levels[0];
  for (const level of levels) {
    if (best === undefined || levelKeys.indexOf(level) > levelKeys.indexOf(best)) best = level;
  }
  if (best === undefined) throw new RangeError('a postmortem has at least one level');
  return best;
}

export interface CountBucket extends Bucket {
  /** Postmortems written in this bucket, each under its most severe level. */
  readonly counts: Readonly<Record<Level, number>>;
  readonly total: number;
}

export interface PostmortemsOverTime extends TimeAxis {
  readonly buckets: readonly CountBucket[];
  /** The levels that occur, in vocabulary order (least severe first): the stack order. */
  readonly levels: readonly Level[];
  /** The largest bucket total. */
  readonly max: number;
  readonly total: number;
}

/** Postmortems per month (or year), stacked by level. */
export function postmortemsOverTime(postmortems: readonly ChartPostmortem[]): PostmortemsOverTime {
  const dates = postmortems.map((postmortem) => parseCalendarDate(postmortem.date));
  const axis = timeAxis(dates);
  const byKey = new Map<string, Record<Level, number>>(axis.buckets.map((bucket) => [bucket.key, zeroCounts()]));
  const seen = new Set<Level>();
  postmortems.forEach((postmortem, at) => {
    const level = mostSevereLevel(postmortem.level);
    seen.add(level);
    const counts = byKey.get(bucketKey(dates[at] as CalendarDate, axis.unit)) as Record<Level, number>;
    counts[level] += 1;
  });
  const buckets = axis.buckets.map((bucket) => {
    const counts = byKey.get(bucket.key) as Record<Level, number>;
    return { ...bucket, counts, total: levelKeys.reduce((sum, level) => sum + counts[level], 0) };
  });
  return {
    unit: axis.unit,
    buckets,
    levels: levelKeys.filter((level) => seen.has(level)),
    max: Math.max(0, ...buckets.map((bucket) => bucket.total)),
    total: postmortems.length,
  };
}

/** A median over the postmortems of one bucket that have the duration. */
export interface MedianValue {
  /** In the chart's unit (days or hours). */
  readonly median: number;
  /** How many postmortems it is the median of. */
  readonly count: number;
}

export interface DurationBucket extends Bucket {
  readonly detect?: MedianValue;
  readonly resolve?: MedianValue;
}

export type DurationUnit = 'days' | 'hours';

export interface DurationsOverTime extends TimeAxis {
  readonly buckets: readonly DurationBucket[];
  /** Hours when every median is under two days, else days. */
  readonly valueUnit: DurationUnit;
  /** The largest median, in `valueUnit`. */
  readonly max: number;
  /** Postmortems with a time to detect, and with a time to resolve. */
  readonly counted: { readonly detect: number; readonly resolve: number };
}

/**
 * Median time to detect and to resolve per bucket of write-up dates, from each postmortem's
 * timeline (see `incidentDurations`). A duration counted in minutes and one counted in whole days
 * are both turned into days before the median is taken.
 */
export function durationsOverTime(postmortems: readonly ChartPostmortem[]): DurationsOverTime {
  const dates = postmortems.map((postmortem) => parseCalendarDate(postmortem.date));
  const axis = timeAxis(dates);
  const samples = new Map(
    axis.buckets.map((bucket) => [bucket.key, { detect: [] as number[], resolve: [] as number[] }]),
  );
  const counted = { detect: 0, resolve: 0 };
  postmortems.forEach((postmortem, at) => {
    const durations = timelineDurations(postmortem.timeline);
    // The axis runs from the earliest date to the latest, so every date has its bucket.
    const bucket = samples.get(bucketKey(dates[at] as CalendarDate, axis.unit)) as {
      detect: number[];
      resolve: number[];
    };
    if (durations.timeToDetect) {
      bucket.detect.push(durationInDays(durations.timeToDetect));
      counted.detect += 1;
    }
    if (durations.timeToResolve) {
      bucket.resolve.push(durationInDays(durations.timeToResolve));
      counted.resolve += 1;
    }
  });
  const inDays = axis.buckets.map((bucket) => {
    const sample = samples.get(bucket.key) as { detect: number[]; resolve: number[] };
    return { bucket, detect: medianOf(sample.detect), resolve: medianOf(sample.resolve) };
  });
  const maxDays = Math.max(0, ...inDays.flatMap(({ detect, resolve }) => [detect?.median ?? 0, resolve?.median ?? 0]));
  const unit: DurationUnit = maxDays < 2 && (counted.detect > 0 || counted.resolve > 0) ? 'hours' : 'days';
  const scale = (value: MedianValue | undefined) =>
    value && { median: unit === 'hours' ? value.median * 24 : value.median, count: value.count };
  const buckets = inDays.map(({ bucket, detect, resolve }) => {
    const d = scale(detect);
    const r = scale(resolve);
    return { ...bucket, ...(d ? { detect: d } : {}), ...(r ? { resolve: r } : {}) };
  });
  return {
    unit: axis.unit,
    valueUnit: unit,
    buckets,
    max: unit === 'hours' ? maxDays * 24 : maxDays,
    counted,
  };
}

/** A duration as a number of days (fractional for one counted in minutes). */
export function durationInDays(duration: Duration): number {
  return duration.unit === 'days' ? duration.days : duration.minutes / 1440;
}

/** The median of some numbers, with how many there were; undefined for none. */
export function medianOf(values: readonly number[]): MedianValue | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, count: values.length };
}

/**
 * Round axis ticks from 0 to at least `max`: about `target` steps of 1, 2 or 5 times a power of
 * ten. With `integer`, steps are whole numbers (counts of postmortems).
 */
export function niceTicks(max: number, target = 4, integer = false): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let index = 0; ; index += 1) {
    // Multiplying (rather than adding up steps) keeps 0.1 * 3 from drifting into 0.30000000000000004.
    const tick = Number((index * step).toPrecision(12));
    ticks.push(tick);
    if (tick >= max) return ticks;
  }
}

function monthIndex(date: CalendarDate): number {
  return date.year * 12 + (date.month - 1);
}

function monthBucket(index: number): Bucket {
  const date = { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
  return {
    key: bucketKey(date, 'month'),
    label: formatMonth(date),
    short: `${SHORT_MONTHS[date.month - 1]} ${date.year}`,
  };
}

function zeroCounts(): Record<Level, number> {
  return Object.fromEntries(levelKeys.map((level) => [level, 0])) as Record<Level, number>;
}
