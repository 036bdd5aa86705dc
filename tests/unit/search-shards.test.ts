import { describe, expect, it } from 'vitest';
import {
  assignSearchShards,
  searchShardCount,
  searchShardFolder,
  searchShardGlob,
  searchShardOf,
} from '../../src/lib/search-shards.ts';
import { mergeByScore, mergeInOrder, type LazyResult } from '../../src/lib/search-merge.ts';
import { parseSearchShardSize } from '../../src/site.config.ts';

describe('the parts of the search index', () => {
  it('are one per thousand postmortems (or the size given), and at least one', () => {
    expect(searchShardCount(0, 1000)).toBe(1);
    expect(searchShardCount(1000, 1000)).toBe(1);
    expect(searchShardCount(1001, 1000)).toBe(2);
    expect(searchShardCount(10_000, 1000)).toBe(10);
    expect(searchShardCount(5, 2)).toBe(3);
    expect(() => searchShardCount(5, 0)).toThrow(
      'search shard size: received 0; expected a whole number of at least 1',
    );
    expect(() => searchShardCount(5, 1.5)).toThrow('received 1.5');
  });

  it('put each postmortem in one part by its id, the same on every run, spread evenly', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `${String(i + 1).padStart(5, '0')}-incident-${i % 37}`);
    const shards = assignSearchShards(ids, 10);
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const shard of shards) expect(Math.abs(shard.length - 1000)).toBeLessThan(100);
    // A fixed value: the part must not depend on anything but the id (no random seed, no locale).
    expect(searchShardOf('002-postmortem-for-v0-0-23-release', 10)).toBe(9);
    expect(assignSearchShards(ids.slice(0, 3), 1)).toEqual([ids.slice(0, 3)]);
  });

  it('spread ids that differ only in their numbers over parts of two', () => {
    // FNV-1a alone puts all of these in one part of two: its lowest bit is a parity of characters.
    const ids = Array.from({ length: 6 }, (_, i) => `00${i + 1}-incident-${i + 1}`);
    expect(assignSearchShards(ids, 2).map((shard) => shard.length)).toEqual([2, 4]);
  });

  it('keep every other postmortem in its part when one is added', () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `${i}-x`);
    const before = assignSearchShards(ids, 3);
    const after = assignSearchShards([...ids, '2500-new'], 3);
    expect(after.map((shard) => shard.filter((id) => id !== '2500-new'))).toEqual(before);
  });

  it('are as large as HINDSIGHT_SEARCH_SHARD_SIZE says, with a clear error for anything but a count', () => {
    expect(parseSearchShardSize(undefined)).toBe(1000);
    expect(parseSearchShardSize('')).toBe(1000);
    expect(parseSearchShardSize('250')).toBe(250);
    for (const bad of ['0', '-1', '1.5', 'many', '12345678'])
      expect(() => parseSearchShardSize(bad)).toThrow(
        `HINDSIGHT_SEARCH_SHARD_SIZE: received "${bad}"; expected a whole number of postmortems per part`,
      );
  });

  it('are in pagefind/ and pagefind/shard-N/', () => {
    expect(searchShardFolder(0)).toBe('');
    expect(searchShardFolder(3)).toBe('shard-3/');
  });

  it('name their pages in a glob, and refuse an id a glob would read otherwise', () => {
    expect(searchShardGlob(['001-queue', '012-cert-expiry'])).toBe(
      'postmortems/{001-queue,012-cert-expiry}/index.html',
    );
    expect(searchShardGlob(['001-queue'])).toBe('postmortems/001-queue/index.html');
    expect(() => searchShardGlob([])).toThrow('received no postmortem');
    for (const id of ['001-a,b', '001-{a}', '001-*', '001-a/../b', '']) {
      expect(() => searchShardGlob(['001-queue', id])).toThrow(
        `received the id ${JSON.stringify(id)}; expected a kebab-case id`,
      );
    }
  });
});

/** A result whose data is `value`, counting how often its data was fetched. */
function result<T>(value: T, score = 1, fetched: T[] = []): LazyResult<T> {
  return {
    score,
    data: () => {
      fetched.push(value);
      return Promise.resolve(value);
    },
  };
}

describe('merging the results of the parts', () => {
  it('ranks results with words by score over every part, as Pagefind merges indexes', async () => {
    const stream = mergeByScore([
      [result('a1', 9), result('a2', 2)],
      [result('b1', 5), result('b2', 2), result('b3', 1)],
    ]);
    expect(stream.total).toBe(5);
    expect(await stream.take(3)).toEqual(['a1', 'b1', 'a2']);
    expect(stream.remaining).toBe(2);
    expect(await stream.take(10)).toEqual(['b2', 'b3']);
    expect(stream.remaining).toBe(0);
  });

  it('merges results by filters alone newest first, though each part ranks only its own', async () => {
    const fetched: string[] = [];
    const part = (dates: string[]) => dates.map((date, rank) => result(date, dates.length - rank, fetched));
    const stream = mergeInOrder(
      [part(['2024-05-01', '2021-01-01']), part(['2023-03-03', '2023-02-02', '2022-12-12']), part([])],
      (a, b) => (a < b ? 1 : a > b ? -1 : 0),
    );
    expect(stream.total).toBe(5);
    expect(await stream.take(2)).toEqual(['2024-05-01', '2023-03-03']);
    // Only the next result of each part is fetched ahead.
    expect(fetched.sort()).toEqual(['2021-01-01', '2023-02-02', '2023-03-03', '2024-05-01']);
    expect(stream.remaining).toBe(3);
    expect(await stream.take(10)).toEqual(['2023-02-02', '2022-12-12', '2021-01-01']);
    expect(stream.remaining).toBe(0);
    expect(await stream.take(10)).toEqual([]);
    expect(fetched).toHaveLength(5);
  });

  it('hands out each result once when a second page is asked for before the first arrives', async () => {
    const stream = mergeInOrder([[result(3), result(1)], [result(2)]], (a, b) => b - a);
    const [first, second] = await Promise.all([stream.take(2), stream.take(2)]);
    expect([first, second]).toEqual([[3, 2], [1]]);
  });

  it('keeps equal results in the order of their parts', async () => {
    const stream = mergeInOrder([[result({ date: 'd', id: 'a' })], [result({ date: 'd', id: 'b' })]], () => 0);
    expect((await stream.take(2)).map(({ id }) => id)).toEqual(['a', 'b']);
  });
});
