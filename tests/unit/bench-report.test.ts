import { describe, expect, it } from 'vitest';
import { checkBudgets, formatReport, formatTable, type BenchResults } from '../../scripts/lib/bench-report.ts';

const build = (name: string, wallMs: number, peakRssKb = 900 * 1024, pages = 1_020) => ({
  name,
  wallMs,
  peakRssKb,
  pages,
});

function results(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    count: 1_000,
    seed: 1,
    machine: '2 × Test CPU, 8 GB, Node v24.0.0, load average at start 0.10, 0.20, 0.30',
    baseline: build('bare Astro unified(), cold', 20_000, 700 * 1024, 1_000),
    cold: build('Hindsight, cold', 24_000),
    warm: build('Hindsight, warm, no change', 5_000),
    warmEdited: build('Hindsight, warm, one edited', 6_000),
    commands: [{ name: 'npm run validate', wallMs: 1_500, exitCode: 0 }, { name: 'npm run check:links' }],
    graphMs: 40,
    graphRunsMs: [52, 38, 40],
    templates: [
      {
        template: '/postmortems/*/',
        pages: 1_000,
        sample: 'postmortems/0500-x/index.html',
        html: 9_000,
        chrome: 2_000,
        css: 6_000,
        js: 0,
      },
    ],
    ...overrides,
  };
}

const status = (checks: ReturnType<typeof checkBudgets>, measure: string) =>
  checks.find((check) => check.measure.startsWith(measure))?.status;

describe('checkBudgets', () => {
  it('checks the count-specific budgets only at their count', () => {
    const checks = checkBudgets(results());
    expect(status(checks, 'cold build vs bare Astro')).toBe('pass');
    expect(status(checks, 'npm run validate')).toBe('pass');
    expect(status(checks, 'cold build, 10,000')).toBe('n/a');
    expect(status(checks, 'incident graph')).toBe('n/a');
    expect(status(checks, 'npm run check:links')).toBe('n/a');
    expect(checks.find((check) => check.measure.startsWith('npm run check:links'))?.value).toBe('not measured');
  });

  it('fails a slow cold build, a heavy warm build and a page with JavaScript', () => {
    const checks = checkBudgets(
      results({
        count: 10_000,
        cold: build('Hindsight, cold', 160_000, 3 * 1024 * 1024),
        warmEdited: build('Hindsight, warm, one edited', 30_000),
        graphMs: 250,
        graphRunsMs: [190, 250, 330],
        templates: [
          { template: '/postmortems/*/', pages: 1, sample: 'p', html: 1, chrome: 11 * 1024, css: 13 * 1024, js: 10 },
        ],
      }),
    );
    expect(checks.filter((check) => check.status === 'FAIL').map((check) => check.measure)).toEqual([
      'cold build, 10,000',
      'cold build peak memory, 10,000',
      'warm build, one edited, 10,000',
      'incident graph, 10,000',
      'postmortem page JavaScript',
      'postmortem page chrome HTML',
      'postmortem page CSS',
    ]);
  });

  it('fails a measured script that exits with an error, whatever its time', () => {
    const checks = checkBudgets(results({ commands: [{ name: 'npm run validate', wallMs: 100, exitCode: 1 }] }));
    expect(status(checks, 'npm run validate')).toBe('FAIL');
  });
});

describe('formatReport', () => {
  it('ends with the cold build ratio', () => {
    expect(formatReport(results()).split('\n').at(-1)).toBe('cold build ratio vs bare Astro: 1.20');
  });

  it('gives the median of the graph timings with their range', () => {
    const line = formatReport(results())
      .split('\n')
      .find((row) => row.startsWith('incident graph (first call'));
    expect(line).toMatch(/median of 3 processes\)\s+40\.0 ms \(38–52 ms\)/);
  });
});

describe('formatTable', () => {
  it('aligns text left and numbers right', () => {
    expect(
      formatTable(
        ['name', 'time'],
        [
          ['a', '1.00 s'],
          ['longer', '10.00 s'],
        ],
      ),
    ).toBe(['name       time', '------  -------', 'a        1.00 s', 'longer  10.00 s'].join('\n'));
  });
});
