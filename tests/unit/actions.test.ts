import { describe, expect, it } from 'vitest';
import {
  collectActions,
  groupActionsByStatus,
  isOverdue,
  outstandingActions,
  resolveToday,
  type ActionItem,
} from '../../src/lib/actions.ts';
import { postmortem } from '../fixtures/browse.ts';
import { idOf } from '../fixtures/graph.ts';

const TODAY = '2024-03-10';

const sources = [
  postmortem(1, {
    actions: [
      { title: 'Alert on disk usage', owner: 'Ada Okafor', status: 'done', closed: '2023-03-01' },
      { title: 'Rotate container logs', status: 'open', due: '2024-03-09' },
      { title: 'Write a runbook', status: 'in-progress', due: '2024-03-10' },
    ],
  }),
  postmortem(2, {
    actions: [
      { title: 'Move DNS to two providers', owner: 'Zoë Brandt', status: 'open', due: '2023-12-31' },
      { title: 'Chaos-test the gateway', status: 'open' },
      { title: 'Buy a bigger disk', status: 'wont-do' },
      { title: 'Page on gateway errors', status: 'done', closed: '2023-06-12', due: '2023-06-30' },
      { title: 'Audit the rollback script', status: 'open', due: '2024-04-01' },
    ],
  }),
];
const actions = collectActions(sources);
const titles = (list: readonly ActionItem[]) => list.map((action) => action.title);

describe('overdue', () => {
  const open = (due: string | undefined, status: ActionItem['status'] = 'open') => ({ status, due });

  it('is an open or in-progress action due before today', () => {
    expect(isOverdue(open('2024-03-09'), TODAY)).toBe(true);
    expect(isOverdue(open('2023-12-31', 'in-progress'), TODAY)).toBe(true);
  });

  it('is not an action due today or later, or with no due date', () => {
    expect(isOverdue(open('2024-03-10'), TODAY)).toBe(false);
    expect(isOverdue(open('2025-01-01'), TODAY)).toBe(false);
    expect(isOverdue(open(undefined), TODAY)).toBe(false);
  });

  it('is never a closed action, however late', () => {
    expect(isOverdue(open('2020-01-01', 'done'), TODAY)).toBe(false);
    expect(isOverdue(open('2020-01-01', 'wont-do'), TODAY)).toBe(false);
  });

  it('compares calendar days, across month and year ends', () => {
    expect(isOverdue(open('2023-12-31'), '2024-01-01')).toBe(true);
    expect(isOverdue(open('2024-02-29'), '2024-03-01')).toBe(true);
    expect(isOverdue(open('2024-03-01'), '2024-02-29')).toBe(false);
  });
});

describe('actions across postmortems', () => {
  it('keep the postmortem each came from', () => {
    expect(actions).toHaveLength(8);
    expect(actions[3]).toMatchObject({
      title: 'Move DNS to two providers',
      owner: 'Zoë Brandt',
      postmortemId: idOf(2),
      postmortemNumber: 2,
      position: 0,
    });
  });

  it('are grouped by status in vocabulary order, empty groups included', () => {
    const groups = groupActionsByStatus(actions);
    expect(groups.map((group) => `${group.label}:${group.actions.length}`)).toEqual([
      'Open:4',
      'In progress:1',
      'Done:2',
      "Won't do:1",
    ]);
    expect(groupActionsByStatus([]).map((group) => group.actions.length)).toEqual([0, 0, 0, 0]);
  });

  it('put outstanding ones due first on top and undated last; closed ones latest closed first', () => {
    const [open, , done] = groupActionsByStatus(actions);
    expect(titles(open!.actions)).toEqual([
      'Move DNS to two providers',
      'Rotate container logs',
      'Audit the rollback script',
      'Chaos-test the gateway',
    ]);
    expect(titles(done!.actions)).toEqual(['Page on gateway errors', 'Alert on disk usage']);
  });

  it('list the outstanding ones overdue first, for the home page', () => {
    expect(titles(outstandingActions(actions, TODAY))).toEqual([
      'Move DNS to two providers',
      'Rotate container logs',
      'Write a runbook',
      'Audit the rollback script',
      'Chaos-test the gateway',
    ]);
    expect(outstandingActions(actions, TODAY).filter((action) => isOverdue(action, TODAY))).toHaveLength(2);
  });
});

describe('the day overdue is judged against', () => {
  it('is HINDSIGHT_TODAY when set', () => {
    expect(resolveToday('2023-02-06', new Date('2030-01-01T00:00:00Z'))).toBe('2023-02-06');
  });

  it('is otherwise the UTC date of the build, whatever the local time zone', () => {
    expect(resolveToday(undefined, new Date('2023-02-06T23:30:00-08:00'))).toBe('2023-02-07');
    expect(resolveToday('', new Date('2023-02-07T00:30:00+14:00'))).toBe('2023-02-06');
  });

  it('refuses a value that is not a calendar date, and says what to write', () => {
    expect(() => resolveToday('2023-02-30', new Date())).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: HINDSIGHT_TODAY: received "2023-02-30"; expected a calendar date YYYY-MM-DD such as 2023-02-06 (February 2023 has 28 days, so there is no day 30). Leave it unset to use the build date in UTC.]`,
    );
    expect(() => resolveToday('today', new Date())).toThrow(/received "today".*not in the form YYYY-MM-DD/);
  });
});
