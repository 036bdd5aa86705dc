/**
 * The scale benchmark (docs/PERFORMANCE.md). In one run on one machine it:
 *
 * 1. generates N postmortems (scripts/generate.ts) into `<dir>/content`, never `content/postmortems/`;
 * 2. builds them with Hindsight (`npm run build`, with `HINDSIGHT_CONTENT_DIR` pointing there and
 *    the caches in `<dir>/cache`): cold (no `.astro/`, no caches, no `dist/`), warm with no change,
 *    and warm after editing one postmortem;
 * 3. builds the same files cold with a bare Astro site (scripts/lib/baseline.ts), in `<dir>/baseline`;
 * 4. times each npm script of the table below that `package.json` has, and in process the search
 *    index (as the build makes it) and `buildIncidentGraph`;
 * 5. weighs one page of each template (scripts/lib/page-weight.ts);
 *
 * then prints a table whose last line is `cold build ratio vs bare Astro: X.XX`, and writes the
 * numbers to `<dir>/results.json`. The generated site is left in `dist/`. It exits 1 when a build or
 * a step fails on the generated set, not when a budget is missed.
 *
 * Usage: npm run bench -- --count N [--seed S] [--dir DIR] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { buildSearchIndex, searchCacheDir } from './lib/search-index.ts';
import { writeBaseline } from './lib/baseline.ts';
import { parseCommandLine } from './lib/cli.ts';
import {
  formatReport,
  type BenchResults,
  type BuildResult,
  type CommandResult,
  type TemplateWeight,
} from './lib/bench-report.ts';
import { readSetSize, writeGeneratedSet } from './lib/generate-fs.ts';
import { pageWeight, templateOf } from './lib/page-weight.ts';
import { runMeasured, type Measurement } from './lib/process-tree.ts';

/** The npm scripts the benchmark times, each only if package.json has it. */
const timedScripts = ['validate', 'check:links'] as const;

const usage = `Usage: npm run bench -- --count N [--seed S] [--dir DIR] [--verbose]

Generates N postmortems (N a positive integer; seed S, an integer, default 1) in DIR (default
.bench), builds them cold and warm and with a bare Astro site, times the steps, and prints a table
(docs/PERFORMANCE.md).`;

const { values } = parseCommandLine(
  {
    count: { type: 'string' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string', default: '.bench' },
    verbose: { type: 'boolean', default: false },
  },
  usage,
);
const { count, seed } = readSetSize(values, usage);

const root = resolve(import.meta.dirname, '..');
const work = resolve(root, values.dir);
const contentDir = join(work, 'content');
const cacheDir = join(work, 'cache');
const trash = join(work, 'trash');
const dist = join(root, 'dist');
const nodeModules = realpathSync(join(root, 'node_modules'));
const node = join(nodeModules, '.bin', 'node');
const packageScripts: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const env = {
  ...process.env,
  HINDSIGHT_CONTENT_DIR: contentDir,
  HINDSIGHT_CACHE_DIR: join(cacheDir, 'hindsight'),
  ASTRO_TELEMETRY_DISABLED: '1',
};
const log = (message: string) => console.error(`bench: ${message}`);

async function measure(label: string, command: string, args: string[], cwd = root): Promise<Measurement> {
  log(`${label}…`);
  // The Pagefind runs a warm build starts ahead (src/search-ahead.ts) outlive Astro's process: they
  // are the build's too. They write into the search index's cache folder, which names them.
  const aheadFolders = join(searchCacheDir(root, env.HINDSIGHT_CACHE_DIR), '.ahead-');
  const result = await runMeasured(command, args, {
    cwd,
    env,
    echo: values.verbose,
    adopt: (commandLine) => commandLine.includes(aheadFolders),
  });
  if (result.exitCode !== 0) {
    console.error(result.output.slice(-4000));
    throw new Error(`${label} failed (exit ${result.exitCode}): ${result.command}`);
  }
  const cpu = result.cpuMs === undefined ? '' : `, CPU ${(result.cpuMs / 1000).toFixed(2)} s`;
  log(`${label}: ${(result.wallMs / 1000).toFixed(2)} s${cpu}, ${Math.round(result.peakRssKb / 1024)} MB`);
  return result;
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function buildResult(name: string, measured: Measurement, outDir: string): BuildResult {
  return {
    name,
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    peakRssKb: measured.peakRssKb,
    pages: htmlPages(outDir).length,
  };
}

/**
 * Moves `dirs` (an earlier run's output and caches) out of the way, into a folder deleted once every
 * build is measured (`emptyTrash`). Deleting thousands of files right before a build would slow it
 * down: for some 30 s after, ext4 steps over the inodes just freed each time it creates a file
 * (docs/PERFORMANCE.md, seventh round), which a clean clone's first run does not pay.
 */
function removeCaches(...dirs: string[]): void {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    mkdirSync(trash, { recursive: true });
    try {
      renameSync(dir, join(trash, `${Date.now()}-${basename(dir)}`));
    } catch {
      // On another file system than the trash: deleted now.
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function emptyTrash(): void {
  rmSync(trash, { recursive: true, force: true });
}

/** Every published postmortem must have its page: nothing may be dropped on the way. */
function checkPostmortemPages(published: readonly string[]): void {
  const missing = published.filter((id) => !existsSync(join(dist, 'postmortems', id, 'index.html')));
  if (missing.length > 0) {
    throw new Error(
      `${missing.length} published postmortems have no page in dist/, such as ${missing.slice(0, 3).join(', ')}`,
    );
  }
}

function editOnePostmortem(): string {
  const files = readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  const name = files[Math.floor(files.length / 2)] as string;
  const path = join(contentDir, name);
  const source = readFileSync(path, 'utf8');
  const edited = source.replace('## Cause\n\n', '## Cause\n\nEdited by the benchmark to time a warm build. ');
  if (edited === source) throw new Error(`${name} has no "## Cause" section to edit`);
  writeFileSync(path, edited);
  return name;
}

function weighTemplates(): TemplateWeight[] {
  const pages = htmlPages(dist);
  const byTemplate = Map.groupBy(pages, templateOf);
  const base = (process.env['HINDSIGHT_BASE'] ?? '/').replace(/\/*$/, '/');
  const asset = (url: string) => {
    if (/^[a-z]+:|^\/\//i.test(url) || !url.startsWith(base)) return undefined;
    const path = join(dist, decodeURI(url.slice(base.length).split(/[?#]/)[0] ?? ''));
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  return [...byTemplate]
    .map(([template, paths]) => {
      const sized = paths.map((path) => ({ path, html: readFileSync(join(dist, path), 'utf8') }));
      const largest = sized.reduce((a, b) => (b.html.length > a.html.length ? b : a));
      return { template, pages: paths.length, sample: largest.path, ...pageWeight(largest.html, asset) };
    })
    .sort((a, b) => a.template.localeCompare(b.template, 'en'));
}

async function timeScript(name: string): Promise<CommandResult> {
  const label = `npm run ${name}`;
  if (!packageScripts[name]) {
    log(`${label}: not in package.json, not measured`);
    return { name: label };
  }
  log(`${label}…`);
  const result = await runMeasured('npm', ['run', '--silent', name], { cwd: root, env, echo: values.verbose });
  if (result.exitCode !== 0) console.error(result.output.slice(-4000));
  log(`${label}: ${(result.wallMs / 1000).toFixed(2)} s, exit ${result.exitCode}`);
  return { name: label, wallMs: result.wallMs, cpuMs: result.cpuMs, exitCode: result.exitCode };
}

/**
 * The search index as the build makes it (scripts/lib/search-index.ts: Pagefind's command line over the
 * postmortem pages), timed on its own; it writes to `<dir>/pagefind`, not into `dist/`.
 */
async function timeSearchIndex(): Promise<CommandResult> {
  const name = 'search index (Pagefind over the postmortem pages)';
  log(`${name}…`);
  const output = join(work, 'pagefind');
  removeCaches(output);
  const started = performance.now();
  await buildSearchIndex(dist, { outputPath: output });
  const wallMs = performance.now() - started;
  log(`${name}: ${(wallMs / 1000).toFixed(2)} s`);
  return { name, wallMs, exitCode: 0 };
}

/** How many fresh processes time the graph; the benchmark reports their median. */
const graphRuns = 5;

/**
 * `buildIncidentGraph` on the generated set: its first call, after validating the set in the same
 * thread as a build does, in `graphRuns` fresh processes (scripts/lib/time-graph.ts). Whether a
 * major garbage collection falls inside that call varies from process to process, so one timing
 * could be 100 ms off either way; the median and the range of several are reported.
 */
function timeGraph(): { ms: number; runs: number[]; published: string[] } {
  const runs: number[] = [];
  let published: string[] = [];
  for (let run = 0; run < graphRuns; run += 1) {
    const output = execFileSync(node, [join(root, 'scripts', 'lib', 'time-graph.ts'), root, contentDir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const timing = JSON.parse(output) as { ms: number; chains: number; published: string[] };
    runs.push(timing.ms);
    published = timing.published;
    log(
      `incident graph, run ${run + 1} of ${graphRuns}: ${timing.ms.toFixed(1)} ms, ${timing.chains} recurrence chains`,
    );
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)] as number, runs, published };
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${nodeVersion}, load average at start ${load}`;
}

const machineLine = machine();
log(`generating ${count} postmortems (seed ${seed}) in ${contentDir}`);
await writeGeneratedSet({ count, seed, out: contentDir, root });
const graph = timeGraph();

removeCaches(join(cacheDir, 'baseline'), join(work, 'baseline'));
const baselineRoot = await writeBaseline({
  dir: join(work, 'baseline'),
  contentDir,
  nodeModules,
  cacheDir: join(cacheDir, 'baseline'),
});
const baselineRun = await measure(
  'bare Astro, cold',
  node,
  [join(nodeModules, 'astro', 'bin', 'astro.mjs'), 'build', '--silent'],
  baselineRoot,
);
const baseline = buildResult('bare Astro unified(), cold', baselineRun, join(baselineRoot, 'dist'));

removeCaches(dist, join(root, '.astro'), join(cacheDir, 'hindsight'));
const cold = buildResult(
  'Hindsight, cold',
  await measure('Hindsight, cold', 'npm', ['run', '--silent', 'build']),
  dist,
);
checkPostmortemPages(graph.published);
const warm = buildResult(
  'Hindsight, warm, no change',
  await measure('Hindsight, warm', 'npm', ['run', '--silent', 'build']),
  dist,
);
const edited = editOnePostmortem();
log(`edited ${edited}`);
const warmEdited = buildResult(
  'Hindsight, warm, one edited',
  await measure('Hindsight, warm after one edit', 'npm', ['run', '--silent', 'build']),
  dist,
);
checkPostmortemPages(graph.published);

const commands: CommandResult[] = [];
for (const name of timedScripts) commands.push(await timeScript(name));
commands.push(await timeSearchIndex());

const results: BenchResults = {
  count,
  seed,
  machine: machineLine,
  cold,
  warm,
  warmEdited,
  baseline,
  commands,
  graphMs: graph.ms,
  graphRunsMs: graph.runs,
  templates: weighTemplates(),
};
writeFileSync(join(work, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(formatReport(results));
emptyTrash();
// Budgets missed are reported, not failed: timings vary with the machine. A step that breaks on
// the generated set is a bug, and fails the run (and so npm test's smoke run).
const broken = commands.filter((entry) => entry.exitCode !== undefined && entry.exitCode !== 0);
if (broken.length > 0) {
  console.error(`bench: ${broken.map((entry) => entry.name).join(', ')} failed on the generated set`);
  process.exitCode = 1;
}
