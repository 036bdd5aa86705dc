/**
 * One timing of `buildIncidentGraph`, for the benchmark (scripts/bench.ts), which runs this file
 * in fresh processes: `node scripts/lib/time-graph.ts ROOT CONTENT_DIR`. It validates the set
 * first, in this thread, as the build's loader does before the pages build the graph, then times
 * the graph's first call and prints `{ "ms": …, "chains": …, "published": [ids] }` as JSON.
 *
 * A fresh process per timing, because the first call's time depends on when the garbage collector
 * runs: after 10,000 validated postmortems a major collection may or may not fall inside it.
 */
import { formatIssue } from '../../src/lib/errors.ts';
import { buildIncidentGraph } from '../../src/lib/graph.ts';
import { graphInputs } from '../../src/lib/graph-input.ts';
import { fragmentIndex } from '../../src/lib/links.ts';
import { readPostmortemFiles } from '../../src/lib/validate-fs.ts';
import { validatePostmortems } from '../../src/lib/validate.ts';

const [root, contentDir] = process.argv.slice(2);
if (!root || !contentDir) {
  console.error('Usage: node scripts/lib/time-graph.ts ROOT CONTENT_DIR');
  process.exit(2);
}
const { postmortems, issues } = validatePostmortems(await readPostmortemFiles(root, contentDir));
if (issues.length > 0) {
  console.error(`The generated set has ${issues.length} validation issues, first:\n${formatIssue(issues[0]!)}`);
  process.exit(1);
}
const published = postmortems.filter((postmortem) => postmortem.data.status !== 'draft');
const inputs = graphInputs(published, fragmentIndex(published));
const started = performance.now();
const graph = buildIncidentGraph(inputs);
const ms = performance.now() - started;
console.log(
  JSON.stringify({ ms, chains: graph.chains.length, published: published.map((postmortem) => postmortem.id) }),
);
