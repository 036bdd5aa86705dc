/** The files that connect Hindsight to editors and to the users' own CI keep working with its output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contentIssue, formatIssue } from '../../src/lib/errors.ts';

describe('the VS Code task', () => {
  const tasks = JSON.parse(readFileSync('.vscode/tasks.json', 'utf8')) as {
    tasks: { script: string; problemMatcher: { pattern: { regexp: string } } }[];
  };
  const [task] = tasks.tasks;
  const matcher = new RegExp(task?.problemMatcher.pattern.regexp ?? '(?!)');

  it('runs the validator and reads file, line, column and message from each of its lines', () => {
    expect(task?.script).toBe('validate');
    const line = formatIssue(
      contentIssue('field', {
        file: 'content/postmortems/004-disk-full.md',
        line: 12,
        column: 7,
        field: 'timeline[2].at',
        received: '"2023-02-30"',
        expected: 'a calendar date: YYYY-MM-DD',
      }),
    );
    expect(matcher.exec(line)?.slice(1, 5)).toEqual([
      'content/postmortems/004-disk-full.md',
      '12',
      '7',
      expect.stringMatching(/^timeline\[2\]\.at: received "2023-02-30"; expected a calendar date: YYYY-MM-DD\./),
    ]);
    const whole = formatIssue(contentIssue('no-frontmatter', { file: 'content/postmortems/x.mdx', expected: 'x' }));
    expect(matcher.exec(whole)?.slice(1, 4)).toEqual(['content/postmortems/x.mdx', undefined, undefined]);
    expect(matcher.test('Checked 6 postmortems: 6 problems in 3 files.')).toBe(false);
  });
});

describe('the GitHub Actions workflow', () => {
  const workflow = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('validates, tests and builds pull requests with the full git history, and keeps the site', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0);
    const runs = steps.map((step) => step.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run validate', 'npm test']));
    expect(runs.indexOf('npm run validate')).toBeLessThan(runs.indexOf('npm test'));
    const upload = steps.find(
      (step) => step.uses?.startsWith('actions/upload-artifact') && step.with?.['name'] === 'site',
    );
    expect(upload?.with?.['path']).toBe('dist/');
  });
});
