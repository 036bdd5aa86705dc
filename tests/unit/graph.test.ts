import { describe, expect, it } from 'vitest';
import {
  buildIncidentGraph,
  groupByMonth,
  mergedTimeline,
  type GraphInput,
  type IncidentGraph,
} from '../../src/lib/graph.ts';
import { event, idOf, record, recurringStagingOutage, seeded, syntheticGraph } from '../fixtures/graph.ts';

const p = idOf;

/** Days and sources of a list of merged events, for compact assertions. */
function summary(events: readonly { at: string; sources: readonly { id: string; eventId: string }[] }[]) {
  return events.map((merged) => `${merged.at} ${merged.sources.map((source) => source.id.slice(0, 3)).join('+')}`);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const copy = [...items];
  for (let at = copy.length - 1; at > 0; at -= 1) {
    const other = Math.floor(random() * (at + 1));
    [copy[at], copy[other]] = [copy[other] as T, copy[at] as T];
  }
  return copy;
}

/** Everything a graph shows, as plain data. */
function snapshot(graph: IncidentGraph, ids: readonly string[]) {
  return {
    edges: graph.edges,
    refs: graph.refs,
    mentions: graph.mentions,
    chains: graph.chains,
    pages: ids.map((id) => ({
      outgoing: graph.outgoing(id),
      incoming: graph.incoming(id),
      mentionedIn: graph.mentionedIn(id),
      chain: graph.chainOf(id)?.postmortems,
    })),
  };
}

describe('related edges', () => {
  it('labels the declaring page with the relation and the target with its inverse', () => {
    const graph = buildIncidentGraph([
      record(2),
      record(3, {
        related: [
          { id: p(2), relation: 'recurrence', note: 'same pool exhaustion' },
          { id: p(4), relation: 'caused-by' },
        ],
      }),
      record(4),
    ]);
    expect(graph.edges).toEqual([
      { from: p(3), to: p(2), relation: 'recurrence', note: 'same pool exhaustion' },
      { from: p(3), to: p(4), relation: 'caused-by' },
    ]);
    expect(graph.outgoing(p(3))).toEqual([
      { id: p(2), label: 'Recurrence of', relation: 'recurrence', note: 'same pool exhaustion' },
      { id: p(4), label: 'Caused by', relation: 'caused-by' },
    ]);
    expect(graph.incoming(p(2))).toEqual([
      { id: p(3), label: 'Recurred in', relation: 'recurrence', note: 'same pool exhaustion' },
    ]);
    expect(graph.incoming(p(4))).toEqual([{ id: p(3), label: 'Caused', relation: 'caused-by' }]);
    expect(graph.outgoing(p(2))).toEqual([]);
    expect(graph.incoming(p(99))).toEqual([]);
  });

  it('drops edges to postmortems it was not given, to itself, and repeated entries', () => {
    const graph = buildIncidentGraph([
      record(2, {
        related: [
          { id: p(7), relation: 'similar' },
          { id: p(2), relation: 'similar' },
          { id: p(3), relation: 'continues' },
          { id: p(3), relation: 'continues', note: 'said twice' },
        ],
      }),
      record(3),
    ]);
    expect(graph.edges).toEqual([{ from: p(2), to: p(3), relation: 'continues' }]);
  });

  it('orders links by the other postmortem number, whatever the input order', () => {
    const records = [
      record(9, { related: [{ id: p(1), relation: 'similar' }] }),
      record(1),
      record(5, { related: [{ id: p(1), relation: 'follow-up' }] }),
    ];
    const graph = buildIncidentGraph(records);
    expect(graph.incoming(p(1)).map((link) => `${link.label} ${link.id}`)).toEqual([
      `Followed up by ${p(5)}`,
      `Similar to ${p(9)}`,
    ]);
    expect(graph.edges.map((edge) => edge.from)).toEqual([p(5), p(9)]);
  });
});

describe('backlinks', () => {
  it('shows body links as "Mentioned in" on the target, once per postmortem', () => {
    const graph = buildIncidentGraph([
      record(2),
      record(4, { bodyLinks: [p(2), p(2), p(4), p(8)] }),
      record(6, { bodyLinks: [p(2)] }),
    ]);
    expect(graph.mentions).toEqual([
      { from: p(4), to: p(2) },
      { from: p(6), to: p(2) },
    ]);
    expect(graph.mentionedIn(p(2))).toEqual([
      { id: p(4), label: 'Mentioned in' },
      { id: p(6), label: 'Mentioned in' },
    ]);
    expect(graph.mentionedIn(p(4))).toEqual([]);
  });

  it('orders mentions and mentioners by number however the links are written, short or long lists', () => {
    const many = [30, 12, 29, 3, 12, 27, 5, 26, 8, 25, 9, 24, 10, 23, 11, 22, 13, 21, 14, 3, 20].map(p);
    const graph = buildIncidentGraph([
      ...[3, 5, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26, 27, 29, 30].map((number) => record(number)),
      record(40, { bodyLinks: many }),
      record(7, { bodyLinks: [p(9), p(3), p(8), p(3)] }),
      record(2, { timeline: [event('2023-01-08', 'note', 'Seen from the other team.', { ref: p(8) })] }),
    ]);
    const targets = (from: string) => graph.mentions.filter((edge) => edge.from === from).map((edge) => edge.to);
    expect(targets(p(40))).toEqual([...new Set(many)].sort());
    expect(targets(p(7))).toEqual([p(3), p(8), p(9)]);
    // 8 is mentioned by a ref of 2 and by the bodies of 7 and 40.
    expect(graph.mentionedIn(p(8)).map((link) => link.id)).toEqual([p(2), p(7), p(40)]);
  });

  it('lists a postmortem that is also related only once, with its typed relation', () => {
    const graph = buildIncidentGraph([
      record(2, { related: [{ id: p(5), relation: 'follow-up' }] }),
      record(3, { related: [{ id: p(2), relation: 'recurrence' }], bodyLinks: [p(2)] }),
      record(5, { bodyLinks: [p(2)] }),
    ]);
    expect(graph.mentionedIn(p(2))).toEqual([]);
    expect(graph.incoming(p(2))).toEqual([{ id: p(3), label: 'Recurred in', relation: 'recurrence' }]);
    expect(graph.incoming(p(5))).toEqual([{ id: p(2), label: 'Followed up by', relation: 'follow-up' }]);
  });

  it('counts a timeline ref as a mention of the postmortem it names', () => {
    const graph = buildIncidentGraph([
      record(2, { timeline: [event('2023-01-08', 'outage', 'Hang.')] }),
      record(4, { timeline: [event('2023-01-08', 'note', 'Seen from the other team.', { ref: p(2) })] }),
    ]);
    expect(graph.mentionedIn(p(2))).toEqual([{ id: p(4), label: 'Mentioned in' }]);
  });

  it('lists a postmortem that mentions another by several refs and body links once', () => {
    const graph = buildIncidentGraph([
      record(2, { timeline: [event('2023-01-08', 'outage', 'Hang.'), event('2023-01-09', 'outage', 'Again.')] }),
      record(4, {
        timeline: [
          event('2023-01-08', 'note', 'Seen from the other team.', { ref: p(2) }),
          event('2023-01-09', 'note', 'Seen again.', { ref: p(2) }),
        ],
        bodyLinks: [p(2), p(6)],
      }),
      record(6, { bodyLinks: [p(2)] }),
    ]);
    expect(graph.refsTo(p(2))).toHaveLength(2);
    expect(graph.mentionedIn(p(2))).toEqual([
      { id: p(4), label: 'Mentioned in' },
      { id: p(6), label: 'Mentioned in' },
    ]);
  });
});

describe('refs', () => {
  it('links an event to the other postmortem and its event of the same day', () => {
    const graph = buildIncidentGraph(recurringStagingOutage());
    expect(graph.refs).toEqual([
      { from: p(3), fromEventId: 'event-2023-01-08', to: p(2), toEventId: 'event-2023-01-08' },
    ]);
    expect(graph.refsFrom(p(3))).toEqual(graph.refs);
    expect(graph.refsFrom(p(2))).toEqual([]);
    expect(graph.refsTo(p(2))).toEqual(graph.refs);
    expect(graph.refsTo(p(3))).toEqual([]);
  });

  it('prefers the event of the same environment and kind', () => {
    const graph = buildIncidentGraph([
      record(2, {
        timeline: [
          event('2023-01-08', 'detection', 'Alert fired.', { environment: 'production' }),
          event('2023-01-08', 'outage', 'Production down.', { environment: 'production' }),
          event('2023-01-08', 'outage', 'Staging down.', { environment: 'staging' }),
        ],
      }),
      record(3, {
        timeline: [
          event('2023-01-08', 'outage', 'Staging down, again told.', { environment: 'staging', ref: p(2) }),
          event('2023-01-08T10:00:00Z', 'outage', 'Production down, again told.', {
            environment: 'production',
            ref: p(2),
          }),
        ],
      }),
    ]);
    expect(graph.refsFrom(p(3)).map((ref) => ref.toEventId)).toEqual(['event-2023-01-08-3', 'event-2023-01-08-2']);
  });

  it('links only the postmortem when it has no event that day, and ignores refs to absent postmortems', () => {
    const graph = buildIncidentGraph([
      record(2, { timeline: [event('2023-01-07', 'outage', 'Hang.')] }),
      record(3, {
        timeline: [
          event('2023-01-08', 'outage', 'Hang the next day.', { ref: p(2) }),
          event('2023-01-09', 'outage', 'Told by a draft too.', { ref: p(9) }),
        ],
      }),
    ]);
    expect(graph.refs).toEqual([{ from: p(3), fromEventId: 'event-2023-01-08', to: p(2) }]);
  });
});

describe('recurrence chains', () => {
  it('connects postmortems over recurrence and continues edges only', () => {
    const graph = buildIncidentGraph([
      record(1),
      record(2, { related: [{ id: p(1), relation: 'recurrence' }] }),
      record(3, { related: [{ id: p(2), relation: 'continues' }] }),
      record(4, { related: [{ id: p(3), relation: 'similar' }] }),
      record(5, {
        related: [
          { id: p(1), relation: 'caused-by' },
          { id: p(4), relation: 'follow-up' },
        ],
      }),
      record(6, { related: [{ id: p(8), relation: 'recurrence' }] }),
      record(8),
    ]);
    expect(graph.chains.map((chain) => chain.postmortems)).toEqual([
      [p(1), p(2), p(3)],
      [p(6), p(8)],
    ]);
    expect(graph.chainOf(p(3))).toBe(graph.chains[0]);
    expect(graph.chainOf(p(8))).toBe(graph.chains[1]);
    expect(graph.chainOf(p(4))).toBeUndefined();
    expect(graph.chainOf(p(5))).toBeUndefined();
    expect(graph.chainOf(p(42))).toBeUndefined();
  });

  it('merges the outages of 002 and 003, telling 8 January once with both sources', () => {
    const chain = buildIncidentGraph(recurringStagingOutage()).chainOf(p(3));
    expect(chain?.postmortems).toEqual([p(2), p(3)]);
    // 002's other staging outages were other incidents: 003 refs only the one that recurred.
    expect(summary(chain?.outages ?? [])).toEqual([
      '2023-01-08 002+003',
      '2023-01-30 003',
      '2023-02-01 003',
      '2023-02-06 003',
    ]);
    const eighth = chain?.outages[0];
    expect(eighth).toEqual({
      at: '2023-01-08',
      time: { kind: 'date', raw: '2023-01-08', date: { year: 2023, month: 1, day: 8 } },
      kind: 'outage',
      environment: 'staging',
      text: 'Staging hang during the release rehearsal.',
      sources: [
        { id: p(2), eventId: 'event-2023-01-08' },
        { id: p(3), eventId: 'event-2023-01-08' },
      ],
      levels: ['internal', 'outage'],
    });
    expect(chain?.outages.every((outage) => outage.kind === 'outage')).toBe(true);
  });

  it('keeps every outage of a recurred postmortem when the recurrence refs none of them', () => {
    const graph = buildIncidentGraph([
      record(5, {
        timeline: [
          event('2023-03-01', 'outage', 'First.', { environment: 'production' }),
          event('2023-03-04', 'outage', 'Second.', { environment: 'staging' }),
        ],
      }),
      record(6, {
        related: [{ id: p(5), relation: 'recurrence' }],
        timeline: [event('2023-03-09', 'outage', 'Again.', { environment: 'production' })],
      }),
    ]);
    expect(summary(graph.chainOf(p(6))?.outages ?? [])).toEqual(['2023-03-01 005', '2023-03-04 005', '2023-03-09 006']);
  });

  it('puts the postmortem a ref names first, even when it has the higher number', () => {
    const graph = buildIncidentGraph([
      record(5, {
        related: [{ id: p(7), relation: 'continues' }],
        timeline: [event('2023-03-01', 'outage', 'Retold.', { ref: p(7) })],
      }),
      record(7, { timeline: [event('2023-03-01', 'outage', 'Told first.')] }),
    ]);
    const [outage] = graph.chainOf(p(5))?.outages ?? [];
    expect(outage?.text).toBe('Told first.');
    expect(outage?.sources.map((source) => source.id)).toEqual([p(7), p(5)]);
  });

  it('merges outages of the same day, environment and kind without a ref', () => {
    const graph = buildIncidentGraph([
      record(5, {
        timeline: [
          event('2023-03-01', 'outage', 'Production down in the morning.', { environment: 'production' }),
          event('2023-03-01', 'outage', 'Production down again at night.', { environment: 'production' }),
          event('2023-03-01', 'outage', 'Staging down.', { environment: 'staging' }),
        ],
      }),
      record(6, {
        related: [{ id: p(5), relation: 'recurrence' }],
        timeline: [
          event('2023-03-01', 'outage', 'Production down, told later.', { environment: 'production' }),
          event('2023-03-02', 'outage', 'Staging down the next day.', { environment: 'staging' }),
        ],
      }),
    ]);
    const outages = graph.chainOf(p(6))?.outages ?? [];
    expect(summary(outages)).toEqual(['2023-03-01 005+006', '2023-03-01 005', '2023-03-01 005', '2023-03-02 006']);
    expect(outages.map((outage) => outage.text)).toEqual([
      'Production down in the morning.',
      'Production down again at night.',
      'Staging down.',
      'Staging down the next day.',
    ]);
  });

  it('does not depend on the input order', () => {
    const records = syntheticGraph(60, 7);
    const ids = records.map((item) => item.id);
    const forward = snapshot(buildIncidentGraph(records), ids);
    expect(snapshot(buildIncidentGraph(shuffled(records, 3)), ids)).toEqual(forward);
    expect(snapshot(buildIncidentGraph([...records].reverse()), ids)).toEqual(forward);
  });
});

describe('recurred after the fix', () => {
  const after = (closed: string) => buildIncidentGraph(recurringStagingOutage({ closed })).chainOf(p(3));

  it('names the outages a later postmortem tells after an earlier one closed its action', () => {
    const chain = after('2023-01-15');
    expect(
      chain?.recurredAfterFix.map(({ outage, action }) => `${outage.at} ${action.postmortemId} ${action.closed}`),
    ).toEqual([`2023-01-30 ${p(2)} 2023-01-15`, `2023-02-01 ${p(2)} 2023-01-15`, `2023-02-06 ${p(2)} 2023-01-15`]);
    expect(chain?.recurredAfterFix[0]?.action).toEqual({
      postmortemId: p(2),
      title: 'Resize the connection pool',
      closed: '2023-01-15',
    });
  });

  it('counts only outages dated strictly after the closing day', () => {
    expect(after('2023-01-30')?.recurredAfterFix.map((entry) => entry.outage.at)).toEqual(['2023-02-01', '2023-02-06']);
    expect(after('2023-02-06')?.recurredAfterFix).toEqual([]);
  });

  it('counts an outage the earlier postmortem tells when a later one tells it too, not one it tells alone', () => {
    const dated = after('2022-12-25')?.recurredAfterFix.map((entry) => entry.outage.at);
    expect(dated).toEqual(['2023-01-08', '2023-01-30', '2023-02-01', '2023-02-06']);
  });

  it('ignores actions that are not done or have no closing date', () => {
    for (const action of [
      { title: 'Still going', status: 'in-progress', closed: '2023-01-15' },
      { title: 'Dropped', status: 'wont-do', closed: '2023-01-15' },
      { title: 'Done, date unknown', status: 'done' },
    ] as const) {
      const [second, third] = recurringStagingOutage();
      const graph = buildIncidentGraph([{ ...second, data: { ...second.data, actions: [action] } }, third]);
      expect(graph.chainOf(p(2))?.recurredAfterFix).toEqual([]);
    }
  });

  it('does not count outages against an action of a later postmortem', () => {
    const [second, third] = recurringStagingOutage({ closed: '2023-12-31' });
    const graph = buildIncidentGraph([
      second,
      { ...third, data: { ...third.data, actions: [{ title: 'Later fix', status: 'done', closed: '2022-12-01' }] } },
    ]);
    expect(graph.chainOf(p(2))?.recurredAfterFix).toEqual([]);
  });

  it('names the fix closed last when several came before the outage', () => {
    const [second, third] = recurringStagingOutage();
    const graph = buildIncidentGraph([
      {
        ...second,
        data: {
          ...second.data,
          actions: [
            { title: 'Later of the two', status: 'done', closed: '2023-01-20' },
            { title: 'Earlier of the two', status: 'done', closed: '2023-01-12' },
          ],
        },
      },
      third,
    ]);
    expect(graph.chainOf(p(2))?.recurredAfterFix.map((entry) => entry.action.title)).toEqual([
      'Later of the two',
      'Later of the two',
      'Later of the two',
    ]);
  });
});

describe('mergedTimeline', () => {
  const records: GraphInput[] = [
    ...recurringStagingOutage(),
    record(4, {
      level: ['breach'],
      timeline: [
        event('2023-01-08', 'outage', 'Unrelated staging outage on the same day.', { environment: 'staging' }),
        event('2023-02-10T09:30:00+01:00', 'detection', 'Odd logins noticed.', { environment: 'production' }),
      ],
    }),
  ];

  it('lists every event newest first, told twice shown once', () => {
    const timeline = mergedTimeline(records);
    expect(summary(timeline)).toEqual([
      '2023-02-10T09:30:00+01:00 004',
      '2023-02-06 003',
      '2023-02-04 003',
      '2023-02-03 003',
      '2023-02-02 003',
      '2023-02-01 003',
      '2023-01-30 003',
      '2023-01-11 002',
      '2023-01-08 004',
      '2023-01-08 002+003',
      '2023-01-03 002',
      '2022-12-27 002',
      '2022-12-20 002',
    ]);
    expect(timeline.map((merged) => merged.kind)).toContain('investigation');
    const shared = timeline.find((merged) => merged.sources.length === 2);
    expect(shared?.levels).toEqual(['internal', 'outage']);
    expect(timeline[0]?.levels).toEqual(['breach']);
    expect(mergedTimeline([...records].reverse())).toEqual(timeline);
  });

  it('merges same-day events of related postmortems without a ref, but not of unrelated ones', () => {
    const outage = (number: number, related: GraphInput['data']['related'] = []) =>
      record(number, {
        related,
        timeline: [event('2023-05-01', 'outage', `Told by ${number}.`, { environment: 'production' })],
      });
    const timeline = mergedTimeline([outage(1), outage(2, [{ id: p(1), relation: 'similar' }]), outage(3)]);
    expect(summary(timeline)).toEqual(['2023-05-01 003', '2023-05-01 001+002']);
  });

  it('groups by month, newest first', () => {
    const groups = groupByMonth(mergedTimeline(records));
    expect(groups.map((group) => [group.month, group.label, group.events.length])).toEqual([
      ['2023-02', 'February 2023', 6],
      ['2023-01', 'January 2023', 5],
      ['2022-12', 'December 2022', 2],
    ]);
    expect(groups[1]?.events.map((merged) => merged.at)).toEqual([
      '2023-01-30',
      '2023-01-11',
      '2023-01-08',
      '2023-01-08',
      '2023-01-03',
    ]);
  });
});

// Correctness at scale, not speed (the benchmark measures that): the generous timeout keeps a busy
// machine from failing it.
describe('a large graph', { timeout: 60_000 }, () => {
  it('builds 10,000 postmortems in chains of five', () => {
    const records = syntheticGraph(10_000);
    const graph = buildIncidentGraph(records);
    expect(graph.chains).toHaveLength(2_000);
    expect(graph.chains.every((chain) => chain.postmortems.length === 5)).toBe(true);
    expect(graph.chainOf(p(9_998))?.postmortems).toEqual([p(9_996), p(9_997), p(9_998), p(9_999), p(10_000)]);
    expect(graph.chains.some((chain) => chain.outages.some((outage) => outage.sources.length > 1))).toBe(true);
    expect(graph.chains.some((chain) => chain.recurredAfterFix.length > 0)).toBe(true);
    const timeline = mergedTimeline(records);
    expect(timeline.length).toBeGreaterThan(25_000);
    expect(timeline.length).toBeLessThan(30_000);
  });

  it('does work linear in its size: twice the postmortems, twice the steps', () => {
    const steps = (count: number) => buildIncidentGraph(syntheticGraph(count)).work;
    const ratio = steps(10_000) / steps(5_000);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });
});
