/**
 * A warm build starts indexing the edited postmortem's part of the search index while Astro still
 * writes the other pages (src/search-ahead.ts), and the index step after the build takes it from
 * there: this builds a set, edits one body, builds again over the same output folder as
 * `npm run build` does, and holds the index to the one a cold build of the same content writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { projectWorkFolder, ROOT } from '../support/build-folders.ts';

let work: string;
let content: string;

/** `npm run build` into `outDir` with the caches in `cacheDir`: Astro's log and the index step's. */
function build(cacheDir: string, outDir: string): string {
  const options = {
    encoding: 'utf8',
    env: { ...process.env, HINDSIGHT_CONTENT_DIR: relative(ROOT, content), HINDSIGHT_CACHE_DIR: cacheDir },
  } as const;
  const astro = execFileSync('astro', ['build', '--outDir', outDir], options);
  const index = execFileSync(process.execPath, [join(ROOT, 'scripts/search-index.ts'), '--outDir', outDir], options);
  return stripVTControlCharacters(`${astro}${index}`);
}

/** Every file of the search index in `outDir`, with its bytes. */
function indexFiles(outDir: string): Map<string, string> {
  const dir = join(outDir, 'pagefind');
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [relative(dir, file), readFileSync(file).toString('base64')];
      }),
  );
}

beforeAll(() => {
  work = projectWorkFolder('search-ahead-');
  content = join(work, 'content');
  mkdirSync(content);
  for (const { name, source } of generatePostmortems({ count: 12, seed: 5 }))
    writeFileSync(join(content, name), source);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('indexing ahead in a warm build', () => {
  it('indexes the edited part while Astro writes, and the index is the one a cold build writes', () => {
    const cache = join(work, 'cache');
    const site = join(work, 'site');
    const coldLog = build(cache, site);
    expect(coldLog).not.toMatch(/search index ahead/);
    const [file] = readdirSync(content).sort();
    const path = join(content, file ?? '');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nA sentence added after the review.\n`);
    const warmLog = build(cache, site);
    expect(warmLog).toMatch(/indexing part 1 of the search index ahead/);
    expect(warmLog).not.toMatch(/indexing it now/);
    expect(readdirSync(join(cache, 'hindsight', 'search')).filter((name) => name.startsWith('.'))).toEqual([]);

    const cold = join(work, 'cold');
    build(join(work, 'cold-cache'), cold);
    const [warmIndex, coldIndex] = [indexFiles(site), indexFiles(cold)];
    expect([...warmIndex.keys()].sort()).toEqual([...coldIndex.keys()].sort());
    expect([...warmIndex].filter(([name, bytes]) => coldIndex.get(name) !== bytes).map(([name]) => name)).toEqual([]);
  });
});
