import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentIssue } from '../../src/lib/errors.ts';
import { sortIssues, validationReport } from '../../src/lib/validate-report.ts';

const run = promisify(execFile);
const script = resolve('scripts/validate.ts');

/** Runs `npm run validate` as a user would, in a project whose postmortems are `files` from the fixtures. */
async function validate(root: string, env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('npm run validate', () => {
  let valid: string;
  let invalid: string;

  beforeAll(async () => {
    valid = await mkdtemp(join(tmpdir(), 'hindsight-validate-'));
    await cp('tests/fixtures/postmortems', join(valid, 'content/postmortems'), { recursive: true });
    invalid = await mkdtemp(join(tmpdir(), 'hindsight-validate-'));
    await mkdir(join(invalid, 'content/postmortems'), { recursive: true });
    await cp('tests/fixtures/postmortems', join(invalid, 'content/postmortems'), { recursive: true });
    for (const name of ['201-unknown-level.md', '207-impossible-date.md', '213-missing-sections.md']) {
      await cp(join('tests/fixtures/invalid', name), join(invalid, 'content/postmortems', name));
    }
  });
  afterAll(async () => {
    await rm(valid, { recursive: true, force: true });
    await rm(invalid, { recursive: true, force: true });
  });

  it('exits 0 and says so when every postmortem is valid', async () => {
    expect(await validate(valid)).toEqual({ code: 0, stdout: 'Checked 3 postmortems: no problems.\n' });
  });

  it('reports every problem in every file in one run, as file:line:col, and exits 1', async () => {
    const { code, stdout } = await validate(invalid);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('content/')).map((line) => line.split(': ')[0])).toEqual([
      'content/postmortems/201-unknown-level.md:5:19',
      'content/postmortems/207-impossible-date.md:3:7',
      'content/postmortems/207-impossible-date.md:8:9',
      'content/postmortems/213-missing-sections.md:12',
      'content/postmortems/213-missing-sections.md:12',
      'content/postmortems/213-missing-sections.md:12',
    ]);
    expect(lines.at(-1)).toBe('Checked 6 postmortems: 6 problems in 3 files.');
    expect(stdout).not.toContain('::error');
  });

  it('adds GitHub annotations on GitHub Actions', async () => {
    const { code, stdout } = await validate(invalid, { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    expect(stdout).toContain(
      '::error file=content/postmortems/201-unknown-level.md,line=5,col=19,title=Hindsight%3A field::level[1]: received "catastrophe"',
    );
    expect(stdout.match(/^::error /gm)).toHaveLength(6);
  });
});

describe('validationReport', () => {
  const issue = (file: string, line?: number, column?: number) =>
    contentIssue('field', { file, line, column, field: 'title', expected: 'a title' });

  it('orders issues by file, then line and column', () => {
    const sorted = sortIssues([issue('b.md', 2), issue('a.md', 9, 3), issue('a.md', 9, 1), issue('a.md')]);
    expect(sorted.map(({ file, line, column }) => [file, line, column])).toEqual([
      ['a.md', undefined, undefined],
      ['a.md', 9, 1],
      ['a.md', 9, 3],
      ['b.md', 2, undefined],
    ]);
  });

  it('escapes newlines, percent signs, colons and commas in annotations', () => {
    const odd = contentIssue('field', { file: 'a,b:c.md', line: 1, expected: '100%\nsure' });
    const { lines } = validationReport([odd], { fileCount: 1, annotations: true });
    expect(lines).toContain(
      '::error file=a%2Cb%3Ac.md,line=1,title=Hindsight%3A field::expected 100%25%0Asure. See docs/writing-postmortems.md for every field and its allowed values.',
    );
  });

  it('counts in words a reader can scan', () => {
    expect(validationReport([], { fileCount: 1 }).lines).toEqual(['Checked 1 postmortem: no problems.']);
    expect(validationReport([issue('a.md', 1)], { fileCount: 4 }).lines.at(-1)).toBe(
      'Checked 4 postmortems: 1 problem in 1 file.',
    );
  });
});
