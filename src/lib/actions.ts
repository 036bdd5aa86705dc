/**
 * Action items across postmortems: collected, grouped by status, and marked overdue.
 *
 * "Overdue" needs a today, and a static site has no today of its own: it is the build's, taken from
 * `HINDSIGHT_TODAY` or else the build's date in UTC (see `resolveToday`), and the pages say which day
 * they were marked on. Marking at build time keeps the marker correct without JavaScript and keeps
 * two builds of the same content on the same day byte-identical in any time zone.
 */
import type { Action } from '../schemas/action.ts';
import { actionStatuses } from '../site.config.ts';
import { calendarDateProblem, dayNumber, isoDate, parseCalendarDate } from './dates.ts';
import { actionStatusKeys, type ActionStatus } from './vocabulary.ts';

/** An action item with the postmortem it came from. */
export interface ActionItem extends Action {
  readonly postmortemId: string;
  readonly postmortemNumber: number;
  /** Position in its postmortem's `actions`, to keep the author's order among equals. */
  readonly position: number;
}

export interface ActionSource {
  readonly id: string;
  readonly number: number;
  readonly data: { readonly actions: readonly Action[] };
}

export interface ActionGroup {
  readonly status: ActionStatus;
  readonly label: string;
  readonly actions: readonly ActionItem[];
}

/** Statuses of an action that still needs doing. */
export const outstandingStatuses: readonly ActionStatus[] = ['open', 'in-progress'];

export function isOutstanding(action: Pick<Action, 'status'>): boolean {
  return outstandingStatuses.includes(action.status);
}

/** Still to do, and due before `today` (`YYYY-MM-DD`); an action due today is not overdue yet. */
export function isOverdue(action: Pick<Action, 'status' | 'due'>, today: string): boolean {
  if (!isOutstanding(action) || action.due === undefined) return false;
  return dayNumber(parseCalendarDate(action.due)) < dayNumber(parseCalendarDate(today));
}

/** Every action of every postmortem given, each with its source. */
export function collectActions(postmortems: readonly ActionSource[]): ActionItem[] {
  return postmortems.flatMap((postmortem) =>
    postmortem.data.actions.map((action, position) => ({
      ...action,
      postmortemId: postmortem.id,
      postmortemNumber: postmortem.number,
      position,
    })),
  );
}

/**
 * Outstanding actions first due first (overdue ones thus on top), then those with no due date;
 * closed ones (done, won't do) most recently closed first, then those with no closing date. Ties:
 * newer postmortem first, then the author's order.
 */
export function compareActions(a: ActionItem, b: ActionItem): number {
  const byDate = (x: string | undefined, y: string | undefined, sign: 1 | -1) => {
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return sign * (x < y ? -1 : 1);
  };
  const dates =
    isOutstanding(a) || isOutstanding(b)
      ? byDate(a.due, b.due, 1)
      : byDate(a.closed, b.closed, -1) || byDate(a.due, b.due, 1);
  return dates || b.postmortemNumber - a.postmortemNumber || a.position - b.position;
}

/** One group per action status, in vocabulary order, empty ones included, each sorted. */
export function groupActionsByStatus(actions: readonly ActionItem[]): ActionGroup[] {
  return actionStatusKeys.map((status) => ({
    status,
    label: actionStatuses[status].label,
    actions: actions.filter((action) => action.status === status).sort(compareActions),
  }));
}

/** The outstanding actions, overdue ones first, then as `compareActions` orders them. */
export function outstandingActions(actions: readonly ActionItem[], today: string): ActionItem[] {
  return actions
    .filter(isOutstanding)
    .sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || compareActions(a, b));
}

/**
 * The day overdue is judged against: `HINDSIGHT_TODAY` when set (a calendar date), else the UTC
 * date of `now`, so the time zone of the build machine never matters.
 */
export function resolveToday(value: string | undefined, now: Date): string {
  if (value === undefined || value === '') {
    return isoDate({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
  }
  const problem = calendarDateProblem(value);
  if (problem) {
    throw new RangeError(
      `HINDSIGHT_TODAY: received "${value}"; expected a calendar date YYYY-MM-DD such as 2023-02-06 (${problem}). ` +
        'Leave it unset to use the build date in UTC.',
    );
  }
  return value;
}
