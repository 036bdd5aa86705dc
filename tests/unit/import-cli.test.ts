/**
 * `npm run import` as a user runs it: the real script, on the legacy fixtures, into a temporary
 * folder that already holds postmortems. Asserts the files written, the report and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePostmortems } from '../../src/lib/validate.ts';

const script = fileURLToPath(new URL('../../scripts/import.ts', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const legacy = join(fixtures, 'legacy');

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'hindsight-import-'));
  cpSync(join(fixtures, 'postmortems'), join(work, 'content/postmortems'), { recursive: true });
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Runs the importer in the temporary project, as `npm run import -- ...args` would. */
function runImport(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: work,
    env: { ...process.env, INIT_CWD: work },
    encoding: 'utf8',
  });
  const clean = (text: string) => text.replaceAll(legacy, '<legacy>');
  return { status: result.status, stdout: clean(result.stdout), stderr: clean(result.stderr) };
}

function postmortems(): string[] {
  return readdirSync(join(work, 'content/postmortems')).sort();
}

describe('npm run import', () => {
  it('imports a folder of legacy files beside the existing postmortems and reports on each', async () => {
    const { status, stdout } = runImport(legacy);
    expect(status).toBe(0);
    expect(postmortems()).toEqual([
      '101-search-index-rebuild-stalled.md',
      '102-search-index-stalled-in-production.md',
      '103-lock-lease-follow-up.md',
      '301-checkout-latency-spike-in-production',
      '301-checkout-latency-spike-in-production.md',
      '302-checkout-latency-returns.md',
      '303-cache-warmer-stampede.md',
      '304-lock-lease-expired-early.md',
    ]);
    expect(
      readFileSync(join(work, 'content/postmortems/301-checkout-latency-spike-in-production/latency-graph.png')),
    ).toEqual(readFileSync(join(legacy, 'assets/latency-graph.png')));
    await expect(stdout).toMatchFileSnapshot('__snapshots__/import/report.txt');
  });

  it('writes what the report says: the files it calls valid pass the validator', () => {
    runImport(legacy);
    const dir = join(work, 'content/postmortems');
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ file: `content/postmortems/${name}`, source: readFileSync(join(dir, name), 'utf8') }));
    const invalid = new Set(validatePostmortems(files).issues.map((issue) => issue.file));
    expect([...invalid].sort()).toEqual([
      'content/postmortems/301-checkout-latency-spike-in-production.md',
      'content/postmortems/302-checkout-latency-returns.md',
      'content/postmortems/303-cache-warmer-stampede.md',
    ]);
  });

  it('never overwrites: a second run fails for every file and changes nothing', () => {
    runImport(legacy);
    const file = join(work, 'content/postmortems/301-checkout-latency-spike-in-production.md');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    const { status, stdout } = runImport(join(legacy, '301 - Checkout latency spike in production.md'));
    expect(status).toBe(1);
    expect(stdout).toContain(
      'content/postmortems/301-checkout-latency-spike-in-production.md already exists; the importer never overwrites a file',
    );
    expect(stdout).toContain('1 file: 0 imported (0 need a human, 0 not yet valid), 0 skipped, 1 failed.');
    expect({ text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }).toEqual(before);
  });

  it('exits 1 when a file cannot be imported, and still imports the others', () => {
    const { status, stdout } = runImport(
      join(legacy, 'broken/401 - Undated timeline.md'),
      join(legacy, '303 - Cache warmer stampede.md'),
    );
    expect(status).toBe(1);
    expect(stdout).toContain(
      '<legacy>/broken/401 - Undated timeline.md:18: the timeline item "Sometime in May: the nightly cleanup is found to be disab..." does not start with a date',
    );
    expect(existsSync(join(work, 'content/postmortems/401-undated-timeline.md'))).toBe(false);
    expect(existsSync(join(work, 'content/postmortems/303-cache-warmer-stampede.md'))).toBe(true);
  });

  it('writes nothing on a dry run, and reports the same', () => {
    const { status, stdout } = runImport('--dry-run', '--out', 'elsewhere', legacy);
    expect(status).toBe(0);
    expect(existsSync(join(work, 'elsewhere'))).toBe(false);
    expect(stdout.split('\n')[0]).toBe('Dry run: nothing is written. Importing 5 files into elsewhere/');
    expect(stdout).toContain('  → elsewhere/301-checkout-latency-spike-in-production.md (not written: dry run)');
    expect(stdout).toContain('5 files: 4 would be imported (3 need a human, 4 not yet valid), 1 skipped, 0 failed.');
  });

  it('writes the status asked for', () => {
    expect(
      runImport('--status', 'draft', '--out', 'drafts', join(legacy, '303 - Cache warmer stampede.md')).status,
    ).toBe(0);
    expect(readFileSync(join(work, 'drafts/303-cache-warmer-stampede.md'), 'utf8')).toContain('\nstatus: draft\n');
  });

  it('explains its usage when called wrongly', () => {
    const none = runImport();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('No files to import.\n\nUsage: npm run import -- [options] FILE_OR_FOLDER...');
    const status = runImport('--status', 'done', legacy);
    expect(status.status).toBe(1);
    expect(status.stderr).toContain('--status done: expected one of draft, in-review, published.');
    const missing = runImport('nowhere.md');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('nowhere.md: no such file or folder');
  });
});
