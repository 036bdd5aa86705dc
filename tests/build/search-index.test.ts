import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSearchIndex, startIndexingAhead, stopIndexingAhead } from '../../scripts/lib/search-index.ts';
import { assignSearchShards, searchShardFolder } from '../../src/lib/search-shards.ts';

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

/** Writes `text` as the page of the postmortem `id`. */
function edit(dir: string, id: string, text: string): void {
  writeFileSync(join(dir, 'postmortems', id, 'index.html'), `<html lang="en"><body>${article(text)}</body></html>`);
}

/** The parts kept in the cache folder: every name but its JSON files. */
const parts = (cacheDir: string) => readdirSync(cacheDir).filter((name) => !name.endsWith('.json'));

/** The command line of the process `pid`: empty once it has exited, even before it is reaped. */
function commandLineOf(pid: number | undefined): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** The parts being indexed ahead, once each Pagefind has exited. */
async function aheadFinished(cacheDir: string): Promise<{ pid: number; folder: string }[]> {
  const records = JSON.parse(readFileSync(join(cacheDir, 'ahead.json'), 'utf8')) as { pid: number; folder: string }[];
  for (const { pid } of records)
    while (commandLineOf(pid) !== '') await new Promise((resolve) => setTimeout(resolve, 10));
  return records;
}

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

  it('indexes a site of more postmortems than a part holds in parts, each with its own pages', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `00${i + 1}-incident-${i + 1}`);
    const pages = Object.fromEntries(ids.map((id) => [id, article(`Incident ${id}`)]));
    const dir = site({ ...pages, '008-draft': '<article><h1>Draft</h1></article>' }, ids);
    // A folder from an earlier index with more parts goes.
    mkdirSync(join(dir, 'pagefind', 'shard-9'), { recursive: true });
    expect(await buildSearchIndex(dir, { shardSize: 3 })).toBe(7);
    const shards = assignSearchShards(ids, 3);
    for (const [shard, shardIds] of shards.entries()) {
      const entry = JSON.parse(
        readFileSync(join(dir, 'pagefind', searchShardFolder(shard), 'pagefind-entry.json'), 'utf8'),
      ) as { languages: Record<string, { page_count: number }> };
      const count = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
      expect(count).toBe(shardIds.length);
    }
    expect(existsSync(join(dir, 'pagefind', 'shard-3'))).toBe(false);
    expect(existsSync(join(dir, 'pagefind', 'shard-9'))).toBe(false);
  });

  it('writes an empty part where no postmortem falls, and checks each part on its own', async () => {
    // Two parts for two postmortems, and both fall in the first: the second is empty, but written,
    // as the search page loads every part.
    const dir = site({ '001-queue': article('Queue backlog'), '003-disk': article('Disk full') });
    expect(assignSearchShards(['001-queue', '003-disk'], 2)).toEqual([['001-queue', '003-disk'], []]);
    expect(await buildSearchIndex(dir, { shardSize: 1 })).toBe(2);
    expect(existsSync(join(dir, 'pagefind', 'shard-1', 'pagefind-entry.json'))).toBe(true);
    const broken = site({
      '001-queue': article('Queue backlog'),
      '002-cache': article('Cache stampede'),
      '005-cert': '<p>Nothing marked.</p>',
    });
    expect(assignSearchShards(['001-queue', '002-cache', '005-cert'], 2)).toEqual([
      ['001-queue'],
      ['002-cache', '005-cert'],
    ]);
    await expect(buildSearchIndex(broken, { shardSize: 2 })).rejects.toThrow(
      /Pagefind indexed 1 pages for the 2 postmortems of part 2 of 2 of those .*postmortems\.json lists/,
    );
  });

  it('takes a part from the cache while its pages are unchanged, and indexes again only a changed one', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `00${i + 1}-incident-${i + 1}`);
    const dir = site(Object.fromEntries(ids.map((id) => [id, article(`Incident ${id}`)])), ids);
    const cacheDir = join(dir, 'cache');
    const options = { shardSize: 3, cacheDir };
    expect(await buildSearchIndex(dir, options)).toBe(6);
    const parts = () => readdirSync(cacheDir).filter((name) => !name.endsWith('.json'));
    const kept = parts();
    expect(kept).toHaveLength(2);
    // A mark in each kept part shows which parts the next index was copied from.
    for (const key of kept) writeFileSync(join(cacheDir, key, 'kept.txt'), key);
    expect(await buildSearchIndex(dir, options)).toBe(6);
    const marks = () => [0, 1].map((shard) => existsSync(join(dir, 'pagefind', searchShardFolder(shard), 'kept.txt')));
    expect(marks()).toEqual([true, true]);

    const [first, second] = assignSearchShards(ids, 2);
    const edited = second?.[0] ?? '';
    writeFileSync(
      join(dir, 'postmortems', edited, 'index.html'),
      `<html lang="en"><body>${article('Edited')}</body></html>`,
    );
    expect(await buildSearchIndex(dir, options)).toBe(6);
    expect(marks()).toEqual([true, false]);
    expect(first).not.toContain(edited);
    // The part as it was is gone from the cache; the part as it is now is kept.
    expect(parts()).toHaveLength(2);
    expect(parts().filter((key) => kept.includes(key))).toHaveLength(1);

    // A page is hashed again when its file was written, though its size and modification time are
    // as they were: the index does not read unchanged pages, it goes by each file's stamp.
    const page = join(dir, 'postmortems', edited, 'index.html');
    const written = new Date('2026-01-01T00:00:00Z');
    utimesSync(page, written, written);
    expect(await buildSearchIndex(dir, options)).toBe(6);
    for (const key of parts()) writeFileSync(join(cacheDir, key, 'kept.txt'), key);
    writeFileSync(page, `<html lang="en"><body>${article('Edit 2')}</body></html>`);
    utimesSync(page, written, written);
    expect(await buildSearchIndex(dir, options)).toBe(6);
    expect(marks()).toEqual([true, false]);
  });

  it('indexes ahead, in a Pagefind of its own, the part of an edited page, which the index then takes', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `00${i + 1}-incident-${i + 1}`);
    const dir = site(Object.fromEntries(ids.map((id) => [id, article(`Incident ${id}`)])), ids);
    const cacheDir = join(dir, 'cache');
    const options = { shardSize: 3, cacheDir };
    // Nothing to go by before the first index: no list of postmortems in the cache yet.
    expect(await startIndexingAhead(dir, [ids[0] ?? ''], options)).toEqual([]);
    expect(await buildSearchIndex(dir, options)).toBe(6);
    const [, second] = assignSearchShards(ids, 2);
    const edited = second?.[0] ?? '';
    edit(dir, edited, 'Edited ahead');
    // A page that is no postmortem the index lists changes no part; edits in more parts than it
    // may index ahead start none.
    expect(await startIndexingAhead(dir, ['009-not-listed'], options)).toEqual([]);
    expect(await startIndexingAhead(dir, ids, { ...options, maxParts: 1 })).toEqual([]);
    expect(await startIndexingAhead(dir, [edited], options)).toEqual([1]);
    const [part] = await aheadFinished(cacheDir);
    writeFileSync(join(part?.folder ?? '', 'ahead.txt'), 'indexed ahead');
    expect(await buildSearchIndex(dir, options)).toBe(6);
    expect(readFileSync(join(dir, 'pagefind', searchShardFolder(1), 'ahead.txt'), 'utf8')).toBe('indexed ahead');
    expect(readdirSync(cacheDir).sort()).toEqual([...parts(cacheDir), 'listed.json', 'pages.json'].sort());
    expect(parts(cacheDir)).toHaveLength(2);

    // The index does not wait for nothing: started and taken at once, the part is whole.
    edit(dir, edited, 'Edited again');
    expect(await startIndexingAhead(dir, [edited], options)).toEqual([1]);
    expect(await buildSearchIndex(dir, options)).toBe(6);
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('.') || name === 'ahead.json')).toEqual([]);
    expect(parts(cacheDir)).toHaveLength(2);
  });

  it('indexes a part itself when its pages changed since Pagefind read them, or the part indexed ahead is not whole', async () => {
    const ids = ['001-queue', '002-cache', '003-cert'];
    const dir = site(Object.fromEntries(ids.map((id) => [id, article(`Incident ${id}`)])), ids);
    const cacheDir = join(dir, 'cache');
    expect(await buildSearchIndex(dir, { cacheDir })).toBe(3);
    edit(dir, '002-cache', 'Edited once');
    expect(await startIndexingAhead(dir, ['002-cache'], { cacheDir })).toEqual([0]);
    const [changed] = await aheadFinished(cacheDir);
    writeFileSync(join(changed?.folder ?? '', 'ahead.txt'), 'indexed ahead');
    edit(dir, '002-cache', 'Edited twice');
    expect(await buildSearchIndex(dir, { cacheDir })).toBe(3);
    expect(existsSync(join(dir, 'pagefind', 'ahead.txt'))).toBe(false);
    expect(existsSync(changed?.folder ?? '')).toBe(false);

    edit(dir, '002-cache', 'Edited three times');
    expect(await startIndexingAhead(dir, ['002-cache'], { cacheDir })).toEqual([0]);
    const [broken] = await aheadFinished(cacheDir);
    rmSync(join(broken?.folder ?? '', 'pagefind-entry.json'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await buildSearchIndex(dir, { cacheDir })).toBe(3);
      expect(log).toHaveBeenCalledWith('search index: the part indexed ahead holds no pages of 3; indexing it now.');
    } finally {
      log.mockRestore();
    }
    expect(existsSync(join(dir, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('.'))).toEqual([]);

    // Stopped as it runs: its Pagefind ends, and what it wrote and its record go.
    edit(dir, '002-cache', 'Edited four times');
    expect(await startIndexingAhead(dir, ['002-cache'], { cacheDir })).toEqual([0]);
    const [stopped] = JSON.parse(readFileSync(join(cacheDir, 'ahead.json'), 'utf8')) as { pid: number }[];
    expect(await stopIndexingAhead(cacheDir)).toBe(1);
    // Gone, or a zombie its parent (this process) has yet to reap: no command line either way.
    expect(commandLineOf(stopped?.pid)).toBe('');
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('.') || name === 'ahead.json')).toEqual([]);
    expect(await stopIndexingAhead(cacheDir)).toBe(0);

    // A page of the part gone (a postmortem removed): nothing starts.
    rmSync(join(dir, 'postmortems', '003-cert'), { recursive: true });
    expect(await startIndexingAhead(dir, ['002-cache'], { cacheDir })).toEqual([]);
  });

  it('reads the list of postmortems again once the export was written since', async () => {
    const ids = ['001-queue', '002-cache', '003-cert'];
    const dir = site(Object.fromEntries(ids.map((id) => [id, article(`Incident ${id}`)])), ids);
    const options = { shardSize: 1, cacheDir: join(dir, 'cache') };
    expect(await buildSearchIndex(dir, options)).toBe(3);
    expect(await buildSearchIndex(dir, options)).toBe(3);
    // 003 is made a draft: still a page, no longer listed.
    writeFileSync(
      join(dir, 'postmortems.json'),
      JSON.stringify({ postmortems: ids.slice(0, 2).map((id) => ({ id })) }),
    );
    expect(await buildSearchIndex(dir, options)).toBe(2);
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
