import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdStoreSaves } from '../../src/loaders/postmortems.ts';

/** A meta store that records each value set. */
function metaStore(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const sets: [string, string][] = [];
  return {
    sets,
    get: (key: string) => values.get(key),
    set: (key: string, value: string) => {
      sets.push([key, value]);
      values.set(key, value);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("putting off Astro's save of its content store", () => {
  it('sets the loader’s own value to what it holds, more often than every 500 ms, until released', () => {
    const meta = metaStore({ 'link-targets': 'abc' });
    const held = holdStoreSaves(meta);
    vi.advanceTimersByTime(450);
    expect(meta.sets).toEqual([
      ['link-targets', 'abc'],
      ['link-targets', 'abc'],
    ]);
    held.release();
    vi.advanceTimersByTime(2000);
    expect(meta.sets).toHaveLength(2);
  });

  it('sets nothing while there is no such value (a first build)', () => {
    const meta = metaStore();
    const held = holdStoreSaves(meta);
    vi.advanceTimersByTime(1000);
    expect(meta.sets).toEqual([]);
    held.release();
  });
});
