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
} from '../../src/gc-tuning.ts';

const workload = fileURLToPath(new URL('../support/gc-workload.ts', import.meta.url));
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
