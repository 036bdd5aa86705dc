/**
 * The results of every part of the search index (`search-shards.ts`), merged into the order one
 * index would give them, and handed out a page at a time. A result's data (title, excerpt, meta) is
 * fetched only when it is handed out, or, for a search by filters, when it is the next of its part.
 *
 * - With words, results are ranked by score over all parts, as Pagefind's own `mergeIndex` does.
 * - By filters alone, they are newest first. Each part gives its own newest first, but with no words
 *   a result's score is only its rank within its part, so Pagefind's merge would interleave the
 *   parts rank by rank, not by date. The parts are merged by date here instead.
 */

/** A Pagefind search result: what this module needs of it. */
export interface LazyResult<T> {
  readonly score: number;
  data(): Promise<T>;
}

export interface ResultStream<T> {
  /** Results in all. */
  readonly total: number;
  /** Results not handed out yet. */
  readonly remaining: number;
  /** The next `count` results' data, in order (fewer at the end). */
  take(count: number): Promise<T[]>;
}

/** Every part's results ranked by score, highest first; equal scores keep the parts' order. */
export function mergeByScore<T>(parts: readonly (readonly LazyResult<T>[])[]): ResultStream<T> {
  const queue = parts.flat().sort((a, b) => b.score - a.score);
  const total = queue.length;
  return {
    total,
    get remaining() {
      return queue.length;
    },
    take: (count) => Promise.all(queue.splice(0, count).map((result) => result.data())),
  };
}

/**
 * Parts whose results are each already in order (by `compare`, whose negative means "first"),
 * merged in that order. Equal results come in the order of their parts.
 */
export function mergeInOrder<T>(
  parts: readonly (readonly LazyResult<T>[])[],
  compare: (a: T, b: T) => number,
): ResultStream<T> {
  const positions = parts.map(() => 0);
  const heads: (Promise<T> | undefined)[] = parts.map((part) => part[0]?.data());
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  let remaining = total;
  const next = async (count: number): Promise<T[]> => {
    const taken: T[] = [];
    while (taken.length < count && remaining > 0) {
      const loaded = await Promise.all(heads);
      let first = -1;
      for (const [part, data] of loaded.entries()) {
        if (data === undefined) continue;
        if (first < 0 || compare(data, loaded[first] as T) < 0) first = part;
      }
      taken.push(loaded[first] as T);
      const position = (positions[first] as number) + 1;
      positions[first] = position;
      heads[first] = parts[first]?.[position]?.data();
      remaining -= 1;
    }
    return taken;
  };
  // One take at a time: a second "Show more" waits for the first rather than sharing its heads.
  let last: Promise<unknown> = Promise.resolve();
  return {
    total,
    get remaining() {
      return remaining;
    },
    take(count) {
      const taken = last.then(() => next(count));
      last = taken.catch(() => undefined);
      return taken;
    },
  };
}
