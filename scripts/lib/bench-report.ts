/**
 * The benchmark's results, its budgets (docs/PERFORMANCE.md) and the table it prints. Pure: the
 * measuring is in bench.ts.
 */
import type { PageWeight } from './page-weight.ts';

export interface BuildResult {
  readonly name: string;
  readonly wallMs: number;
  readonly peakRssKb: number;
  /** User plus system CPU time of the whole process tree, when GNU time could tell. */
  readonly cpuMs?: number | undefined;
  /** HTML pages in the output. */
  readonly pages: number;
}

export interface CommandResult {
  /** As the reader types it: `npm run validate`. */
  readonly name: string;
  /** Undefined when the project has no such script: then it is not measured. */
  readonly wallMs?: number;
  readonly cpuMs?: number | undefined;
  readonly exitCode?: number;
}

export interface TemplateWeight extends PageWeight {
  readonly template: string;
  readonly pages: number;
  /** The page measured: the largest of the template's pages. */
  readonly sample: string;
}

export interface BenchResults {
  readonly count: number;
  readonly seed: number;
  readonly machine: string;
  readonly cold: BuildResult;
  readonly warm: BuildResult;
  readonly warmEdited: BuildResult;
  readonly baseline: BuildResult;
  readonly commands: readonly CommandResult[];
  /** The median of `graphRunsMs`. */
  readonly graphMs: number;
  /** Each timing of the graph's first call, one per fresh process. */
  readonly graphRunsMs: readonly number[];
  readonly templates: readonly TemplateWeight[];
}

export interface BudgetCheck {
  readonly measure: string;
  readonly budget: string;
  readonly value: string;
  /** `pass`, `FAIL`, or `n/a` when the budget is set for another count or was not measured. */
  readonly status: 'pass' | 'FAIL' | 'n/a';
}

const KB = 1024;
const POSTMORTEM_TEMPLATE = '/postmortems/*/';

/** `131–205 ms`: the smallest and largest of some timings. */
function range(ms: readonly number[]): string {
  return `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} ms`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function megabytes(kb: number): string {
  return `${Math.round(kb / KB)} MB`;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} kB`;
}

export function coldRatio(results: Pick<BenchResults, 'cold' | 'baseline'>): number {
  return results.cold.wallMs / results.baseline.wallMs;
}

/** The same ratio in CPU time, steadier than wall time on a machine other work is loading. */
export function coldCpuRatio(results: Pick<BenchResults, 'cold' | 'baseline'>): number | undefined {
  const { cold, baseline } = results;
  return cold.cpuMs !== undefined && baseline.cpuMs ? cold.cpuMs / baseline.cpuMs : undefined;
}

function cpu(ms: number | undefined): string {
  return ms === undefined ? '-' : seconds(ms);
}

/** Every budget of docs/PERFORMANCE.md against these results. */
export function checkBudgets(results: BenchResults): BudgetCheck[] {
  const at = (count: number, pass: boolean): BudgetCheck['status'] =>
    results.count !== count ? 'n/a' : pass ? 'pass' : 'FAIL';
  const command = (name: string) => results.commands.find((entry) => entry.name === name);
  const timed = (name: string, count: number, limitMs: number, budget: string): BudgetCheck => {
    const entry = command(name);
    if (entry?.wallMs === undefined)
      return { measure: `${name}, ${count}`, budget, value: 'not measured', status: 'n/a' };
    return {
      measure: `${name}, ${count.toLocaleString('en')}`,
      budget,
      value: seconds(entry.wallMs),
      status: entry.exitCode === 0 ? at(count, entry.wallMs < limitMs) : 'FAIL',
    };
  };
  const page = results.templates.find((entry) => entry.template === POSTMORTEM_TEMPLATE);
  const ratio = coldRatio(results);
  const cpuRatio = coldCpuRatio(results);
  const warmShare = results.warmEdited.wallMs / results.cold.wallMs;
  return [
    {
      measure: 'cold build vs bare Astro, 1,000',
      budget: 'at most 1.30 x',
      value: `${ratio.toFixed(2)} x`,
      status: at(1_000, ratio <= 1.3),
    },
    {
      measure: 'the same in CPU time, 1,000',
      budget: 'at most 1.30 x',
      value: cpuRatio === undefined ? 'not measured' : `${cpuRatio.toFixed(2)} x`,
      status: cpuRatio === undefined ? 'n/a' : at(1_000, cpuRatio <= 1.3),
    },
    {
      measure: 'cold build, 10,000',
      budget: 'at most 150 s',
      value: seconds(results.cold.wallMs),
      status: at(10_000, results.cold.wallMs <= 150_000),
    },
    {
      measure: 'cold build peak memory, 10,000',
      budget: 'at most 2 GB',
      value: megabytes(results.cold.peakRssKb),
      status: at(10_000, results.cold.peakRssKb <= 2 * KB * KB),
    },
    {
      measure: 'warm build, one edited, 10,000',
      budget: 'at most 15 % of cold',
      value: `${(warmShare * 100).toFixed(1)} %`,
      status: at(10_000, warmShare <= 0.15),
    },
    timed('npm run validate', 1_000, 2_000, 'under 2 s'),
    timed('npm run check:links', 10_000, 10_000, 'under 10 s'),
    {
      measure: 'incident graph, 10,000',
      budget: 'under 200 ms',
      value: `${results.graphMs.toFixed(0)} ms`,
      status: at(10_000, results.graphMs < 200),
    },
    ...(page
      ? ([
          {
            measure: 'postmortem page JavaScript',
            budget: '0 B',
            value: `${page.js} B`,
            status: page.js === 0 ? 'pass' : 'FAIL',
          },
          {
            measure: 'postmortem page chrome HTML',
            budget: 'at most 10 kB gz',
            value: kilobytes(page.chrome),
            status: page.chrome <= 10 * KB ? 'pass' : 'FAIL',
          },
          {
            measure: 'postmortem page CSS',
            budget: 'at most 12 kB gz',
            value: kilobytes(page.css),
            status: page.css <= 12 * KB ? 'pass' : 'FAIL',
          },
        ] satisfies BudgetCheck[])
      : [{ measure: 'postmortem page', budget: '', value: 'no postmortem page built', status: 'FAIL' } as const]),
  ];
}

/** A plain-text table with a header rule; numbers are right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^[\d.,]+( [a-zA-Z%/]+)?$|^-$/.test(row[column] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The whole report; its last line is the cold build ratio. */
export function formatReport(results: BenchResults): string {
  const build = (entry: BuildResult) => [
    entry.name,
    seconds(entry.wallMs),
    cpu(entry.cpuMs),
    megabytes(entry.peakRssKb),
    String(entry.pages),
    (entry.pages / (entry.wallMs / 1000)).toFixed(1),
  ];
  const builds = formatTable(
    ['build', 'wall time', 'CPU time', 'peak memory', 'pages', 'pages/s'],
    [results.baseline, results.cold, results.warm, results.warmEdited].map(build),
  );
  const timings = formatTable(
    ['step', 'wall time', 'CPU time'],
    [
      ...results.commands.map((entry) => [
        entry.name,
        entry.wallMs === undefined
          ? 'not measured (no such script)'
          : `${seconds(entry.wallMs)}${entry.exitCode === 0 ? '' : ` (exit ${entry.exitCode})`}`,
        cpu(entry.cpuMs),
      ]),
      [
        `incident graph (first call, median of ${results.graphRunsMs.length} processes)`,
        `${results.graphMs.toFixed(1)} ms (${range(results.graphRunsMs)})`,
        '-',
      ],
    ],
  );
  const weights = formatTable(
    ['template', 'pages', 'HTML gz', 'chrome gz', 'CSS gz', 'JS gz', 'page measured'],
    results.templates.map((entry) => [
      entry.template,
      String(entry.pages),
      kilobytes(entry.html),
      kilobytes(entry.chrome),
      kilobytes(entry.css),
      kilobytes(entry.js),
      entry.sample,
    ]),
  );
  const budgets = formatTable(
    ['budget', 'limit', 'measured', 'status'],
    checkBudgets(results).map((check) => [check.measure, check.budget, check.value, check.status]),
  );
  return [
    `Hindsight benchmark: ${results.count.toLocaleString('en')} postmortems, seed ${results.seed}`,
    results.machine,
    '',
    builds,
    '',
    timings,
    '',
    weights,
    '',
    budgets,
    '',
    `cold build CPU-time ratio vs bare Astro: ${coldCpuRatio(results)?.toFixed(2) ?? 'not measured'}`,
    `cold build ratio vs bare Astro: ${coldRatio(results).toFixed(2)}`,
  ].join('\n');
}
