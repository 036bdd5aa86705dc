/**
 * The home page's overview: postmortems by level and by year, and the latest recurrence chains. A
 * postmortem with two levels counts under each, as it is listed under each, so the level counts can
 * add up to more than the total.
 */
import type { RecurrenceChain } from './graph.ts';
import { isoDate } from './dates.ts';
import { levelKeys, type Level } from './vocabulary.ts';

export interface CountedPostmortem {
  /** Write-up date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly level: readonly Level[];
}

/** Every level of the vocabulary, in its order, with how many postmortems have it (0 included). */
export function countByLevel(postmortems: readonly CountedPostmortem[]): { level: Level; count: number }[] {
  const counts = new Map<Level, number>(levelKeys.map((level) => [level, 0]));
  for (const postmortem of postmortems) {
    for (const level of new Set(postmortem.level)) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return levelKeys.map((level) => ({ level, count: counts.get(level) ?? 0 }));
}

/** The years that have postmortems, newest first, with how many were written in each. */
export function countByYear(postmortems: readonly CountedPostmortem[]): { year: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { date } of postmortems) {
    const year = date.slice(0, 4);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([year, count]) => ({ year, count }));
}

/**
 * The `count` chains whose last outage is the most recent, newest first (ties: the order given).
 * A chain with no outages sorts last.
 */
export function latestChains(chains: readonly RecurrenceChain[], count: number): RecurrenceChain[] {
  const lastDay = (chain: RecurrenceChain) => {
    const last = chain.outages.at(-1);
    return last ? isoDate(last.time.date) : '';
  };
  return chains
    .map((chain, at) => ({ chain, at, day: lastDay(chain) }))
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.at - b.at))
    .slice(0, count)
    .map(({ chain }) => chain);
}
