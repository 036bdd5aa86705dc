import { describe, expect, it } from 'vitest';
import { keptPlan, planPage, plannedPages, type TimelinePlan } from '../../src/lib/timeline-plan.ts';

const plan: TimelinePlan = {
  options: {
    environment: [{ dimension: 'environment', value: 'production', label: 'production', count: 3 }],
    kind: [{ dimension: 'kind', value: 'fix', label: 'Fix', count: 2 }],
    level: [],
  },
  pages: { '': 2, 'environment/production': 1, 'kind/fix': 1 },
  keys: { '|1': 'a1', '|2': 'a2', 'environment/production|1': 'b1', 'kind/fix|1': 'c1' },
};

describe('the timeline plan', () => {
  it('names each page by its filter and number', () => {
    expect(planPage(undefined, 2)).toBe('|2');
    expect(planPage({ dimension: 'kind', value: 'fix' }, 1)).toBe('kind/fix|1');
    expect(plan.keys[planPage(plan.options.environment[0], 1)]).toBe('b1');
  });

  it('counts the pages of the timeline and of a filter, at least one', () => {
    expect(plannedPages(plan)).toBe(2);
    expect(plannedPages(plan, { dimension: 'kind', value: 'fix' })).toBe(1);
    expect(plannedPages(plan, { dimension: 'level', value: 'outage' })).toBe(1);
  });

  it('reads a kept plan back only with the same digest and the shape it was written in', () => {
    const kept = JSON.parse(JSON.stringify({ digest: 'd1', plan })) as unknown;
    expect(keptPlan(kept, 'd1')).toEqual(plan);
    expect(keptPlan(kept, 'd2')).toBeUndefined();
    expect(keptPlan(undefined, 'd1')).toBeUndefined();
    expect(keptPlan({ digest: 'd1' }, 'd1')).toBeUndefined();
    expect(keptPlan({ digest: 'd1', plan: { ...plan, pages: { '': 0 } } }, 'd1')).toBeUndefined();
    expect(keptPlan({ digest: 'd1', plan: { ...plan, keys: { '|1': 1 } } }, 'd1')).toBeUndefined();
    expect(keptPlan({ digest: 'd1', plan: { ...plan, options: { kind: [] } } }, 'd1')).toBeUndefined();
  });
});
