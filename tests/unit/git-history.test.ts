import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHistory } from '../../src/lib/git-history-fs.ts';
import { lastChanged } from '../../src/lib/git-history.ts';

describe('lastChanged', () => {
  it('keeps the newest date of each file from newest-first git log output', () => {
    const log = [
      '',
      '2024-03-09\n\ncontent/postmortems/002-b.md\n',
      '2024-03-01\n\ncontent/postmortems/001-a.md\ncontent/postmortems/002-b.md\n',
      '2024-02-01\n\ncontent/postmortems/001-a.md\n',
    ].join('\0');
    expect([...lastChanged(log)]).toEqual([
      ['content/postmortems/002-b.md', '2024-03-09'],
      ['content/postmortems/001-a.md', '2024-03-01'],
    ]);
    expect(lastChanged('')).toEqual(new Map());
  });
});

describe('readGitHistory', () => {
  let repo: string;
  const git = (cwd: string, args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'Ada',
        GIT_AUTHOR_EMAIL: 'ada@larkspur.example',
        GIT_COMMITTER_NAME: 'Ada',
        GIT_COMMITTER_EMAIL: 'ada@larkspur.example',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'hindsight-git-'));
    // The site lives in a subfolder of the repository, as in a monorepo.
    const site = join(repo, 'site');
    await mkdir(join(site, 'content/postmortems'), { recursive: true });
    git(repo, ['init', '-q', '-b', 'main']);
    await writeFile(join(site, 'content/postmortems/001-a.md'), 'one');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'first'], '2024-02-01T23:30:00+02:00');
    await writeFile(join(site, 'content/postmortems/001-a.md'), 'one, edited');
    await writeFile(join(site, 'content/postmortems/002-b.md'), 'two');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'second'], '2024-03-09T08:00:00-05:00');
    await writeFile(join(site, 'content/postmortems/003-not-committed.md'), 'three');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it('dates each committed file by its newest commit, in the committer’s calendar, relative to the site', async () => {
    const history = await readGitHistory(join(repo, 'site'), 'content/postmortems');
    expect(history.unavailable).toBeUndefined();
    expect(Object.fromEntries(history.lastChanged)).toEqual({
      'content/postmortems/001-a.md': '2024-03-09',
      'content/postmortems/002-b.md': '2024-03-09',
    });
  });

  it('gives no dates, and says why, in a shallow clone and outside a repository', async () => {
    const clone = join(repo, '..', `${repo.split('/').at(-1)}-shallow`);
    git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    try {
      const shallow = await readGitHistory(join(clone, 'site'), 'content/postmortems');
      expect(shallow).toEqual({ lastChanged: new Map(), unavailable: expect.stringContaining('shallow clone') });
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    const outside = await mkdtemp(join(tmpdir(), 'hindsight-nogit-'));
    try {
      expect(await readGitHistory(outside, 'content/postmortems')).toEqual({
        lastChanged: new Map(),
        unavailable: 'this is not a git repository',
      });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
