/**
 * Types and guards derived from the vocabularies in `site.config.ts`, so that a word added there is
 * accepted everywhere at once.
 */
import { actionStatuses, environmentOrder, eventKinds, levels, relations, statuses } from '../site.config.ts';

export type Level = keyof typeof levels;
export type Relation = keyof typeof relations;
export type EventKind = keyof typeof eventKinds;
export type Status = keyof typeof statuses;
export type ActionStatus = keyof typeof actionStatuses;

/** The keys of a vocabulary table as a non-empty tuple, the shape `z.enum()` wants. */
export function vocabulary<T extends Record<string, unknown>>(table: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}

export const levelKeys = vocabulary(levels);
export const relationKeys = vocabulary(relations);
export const eventKindKeys = vocabulary(eventKinds);
export const statusKeys = vocabulary(statuses);
export const actionStatusKeys = vocabulary(actionStatuses);

/** Sorts environments by the configured display order, unknown ones alphabetically after. */
export function compareEnvironments(a: string, b: string): number {
  const order: readonly string[] = environmentOrder;
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia !== -1 || ib !== -1) {
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  }
  return a.localeCompare(b, 'en');
}

/** Readable form of a kebab-case value with no label of its own (`memory-leak` → `memory leak`). */
export function humanise(value: string): string {
  return value.replace(/-/g, ' ');
}
