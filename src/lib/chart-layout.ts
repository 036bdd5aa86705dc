/**
 * Where each mark of the home page's charts goes, in SVG user units. The components only draw what
 * these functions place, so the geometry (scales, stacking, gaps in a line, thinned axis labels) is
 * tested here without rendering anything. Coordinates are rounded to two decimals, which keeps the
 * markup small and identical from build to build.
 */
import type { DurationsOverTime, PostmortemsOverTime } from './charts.ts';
import { niceTicks } from './charts.ts';
import type { Level } from './vocabulary.ts';

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

/**
 * The frame both home page charts use. The SVG scales to its column, and its text with it: a
 * narrow viewBox keeps 13-unit labels legible from a phone (about 11 px) to a desktop column.
 */
export const chartFrame: Frame = { width: 400, height: 220, margin: { top: 24, right: 8, bottom: 28, left: 40 } };

/** Labels under the time axis: at most this many ("Jan 2023" is a sixth of the plot wide), evenly spaced. */
export const maxAxisLabels = 5;

export interface Plot {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Tick {
  readonly value: number;
  readonly y: number;
}

export interface AxisLabel {
  readonly x: number;
  readonly text: string;
}

export interface BarSegment {
  readonly level: Level;
  readonly count: number;
  readonly y: number;
  readonly height: number;
}

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly total: number;
  readonly x: number;
  readonly width: number;
  /** Bottom to top, least severe level first; levels with no postmortems are left out. */
  readonly segments: readonly BarSegment[];
}

export interface BarChartLayout {
  readonly plot: Plot;
  readonly yTicks: readonly Tick[];
  readonly xLabels: readonly AxisLabel[];
  readonly bars: readonly Bar[];
}

/** Stacked bars of postmortems per bucket. */
export function barChartLayout(data: PostmortemsOverTime, frame: Frame = chartFrame): BarChartLayout {
  const { plot, ticks, y, slot } = scale(frame, data.max, data.buckets.length, true);
  const width = round(Math.max(1, Math.min(slot * 0.7, 48)));
  const bars = data.buckets.map((bucket, index) => {
    let below = 0;
    const segments: BarSegment[] = [];
    for (const level of data.levels) {
      const count = bucket.counts[level];
      if (count === 0) continue;
      const bottom = y(below);
      below += count;
      const upper = y(below);
      segments.push({ level, count, y: upper, height: round(bottom - upper) });
    }
    return {
      key: bucket.key,
      label: bucket.label,
      total: bucket.total,
      x: round(plot.x + (index + 0.5) * slot - width / 2),
      width,
      segments,
    };
  });
  return {
    plot,
    yTicks: ticks.map((value) => ({ value, y: y(value) })),
    xLabels: axisLabels(data.buckets, plot),
    bars,
  };
}

export interface LinePoint {
  readonly key: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly value: number;
  readonly count: number;
}

export interface LineSeries {
  readonly name: 'detect' | 'resolve';
  /** One SVG path `d` per run of consecutive buckets that have a value: a line never bridges a gap. */
  readonly paths: readonly string[];
  readonly points: readonly LinePoint[];
}

export interface LineChartLayout {
  readonly plot: Plot;
  readonly yTicks: readonly Tick[];
  readonly xLabels: readonly AxisLabel[];
  readonly series: readonly LineSeries[];
}

/** Two lines, median time to detect and median time to resolve, over the same buckets. */
export function lineChartLayout(data: DurationsOverTime, frame: Frame = chartFrame): LineChartLayout {
  const { plot, ticks, y, slot } = scale(frame, data.max, data.buckets.length, false);
  const x = (index: number) => round(plot.x + (index + 0.5) * slot);
  const series = (['detect', 'resolve'] as const).map((name) => {
    const points: LinePoint[] = [];
    const paths: string[] = [];
    let run: string[] = [];
    data.buckets.forEach((bucket, index) => {
      const value = bucket[name];
      if (!value) {
        if (run.length > 1) paths.push(run.join(' '));
        run = [];
        return;
      }
      const point = { key: bucket.key, label: bucket.label, x: x(index), y: y(value.median), value: value.median };
      points.push({ ...point, count: value.count });
      run.push(`${run.length === 0 ? 'M' : 'L'}${point.x} ${point.y}`);
    });
    if (run.length > 1) paths.push(run.join(' '));
    return { name, paths, points };
  });
  return {
    plot,
    yTicks: ticks.map((value) => ({ value, y: y(value) })),
    xLabels: axisLabels(data.buckets, plot),
    series,
  };
}

/**
 * The plot area, the vertical axis's ticks up to `max` (whole numbers when `integers`), the y of a
 * value, and the width each of `buckets` gets along the horizontal axis.
 */
function scale(frame: Frame, max: number, buckets: number, integers: boolean) {
  const plot = plotOf(frame);
  const ticks = niceTicks(max, 4, integers);
  const top = ticks.at(-1) as number;
  const y = (value: number) => round(plot.y + plot.height - (value / top) * plot.height);
  return { plot, ticks, y, slot: plot.width / Math.max(1, buckets) };
}

function plotOf(frame: Frame): Plot {
  const { margin } = frame;
  return {
    x: margin.left,
    y: margin.top,
    width: frame.width - margin.left - margin.right,
    height: frame.height - margin.top - margin.bottom,
  };
}

/** The bucket labels to print under the axis: every k-th one, so that at most `maxAxisLabels` show. */
function axisLabels(buckets: readonly { readonly short: string }[], plot: Plot): AxisLabel[] {
  const slot = plot.width / Math.max(1, buckets.length);
  const every = Math.ceil(buckets.length / maxAxisLabels);
  return buckets.flatMap((bucket, index) =>
    index % every === 0 ? [{ x: round(plot.x + (index + 0.5) * slot), text: bucket.short }] : [],
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
