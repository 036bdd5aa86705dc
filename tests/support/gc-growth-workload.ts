/**
 * What page generation does to the heap's size, in small: a live heap, and pages whose objects
 * live long enough to be promoted out of the young generation before they die. Prints the largest
 * heap seen, as JSON.
 *
 * Usage: node tests/support/gc-growth-workload.ts [tuned]
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { pageGenerationV8Flags } from '../../src/gc-tuning.ts';

if (process.argv[2] === 'tuned') for (const flag of pageGenerationV8Flags) setFlagsFromString(flag);

const live = Array.from({ length: 300_000 }, (_, i) => ({ text: `entry ${i}`, values: [i, i + 1] }));
// The last pages stay reachable for a while, as pages in flight do, so they reach the old generation.
const inFlight: unknown[] = [];
let peak = 0;
for (let page = 0; page < 300; page++) {
  inFlight.push(Array.from({ length: 20_000 }, (_, i) => ({ page, i, text: `row ${i} of page ${page}` })));
  if (inFlight.length > 8) inFlight.shift();
  peak = Math.max(peak, getHeapStatistics().total_heap_size);
}
console.log(JSON.stringify({ peakHeapMb: Math.round(peak / 1e6), live: live.length, inFlight: inFlight.length }));
