/**
 * Rendered bodies are kept in files beside Astro's content store, not in it
 * (src/loaders/rendered-bodies.ts). A second build with the caches of the first must show an edited
 * body, render again a body whose file has gone from the cache, drop files of postmortems that are
 * no more, and leave every other page as it was.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { builtFiles, projectWorkFolder, ROOT } from '../support/build-folders.ts';

const EDIT = 'A sentence added after the review, in a warm build.';

let work: string;
let cache: string;
let bodiesDir: string;
const dists = { first: '', second: '' };
const ids = { edited: '', healed: '' };

function build(outDir: string, env: Record<string, string>): void {
  execFileSync('astro', ['build', '--silent', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

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
  ids.healed = published[1] ?? '';
  cache = join(work, 'cache');
  bodiesDir = join(cache, 'hindsight', 'bodies-build');
  const env = { HINDSIGHT_CONTENT_DIR: relative(ROOT, content), HINDSIGHT_CACHE_DIR: cache };

  dists.first = join(work, 'first');
  build(dists.first, env);
  appendFileSync(join(content, `${ids.edited}.md`), `\n${EDIT}\n`);
  rmSync(join(bodiesDir, `${ids.healed}.html`));
  writeFileSync(join(bodiesDir, '999-removed-since.html'), '<p>stale</p>');
  dists.second = join(work, 'second');
  build(dists.second, env);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('rendered bodies kept beside the content store', () => {
  it('are not in the store, and each page shows its own', () => {
    const page = readFileSync(join(dists.first, 'postmortems', ids.healed, 'index.html'), 'utf8');
    const body = readFileSync(join(bodiesDir, `${ids.healed}.html`), 'utf8');
    expect(body).toContain('<h2 id="summary">Summary</h2>');
    expect(page).toContain(body);
    const store = readFileSync(join(cache, 'data-store.json'), 'utf8');
    expect(store).not.toContain('id=\\"summary\\"');
    expect(store).not.toContain('## Summary');
  });

  it('show an edit in a warm build, and change no other page', () => {
    expect(readFileSync(join(dists.second, 'postmortems', ids.edited, 'index.html'), 'utf8')).toContain(EDIT);
    const files = builtFiles(dists.second);
    expect(files).toEqual(builtFiles(dists.first));
    const changed = files.filter(
      (file) => readFileSync(join(dists.first, file), 'utf8') !== readFileSync(join(dists.second, file), 'utf8'),
    );
    expect(changed).toEqual([`postmortems/${ids.edited}/index.html`]);
  });

  it('render a body again when its file has gone, and drop the files of removed postmortems', () => {
    expect(existsSync(join(bodiesDir, `${ids.healed}.html`))).toBe(true);
    expect(existsSync(join(bodiesDir, '999-removed-since.html'))).toBe(false);
    expect(readdirSync(bodiesDir)).toHaveLength(12);
  });
});
