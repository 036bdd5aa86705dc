/**
 * Writes N synthetic postmortems into a folder, for the benchmark or for trying the site at scale.
 * The folder is emptied of postmortem files first; the real `content/postmortems/` is refused.
 *
 * Usage: node scripts/generate.ts --count 1000 [--seed 1] [--out DIR]
 * Then:  HINDSIGHT_CONTENT_DIR=DIR npm run build
 */
import { parseCommandLine } from './lib/cli.ts';
import { readSetSize, writeGeneratedSet } from './lib/generate-fs.ts';

const usage = `Usage: npm run generate -- --count N [--seed S] [--out DIR]

Writes N synthetic postmortems (N a positive integer), the same for the same seed S (an integer,
default 1), into DIR (default .bench/content); other postmortem files there are removed.`;

const { values } = parseCommandLine(
  {
    count: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '.bench/content' },
  },
  usage,
);

const { count, seed } = readSetSize(values, usage);

const dir = await writeGeneratedSet({ count, seed, out: values.out });
console.log(`Wrote ${count} postmortems (seed ${seed}) to ${dir}`);
