/**
 * Runs git to learn when each postmortem file was last changed. Where git can't tell, nothing is
 * returned for the file, so the page says nothing rather than a wrong date: outside a repository,
 * for files never committed, and in a shallow clone (whose oldest commit would claim every file).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gitLogArguments, lastChanged } from './git-history.ts';

const run = promisify(execFile);

export interface GitHistory {
  /** Committer date `YYYY-MM-DD` of the newest commit per file, keyed by path relative to `root`. */
  readonly lastChanged: ReadonlyMap<string, string>;
  /** Why there are no dates at all, when there are none. */
  readonly unavailable?: string;
}

export async function readGitHistory(root: string, dir: string): Promise<GitHistory> {
  try {
    const { stdout: shallow } = await run('git', ['rev-parse', '--is-shallow-repository'], { cwd: root });
    if (shallow.trim() === 'true') {
      return { lastChanged: new Map(), unavailable: 'the repository is a shallow clone (fetch its full history)' };
    }
    const { stdout: prefix } = await run('git', ['rev-parse', '--show-prefix'], { cwd: root });
    const { stdout } = await run('git', gitLogArguments(dir), { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    const fromRoot = lastChanged(stdout);
    const base = prefix.trim();
    const dates = new Map<string, string>();
    for (const [file, date] of fromRoot) {
      if (file.startsWith(base)) dates.set(file.slice(base.length), date);
    }
    return { lastChanged: dates };
  } catch (error) {
    const reason =
      (error as { code?: string }).code === 'ENOENT' ? 'git is not installed' : 'this is not a git repository';
    return { lastChanged: new Map(), unavailable: reason };
  }
}
