import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../scripts/lib/search-index.ts';

const ROOT = join(import.meta.dirname, '../..');
const folders: string[] = [];

/**
 * A built site of postmortem pages, with `body` as each page's `<body>` (texts invented), whose
 * `postmortems.json` lists `listed` (by default every page).
 */
function site(pages: Record<string, string>, listed = Object.keys(pages)): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-search-'));
  folders.push(dir);
  for (const [id, body] of Object.entries(pages)) {
    mkdirSync(join(dir, 'postmortems', id), { recursive: true });
    writeFileSync(
      join(dir, 'postmortems', id, 'index.html'),
      `<!doctype html><html lang="en"><body>${body}</body></html>`,
    );
  }
  writeFileSync(join(dir, 'postmortems.json'), JSON.stringify({ postmortems: listed.map((id) => ({ id })) }));
  mkdirSync(join(dir, 'timeline'));
  writeFileSync(
    join(dir, 'timeline', 'index.html'),
    '<html lang="en"><body><main data-pagefind-body>Timeline</main></body></html>',
  );
  return dir;
}

const article = (text: string) =>
  `<article data-pagefind-body><h1 data-pagefind-meta="title">${text}</h1><p>${text}</p></article>`;

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the search index', () => {
  it('indexes every postmortem page and nothing else', async () => {
    const dir = site({ '001-queue': article('Queue backlog'), '002-cache': article('Cache stampede') });
    expect(await buildSearchIndex(dir)).toBe(2);
    expect(existsSync(join(dir, 'pagefind', 'pagefind-entry.json'))).toBe(true);
  });

  it('fails when Pagefind leaves out a postmortem page', async () => {
    const dir = site({ '001-queue': article('Queue backlog'), '002-cache': '<p>No article marked for the index.</p>' });
    await expect(buildSearchIndex(dir)).rejects.toThrow(/Pagefind indexed 1 pages for the 2 postmortems .*lists/);
  });

  it('leaves out a draft, which the site does not list and whose page has nothing marked for the index', async () => {
    const draft = '<article><h1>Queue stalled on billing</h1><p>Draft text.</p></article>';
    const dir = site({ '001-queue': article('Queue backlog'), '002-draft': draft }, ['001-queue']);
    expect(await buildSearchIndex(dir)).toBe(1);
  });

  it('writes an empty index when the site lists no postmortem: an empty site, or drafts only', async () => {
    for (const pages of [{}, { '001-draft': '<article><h1>Queue stalled on billing</h1></article>' }]) {
      const dir = site(pages, []);
      expect(await buildSearchIndex(dir)).toBe(0);
      expect(existsSync(join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
      expect(existsSync(join(dir, 'pagefind', 'fragment'))).toBe(false);
    }
  });

  it('fails without the postmortems.json it is checked against', async () => {
    const dir = site({ '001-queue': article('Queue backlog') });
    rmSync(join(dir, 'postmortems.json'));
    await expect(buildSearchIndex(dir)).rejects.toThrow(/postmortems\.json is missing/);
  });

  it('says so, and exits 1, when there is no built site', () => {
    const missing = join(tmpdir(), 'hindsight-search-missing', 'dist');
    const run = () =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/search-index.ts'), '--outDir', missing], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).toThrow(/there is no built site in .*hindsight-search-missing\/dist; run astro build first/);
  });
});
