/**
 * The plan of the global timeline's pages: the values of its filters, how many pages the timeline
 * and each filter have, and the key of each page (src/data/page-keys.ts). The timeline's routes
 * make their paths from it. Making it means merging every postmortem's events and keying every
 * page (about 1 s at 10,000 postmortems), so a build keeps it in the cache folder with a digest of
 * everything it is made from, and a later build whose digest is the same reads it back instead
 * (src/data/page-keys.ts, `getTimelinePlan`).
 */
import {
  filterDimensions,
  filterName,
  type FilterDimension,
  type FilterOption,
  type TimelineFilter,
} from './timeline-filter.ts';

export interface TimelinePlan {
  /** The values of each filter, with their labels and counts (`filterOptions`). */
  readonly options: Record<FilterDimension, FilterOption[]>;
  /** How many pages the timeline (`''`) and each filter (`filterName`) have. */
  readonly pages: Record<string, number>;
  /** The key of each page (`planPage`), where pages are keyed. */
  readonly keys: Record<string, string>;
}

/** The name of a page of the plan: `|2` for the timeline's second page, `kind/fix|1`. */
export function planPage(filter: TimelineFilter | undefined, page: number): string {
  return `${filter ? filterName(filter) : ''}|${page}`;
}

/** How many pages the timeline, or one filter of it, has in `plan`: at least one. */
export function plannedPages(plan: TimelinePlan, filter?: TimelineFilter): number {
  return plan.pages[filter ? filterName(filter) : ''] ?? 1;
}

/** The plan kept with `digest` in `kept` (a cache file's JSON), or undefined when it is not one. */
export function keptPlan(kept: unknown, digest: string): TimelinePlan | undefined {
  if (typeof kept !== 'object' || kept === null) return undefined;
  const { digest: keptDigest, plan } = kept as { digest?: unknown; plan?: unknown };
  if (keptDigest !== digest || typeof plan !== 'object' || plan === null) return undefined;
  const { options, pages, keys } = plan as Partial<Record<keyof TimelinePlan, unknown>>;
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(options) || !isRecord(pages) || !isRecord(keys)) return undefined;
  if (!filterDimensions.every((dimension) => Array.isArray(options[dimension]))) return undefined;
  if (!Object.values(pages).every((count) => Number.isInteger(count) && (count as number) >= 1)) return undefined;
  if (!Object.values(keys).every((key) => typeof key === 'string')) return undefined;
  return plan as TimelinePlan;
}
