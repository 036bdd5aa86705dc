/** `npm run check:links` as CI runs it: its settings, its output and its exit code. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../fixtures/run-script.ts';

const fixtures = 'tests/fixtures/check-links';

const run = (args: string[], env: Record<string, string> = {}) => runScript('scripts/check-links.ts', args, env);

// Each run starts Node and, without --base and --trailing-slash, imports astro.config.mjs: allow for a busy machine.
describe('scripts/check-links.ts', { timeout: 30_000 }, () => {
  it('exits 0 on a clean build, and lists external links with --verbose', () => {
    const result = run(['--dir', `${fixtures}/clean`, '--verbose']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('https://example.com/runbook (on tests/fixtures/check-links/clean/index.html)');
    expect(result.stdout).toContain('no broken links. Checked 2 internal links on 2 pages');
  });

  it('exits 1 and names each broken link with its page and why', () => {
    const result = run(['--dir', `${fixtures}/base-path`, '--base', '/kb/', '--trailing-slash', 'always']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'tests/fixtures/check-links/base-path/index.html: /incidents/a/ — it is outside the base path /kb/ (a href)',
    );
    expect(result.stderr).toContain('4 broken links on 2 pages');
  });

  it('takes the base path and trailing-slash setting from astro.config.mjs, and so from HINDSIGHT_BASE', () => {
    const configured = run(['--dir', `${fixtures}/base-path`], { HINDSIGHT_BASE: '/kb/' });
    const explicit = run(['--dir', `${fixtures}/base-path`, '--base', '/kb/', '--trailing-slash', 'always']);
    expect(configured).toEqual(explicit);
    expect(run(['--dir', `${fixtures}/base-path`], { HINDSIGHT_BASE: '' }).stderr).toContain(
      'index.html: /kb/ — there is no kb/index.html in the build',
    );
  });

  it('rejects unknown options and settings with exit code 2', () => {
    expect(run(['--trailing-slash', 'sometimes'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--trailing-slash: received "sometimes"; expected one of always, never, ignore.'),
    });
    expect(run(['--nope'])).toMatchObject({ status: 2, stderr: expect.stringContaining('Usage: npm run check:links') });
  });

  it('fails with what to do when there is no build', () => {
    const result = run(['--dir', `${fixtures}/no-such-build`, '--base', '/', '--trailing-slash', 'always']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-such-build is not a folder: build the site first (npm run build)');
  });
});
