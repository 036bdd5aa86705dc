import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../scripts/lib/search-index.ts';

const ROOT = join(import.meta.dirname, '../..');
const folders: string[] = [];

/** A built site of postmortem pages, with `body` as each page's `<body>` (texts invented). */
function site(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-search-'));
  folders.push(dir);
  for (const [id, body] of Object.entries(pages)) {
    mkdirSync(join(dir, 'postmortems', id), { recursive: true });
    writeFileSync(
      join(dir, 'postmortems', id, 'index.html'),
      `<!doctype html><html lang="en"><body>${body}</body></html>`,
    );
  }
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
    await expect(buildSearchIndex(dir)).rejects.toThrow(/Pagefind indexed 1 pages for 2 postmortem pages/);
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
