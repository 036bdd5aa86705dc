/** The action items of the published postmortems, and the day they are marked overdue against. */
import { collectActions, resolveToday, type ActionItem } from '../lib/actions.ts';
import { getPublishedPostmortems, postmortemNumber } from './postmortems.ts';

/**
 * `YYYY-MM-DD` of the day "overdue" is judged against: `HINDSIGHT_TODAY`, or the build's date in
 * UTC. Read once, so every page of a build agrees.
 */
export const today: string = resolveToday(process.env['HINDSIGHT_TODAY'], new Date());

let actions: Promise<ActionItem[]> | undefined;

/** Every action item of every published postmortem, newest postmortem first. */
export function getActions(): Promise<ActionItem[]> {
  actions ??= getPublishedPostmortems().then((postmortems) =>
    collectActions(
      postmortems.map((postmortem) => ({
        id: postmortem.id,
        number: postmortemNumber(postmortem),
        data: postmortem.data,
      })),
    ),
  );
  return actions;
}
