/**
 * What the page generation of a large build does to the garbage collector, in small: a live heap,
 * and page-sized strings encoded to bytes and copied, as Astro does with every page it renders.
 * Prints the number of full (mark-compact) collections it caused, as JSON.
 *
 * Usage: node tests/support/gc-workload.ts [tuned]
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { tuneGarbageCollection } from '../../src/gc-tuning.ts';

if (process.argv[2] === 'tuned') tuneGarbageCollection();

let fullCollections = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections++;
  }
});
observer.observe({ entryTypes: ['gc'] });

const live = Array.from({ length: 1_000_000 }, (_, i) => ({ text: `entry ${i}`, values: [i] }));
const encoder = new TextEncoder();
const page = 'x'.repeat(500_000);
let bytes = 0;
for (let i = 0; i < 400; i++) bytes += Buffer.from(encoder.encode(`${page}${i}`)).length;
// Let the observer see the last collections.
await new Promise((resolve) => setTimeout(resolve, 20));
observer.disconnect();
console.log(JSON.stringify({ fullCollections, live: live.length, bytes }));
