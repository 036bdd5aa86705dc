import { describe, expect, it } from 'vitest';
import { barChartLayout, chartFrame, lineChartLayout, maxAxisLabels } from '../../src/lib/chart-layout.ts';
import { durationsOverTime, postmortemsOverTime, type ChartPostmortem } from '../../src/lib/charts.ts';

const plotBottom = chartFrame.height - chartFrame.margin.bottom;
const plotTop = chartFrame.margin.top;

function written(date: string, level: ChartPostmortem['level'], timeline?: ChartPostmortem['timeline']) {
  return { date, level, timeline: timeline ?? [{ at: date, kind: 'note' as const }] };
}

describe('barChartLayout', () => {
  const data = postmortemsOverTime([
    written('2023-01-11', ['internal']),
    written('2023-01-20', ['outage']),
    written('2023-01-25', ['outage']),
    written('2023-03-06', ['internal']),
  ]);
  const layout = barChartLayout(data);

  it('stacks each bucket from the axis up, least severe level first', () => {
    const [january, february, march] = layout.bars;
    expect(january?.segments.map((segment) => [segment.level, segment.count])).toEqual([
      ['internal', 1],
      ['outage', 2],
    ]);
    const [internal, outage] = january?.segments ?? [];
    expect((internal?.y ?? 0) + (internal?.height ?? 0)).toBeCloseTo(plotBottom);
    expect((outage?.y ?? 0) + (outage?.height ?? 0)).toBeCloseTo(internal?.y ?? 0);
    expect(outage?.height).toBeCloseTo((internal?.height ?? 0) * 2);
    expect(february?.segments).toEqual([]);
    expect(march?.segments).toHaveLength(1);
  });

  it('scales the tallest bar to a round top tick, and spaces the bars evenly', () => {
    expect(layout.yTicks.map((tick) => tick.value)).toEqual([0, 1, 2, 3]);
    expect(layout.yTicks.at(-1)?.y).toBe(plotTop);
    const january = layout.bars[0];
    expect(january && january.segments.reduce((sum, segment) => sum + segment.height, 0)).toBeCloseTo(
      plotBottom - plotTop,
    );
    const centres = layout.bars.map((bar) => bar.x + bar.width / 2);
    expect((centres[1] ?? 0) - (centres[0] ?? 0)).toBeCloseTo((centres[2] ?? 0) - (centres[1] ?? 0));
  });

  it(`labels at most ${maxAxisLabels} buckets, evenly`, () => {
    const many = postmortemsOverTime([written('2020-01-01', ['internal']), written('2023-12-01', ['internal'])]);
    const labels = barChartLayout(many).xLabels;
    expect(labels.length).toBeLessThanOrEqual(maxAxisLabels);
    expect(labels[0]?.text).toBe('Jan 2020');
    expect(layout.xLabels.map((label) => label.text)).toEqual(['Jan 2023', 'Feb 2023', 'Mar 2023']);
  });
});

describe('lineChartLayout', () => {
  const outage = (at: string, resolved: string) => [
    { at, kind: 'outage' as const },
    { at: resolved, kind: 'fix' as const },
  ];
  const data = durationsOverTime([
    written('2023-01-15', ['outage'], outage('2023-01-01', '2023-01-05')),
    written('2023-02-15', ['outage'], outage('2023-02-01', '2023-02-03')),
    written('2023-03-15', ['internal']),
    written('2023-04-15', ['outage'], outage('2023-04-01', '2023-04-09')),
  ]);
  const layout = lineChartLayout(data);
  const resolve = layout.series.find((series) => series.name === 'resolve');

  it('draws a point per bucket with a value, and never bridges an empty bucket', () => {
    expect(resolve?.points.map((point) => [point.key, point.value])).toEqual([
      ['2023-01', 4],
      ['2023-02', 2],
      ['2023-04', 8],
    ]);
    expect(resolve?.paths).toHaveLength(1);
    expect(resolve?.paths[0]).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
  });

  it('has no line for a series without values', () => {
    const detect = layout.series.find((series) => series.name === 'detect');
    expect(detect).toEqual({ name: 'detect', paths: [], points: [] });
  });

  it('puts a larger value higher', () => {
    const [january, february] = resolve?.points ?? [];
    expect(january?.y).toBeLessThan(february?.y ?? 0);
    expect(layout.yTicks.at(-1)?.value).toBeGreaterThanOrEqual(8);
  });
});
