/**
 * What content sync leaves behind, in small: a heap grown to some hundreds of megabytes by objects
 * no longer used. Prints the resident memory after an ordinary full collection and after a
 * memory-reducing one (`collectGarbage`), in MB, as JSON.
 *
 * Usage: node tests/support/gc-reduce-workload.ts
 */
import { collectGarbage } from '../../src/gc-tuning.ts';

const residentMb = () => Math.round(process.memoryUsage.rss() / 1024 / 1024);

let garbage: unknown[] | undefined = [];
for (let i = 0; i < 2_000_000; i++) garbage.push({ i, text: `entry ${i}`, values: [i, i + 1] });
const grown = residentMb();
garbage = undefined;
collectGarbage();
const afterFull = residentMb();
collectGarbage({ reduceMemory: true });
const afterReducing = residentMb();
console.log(JSON.stringify({ grown, afterFull, afterReducing }));
