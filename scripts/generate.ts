/**
 * Writes N synthetic postmortems into a folder, for the benchmark or for trying the site at scale.
 * The folder is emptied of postmortem files first; the real `content/postmortems/` is refused.
 *
 * Usage: node scripts/generate.ts --count 1000 [--seed 1] [--out DIR]
 * Then:  HINDSIGHT_CONTENT_DIR=DIR npm run build
 */
import { parseArgs } from 'node:util';
import { writeGeneratedSet } from './lib/generate-fs.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '.bench/content' },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error(
    'Usage: node scripts/generate.ts --count N [--seed S] [--out DIR] (N a positive integer, S an integer)',
  );
  process.exit(2);
}

const dir = await writeGeneratedSet({ count, seed, out: values.out });
console.log(`Wrote ${count} postmortems (seed ${seed}) to ${dir}`);
