import { describe, expect, it } from 'vitest';
import { buildIncidentGraph } from '../../src/lib/graph.ts';
import { countByLevel, countByYear, latestChains } from '../../src/lib/overview.ts';
import { event, idOf, record } from '../fixtures/graph.ts';

describe('countByLevel', () => {
  it('lists every level in vocabulary order, counting a postmortem under each of its levels', () => {
    expect(
      countByLevel([
        { date: '2023-01-11', level: ['internal'] },
        { date: '2023-02-06', level: ['internal', 'outage'] },
      ]),
    ).toEqual([
      { level: 'internal', count: 2 },
      { level: 'outage', count: 1 },
      { level: 'corruption', count: 0 },
      { level: 'breach', count: 0 },
    ]);
  });
});

describe('countByYear', () => {
  it('lists the years that have postmortems, newest first', () => {
    expect(
      countByYear([
        { date: '2022-12-31', level: ['internal'] },
        { date: '2024-01-01', level: ['internal'] },
        { date: '2022-01-01', level: ['outage'] },
      ]),
    ).toEqual([
      { year: '2024', count: 1 },
      { year: '2022', count: 2 },
    ]);
  });
});

describe('latestChains', () => {
  // Two chains: 1 → 2 with its last outage in March, 3 → 4 with its last in May.
  const chained = (number: number, to: number | undefined, at: string) =>
    record(number, {
      related: to === undefined ? [] : [{ id: idOf(to), relation: 'recurrence' }],
      timeline: [event(at, 'outage', `Outage of ${number}.`, { environment: 'production' })],
    });
  const graph = buildIncidentGraph([
    chained(1, undefined, '2023-01-01'),
    chained(2, 1, '2023-03-01'),
    chained(3, undefined, '2023-02-01'),
    chained(4, 3, '2023-05-01'),
  ]);

  it('orders chains by their last outage, newest first, and keeps as many as asked', () => {
    expect(graph.chains.map((chain) => chain.postmortems)).toEqual([
      [idOf(1), idOf(2)],
      [idOf(3), idOf(4)],
    ]);
    expect(latestChains(graph.chains, 5).map((chain) => chain.postmortems[0])).toEqual([idOf(3), idOf(1)]);
    expect(latestChains(graph.chains, 1).map((chain) => chain.postmortems[0])).toEqual([idOf(3)]);
  });
});
