import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postmortemTemplate, sectionHints } from '../../src/lib/template.ts';
import { checkPostmortem, validatePostmortems } from '../../src/lib/validate.ts';
import { bodySections } from '../../src/site.config.ts';

const run = promisify(execFile);
const script = resolve('scripts/new.ts');

const template = postmortemTemplate({
  title: 'Queue "orders" stalled: 40 min',
  date: '2026-11-27',
  author: 'Zoë Østergaard <zoe@larkspur.example>',
});

describe('the template', () => {
  it('is a valid draft as written, with every body section in the order a postmortem tells them', () => {
    const { postmortem, issues } = checkPostmortem({
      file: 'content/postmortems/004-queue-stalled.md',
      source: template,
    });
    expect(issues).toEqual([]);
    expect(postmortem?.data).toMatchObject({
      title: 'Queue "orders" stalled: 40 min',
      date: '2026-11-27',
      status: 'draft',
      authors: [{ name: 'Zoë Østergaard', email: 'zoe@larkspur.example' }],
      timeline: [{ at: '2026-11-27', kind: 'outage', environment: 'production' }],
    });
    expect(postmortem?.outline.headings.map(({ text }) => text)).toEqual([
      'Summary',
      'Detection',
      'Response',
      'Cause',
      'Prevention',
    ]);
    expect(Object.keys(sectionHints).sort()).toEqual([...bodySections.required, ...bodySections.optional].sort());
  });

  it('may not be published with its hints: every TODO: is reported on its own line', () => {
    const published = template.replace('status: draft', 'status: published');
    const { issues } = checkPostmortem({ file: 'content/postmortems/004-queue-stalled.md', source: published });
    expect(issues.map(({ kind, field, line }) => [kind, field, line])).toEqual([
      ['unfinished-text', 'timeline[0].text', 16],
      ['unfinished-text', 'body', 22],
      ['unfinished-text', 'body', 26],
      ['unfinished-text', 'body', 30],
      ['unfinished-text', 'body', 34],
      ['unfinished-text', 'body', 38],
    ]);
    expect(published.split('\n')[21]).toMatch(/^TODO: In two or three sentences/);
  });

  it('stands in a placeholder author when git does not know one, which publishing then rejects', () => {
    const anonymous = postmortemTemplate({ title: 'X', date: '2026-11-27' }).replace(
      'status: draft',
      'status: in-review',
    );
    expect(checkPostmortem({ file: 'content/postmortems/004-x.md', source: anonymous }).issues).toEqual([]);
    const published = anonymous.replace('status: in-review', 'status: published');
    const fields = checkPostmortem({ file: 'content/postmortems/004-x.md', source: published }).issues.map(
      ({ field }) => field,
    );
    expect(fields).toContain('authors[0]');
  });

  it('lets TODO: appear in code, where it is the author quoting something', () => {
    const finished = [
      template.split('## Summary')[0]?.replace('status: draft', 'status: published').replace('TODO: ', ''),
      '## Summary\n\nThe order queue stalled.\n',
      '## Cause\n\nA comment said:\n\n```js\n// TODO: handle empty batches\n```\n',
      '## Prevention\n\nHandle empty batches.\n',
    ].join('\n');
    expect(checkPostmortem({ file: 'content/postmortems/004-x.md', source: finished }).issues).toEqual([]);
  });
});

describe('npm run new', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hindsight-new-'));
    await mkdir(join(root, 'content/postmortems'), { recursive: true });
    await writeFile(join(root, 'content/postmortems/007-earlier.md'), 'not read');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const scaffold = (...args: string[]) =>
    run(process.execPath, [script, ...args], {
      cwd: root,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', HOME: root },
    });

  it('writes the next-numbered draft and prints its path', async () => {
    const { stdout } = await scaffold('Disk full on staging', '--date', '2026-11-27');
    expect(stdout).toBe('content/postmortems/008-disk-full-on-staging.md\n');
    const written = await readFile(join(root, 'content/postmortems/008-disk-full-on-staging.md'), 'utf8');
    expect(written).toBe(postmortemTemplate({ title: 'Disk full on staging', date: '2026-11-27' }));
  });

  it('writes files that pass validation next to each other', async () => {
    await rm(join(root, 'content/postmortems/007-earlier.md'));
    await scaffold('First', '--date', '2026-11-26');
    await scaffold('Second', '--mdx', '--date', '2026-11-27');
    const names = (await readdir(join(root, 'content/postmortems'))).sort();
    expect(names).toEqual(['001-first.md', '002-second.mdx']);
    const files = await Promise.all(
      names.map(async (name) => ({
        file: `content/postmortems/${name}`,
        source: await readFile(join(root, 'content/postmortems', name), 'utf8'),
      })),
    );
    expect(validatePostmortems(files).issues).toEqual([]);
  });

  it('refuses a missing title, a title without letters and an impossible date', async () => {
    await expect(scaffold()).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('a title is needed') });
    await expect(scaffold('???')).rejects.toMatchObject({ stderr: expect.stringContaining('no letters or digits') });
    await expect(scaffold('X', '--date', '2026-02-30')).rejects.toMatchObject({
      stderr: expect.stringContaining('February 2026 has 28 days'),
    });
    expect(await readdir(join(root, 'content/postmortems'))).toEqual(['007-earlier.md']);
  });
});
