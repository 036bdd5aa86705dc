import { execFileSync } from 'node:child_process';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CAP_GROWTH_ABOVE_POSTMORTEMS,
  capAfterRenders,
  capsHeapGrowth,
  collectGarbage,
  heapCapPlan,
  pageRendered,
  RESIDENT_GROWTH_BEFORE_REDUCING,
  shouldReduceMemory,
  stopWatchingResidentMemory,
  watchResidentMemory,
} from '../../src/gc-tuning.ts';

const workload = fileURLToPath(new URL('../support/gc-workload.ts', import.meta.url));
const reduceWorkload = fileURLToPath(new URL('../support/gc-reduce-workload.ts', import.meta.url));
const growthWorkload = fileURLToPath(new URL('../support/gc-growth-workload.ts', import.meta.url));

function fullCollections(...args: string[]): number {
  const output = execFileSync(process.execPath, [workload, ...args], { encoding: 'utf8' });
  return (JSON.parse(output) as { fullCollections: number }).fullCollections;
}

describe('tuneGarbageCollection', () => {
  it('stops memory outside the heap from setting off a full collection every few pages', () => {
    const untuned = fullCollections();
    const tuned = fullCollections('tuned');
    // The workload must show the problem, or the comparison says nothing.
    expect(untuned).toBeGreaterThanOrEqual(3);
    expect(tuned).toBeLessThanOrEqual(1);
  });
});

describe('pageGenerationV8Flags', () => {
  it('keeps the heap closer to what is live while pages come and go', () => {
    const peak = (...args: string[]) =>
      (
        JSON.parse(execFileSync(process.execPath, [growthWorkload, ...args], { encoding: 'utf8' })) as {
          peakHeapMb: number;
        }
      ).peakHeapMb;
    const untuned = peak();
    const tuned = peak('tuned');
    // About 500 to 600 MB against 320 to 370 MB here.
    expect(tuned).toBeLessThan(untuned * 0.8);
  });
});

describe('collectGarbage', () => {
  it('runs a full collection of the heap at once, for a cap on its growth to apply from there', async () => {
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
    collectGarbage();
    // Entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    const kinds = seen.map((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind);
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MAJOR);
  });
});

describe('collectGarbage({ reduceMemory: true })', () => {
  it('gives back to the system the pages an ordinary full collection keeps', () => {
    const { grown, afterFull, afterReducing } = JSON.parse(
      execFileSync(process.execPath, [reduceWorkload], { encoding: 'utf8' }),
    ) as { grown: number; afterFull: number; afterReducing: number };
    // The workload must show what an ordinary collection keeps: about 600, 530 and 70 MB here.
    expect(grown).toBeGreaterThan(300);
    expect(afterFull).toBeGreaterThan(grown / 2);
    expect(afterReducing).toBeLessThan(afterFull / 2);
  });
});

describe('watchResidentMemory', () => {
  it('gives memory back before a page once the resident memory has grown by more than its margin', () => {
    let rss = 1000;
    let reduced = 0;
    const reduce = () => {
      reduced += 1;
      rss = 1100;
    };
    watchResidentMemory(500, reduce, () => rss);
    try {
      rss = 1500;
      pageRendered();
      expect(reduced).toBe(0);
      rss = 1501;
      pageRendered();
      expect(reduced).toBe(1);
      // Measured again from what the collection left.
      rss = 1550;
      pageRendered();
      expect(reduced).toBe(1);
      rss = 1601;
      pageRendered();
      expect(reduced).toBe(2);
    } finally {
      stopWatchingResidentMemory();
    }
    rss = 10_000;
    pageRendered();
    expect(reduced).toBe(2);
  });

  it('waits for growth well beyond a page or two by default', () => {
    const mb = 1024 * 1024;
    expect(shouldReduceMemory(1500 * mb, 1200 * mb)).toBe(false);
    expect(shouldReduceMemory(1200 * mb + RESIDENT_GROWTH_BEFORE_REDUCING + 1, 1200 * mb)).toBe(true);
  });
});

describe('capsHeapGrowth', () => {
  it('caps growth for a large collection, not for a small one', () => {
    expect(capsHeapGrowth(0)).toBe(false);
    expect(capsHeapGrowth(1000)).toBe(false);
    expect(capsHeapGrowth(CAP_GROWTH_ABOVE_POSTMORTEMS)).toBe(false);
    expect(capsHeapGrowth(CAP_GROWTH_ABOVE_POSTMORTEMS + 1)).toBe(true);
    expect(capsHeapGrowth(10_000)).toBe(true);
  });
});

describe('heapCapPlan', () => {
  it('caps a cold build of many postmortems as pages start, a warm one after many renders, a small one never', () => {
    expect(heapCapPlan(10_000, false)).toBe('now');
    expect(heapCapPlan(10_000, true)).toBe('after renders');
    expect(heapCapPlan(1000, false)).toBe('never');
    expect(heapCapPlan(1000, true)).toBe('never');
  });
});

describe('capAfterRenders', () => {
  it('caps once, after the given number of rendered pages, and counts nothing unless armed', () => {
    let applied = 0;
    pageRendered();
    capAfterRenders(3, () => (applied += 1));
    pageRendered();
    pageRendered();
    expect(applied).toBe(0);
    pageRendered();
    expect(applied).toBe(1);
    for (let page = 0; page < 10; page += 1) pageRendered();
    expect(applied).toBe(1);
  });
});
