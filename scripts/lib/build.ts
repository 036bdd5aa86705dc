/** Building the site into a throwaway folder, for the checks that need a build of their own. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `work` with a fresh temporary folder, and removes the folder afterwards, whatever happens. */
export async function withTemporaryFolder<T>(prefix: string, work: (folder: string) => T | Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The site built into `outDir` as `npm run build` builds it, `astro build` and then the search index
 * (scripts/search-index.ts), with extra environment variables; its output goes to this process's.
 */
export function buildSite(outDir: string, env: Record<string, string> = {}): void {
  const options = { stdio: 'inherit', env: { ...process.env, ...env } } as const;
  execFileSync('astro', ['build', '--silent', '--outDir', outDir], options);
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'search-index.ts'), '--outDir', outDir], options);
}
