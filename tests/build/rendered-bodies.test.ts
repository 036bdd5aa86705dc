/**
 * Rendered bodies are kept in packs beside Astro's content store, not in it
 * (src/loaders/rendered-bodies.ts). A second build with the caches of the first must show an edited
 * body, render again the bodies whose pack has gone from the cache, drop what no entry points to,
 * and leave every other page as it was; a third, after one more edit, adds a pack with that body
 * alone.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { builtFiles, projectWorkFolder, ROOT } from '../support/build-folders.ts';

const EDIT = 'A sentence added after the review, in a warm build.';
const LATER = 'Another sentence, added the day after.';

let work: string;
let cache: string;
let bodiesDir: string;
const dists = { first: '', second: '', third: '' };
const ids = { edited: '', later: '' };
const packs = { first: [] as string[], second: [] as string[], third: [] as string[] };

function build(outDir: string, env: Record<string, string>): void {
  execFileSync('astro', ['build', '--silent', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

const packsIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.bodies'))
    .sort();

beforeAll(() => {
  work = projectWorkFolder('rendered-bodies-');
  const content = join(work, 'content');
  mkdirSync(content);
  const generated = generatePostmortems({ count: 12, seed: 7 });
  for (const { name, source } of generated) writeFileSync(join(content, name), source);
  const published = generated
    .filter(({ source }) => !source.includes('status: draft'))
    .map(({ name }) => name.replace(/\.md$/, ''));
  ids.edited = published[0] ?? '';
  ids.later = published[1] ?? '';
  cache = join(work, 'cache');
  bodiesDir = join(cache, 'hindsight', 'bodies-build');
  const env = { HINDSIGHT_CONTENT_DIR: relative(ROOT, content), HINDSIGHT_CACHE_DIR: cache };

  dists.first = join(work, 'first');
  build(dists.first, env);
  packs.first = packsIn(bodiesDir);
  appendFileSync(join(content, `${ids.edited}.md`), `\n${EDIT}\n`);
  for (const pack of packs.first) rmSync(join(bodiesDir, pack));
  writeFileSync(join(bodiesDir, '999-removed-since.html'), '<p>stale</p>');
  dists.second = join(work, 'second');
  build(dists.second, env);
  packs.second = packsIn(bodiesDir);
  appendFileSync(join(content, `${ids.later}.md`), `\n${LATER}\n`);
  dists.third = join(work, 'third');
  build(dists.third, env);
  packs.third = packsIn(bodiesDir);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The pages of `to` that differ from those of `from`; both must have the same files. */
function changedPages(from: string, to: string): string[] {
  const files = builtFiles(to);
  expect(files).toEqual(builtFiles(from));
  return files.filter((file) => readFileSync(join(from, file), 'utf8') !== readFileSync(join(to, file), 'utf8'));
}

describe('rendered bodies kept beside the content store', () => {
  it('are not in the store, go into one pack in a cold build, and each page shows its own', () => {
    expect(packs.first).toHaveLength(1);
    const pack = readFileSync(join(bodiesDir, packs.second[0] ?? ''), 'utf8');
    const page = readFileSync(join(dists.first, 'postmortems', ids.later, 'index.html'), 'utf8');
    const body = page.slice(
      page.indexOf('<h2 id="summary">'),
      page.indexOf('</h2>', page.indexOf('<h2 id="summary">')) + 5,
    );
    expect(body).toContain('Summary');
    expect(pack).toContain(body);
    const store = readFileSync(join(cache, 'data-store.json'), 'utf8');
    expect(store).not.toContain('id=\\"summary\\"');
    expect(store).not.toContain('## Summary');
  });

  it('show an edit in a warm build, and change no other page, though every body was rendered again', () => {
    expect(readFileSync(join(dists.second, 'postmortems', ids.edited, 'index.html'), 'utf8')).toContain(EDIT);
    expect(changedPages(dists.first, dists.second)).toEqual([`postmortems/${ids.edited}/index.html`]);
  });

  it('render again the bodies whose pack has gone, and drop what no entry points to', () => {
    expect(packs.second).toHaveLength(1);
    expect(packs.second).not.toEqual(packs.first);
    expect(existsSync(join(bodiesDir, '999-removed-since.html'))).toBe(false);
  });

  it('put the body of a later edit in a pack of its own, and keep the pack the other bodies are in', () => {
    expect(readFileSync(join(dists.third, 'postmortems', ids.later, 'index.html'), 'utf8')).toContain(LATER);
    expect(changedPages(dists.second, dists.third)).toEqual([`postmortems/${ids.later}/index.html`]);
    expect(packs.third).toHaveLength(2);
    expect(packs.third).toContain(packs.second[0]);
    const added = packs.third.find((pack) => pack !== packs.second[0]) ?? '';
    const text = readFileSync(join(bodiesDir, added), 'utf8');
    expect(text).toContain(LATER);
    expect(statSync(join(bodiesDir, added)).size).toBeLessThan(
      statSync(join(bodiesDir, packs.second[0] ?? '')).size / 5,
    );
  });
});
