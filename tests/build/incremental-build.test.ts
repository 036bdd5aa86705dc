/**
 * Astro's incremental build copies a page from the last build when its key (src/data/page-keys.ts)
 * and its template's code are unchanged. A key that missed something a page shows would leave that
 * page stale. So this builds a set cold, then makes one edit at a time of the kinds that change
 * other postmortems' pages (a title others show, an author's name, an event's kind, a body, a
 * postmortem taken back to draft). After each it builds warm, with the caches of the build before,
 * and cold, with none, and checks that the two wrote the very same site, and that the warm build
 * still copied the pages the edit did not touch. One edit at a time, because an edit that changes
 * every page of a kind would hide a key that misses another. Last, it breaks a file and checks that
 * the next build fails on it, though the checks of every other file are kept from the last build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { builtFiles, projectWorkFolder, ROOT } from '../support/build-folders.ts';

let work: string;
let content: string;
let cache: string;
let first = '';
/** The day actions are judged overdue against. */
let today = '2026-11-27';
const ids = { retitled: '', neighbour: '', drafted: '', body: '', renamed: '' };

interface Step {
  /** Pages the warm build copied from the build before, or left in place. */
  copied: string[];
  /** Pages the warm build left in place in its output folder, the last build's. */
  kept: string[];
  /** Files whose warm and cold builds differ. */
  differing: string[];
  /** Files the warm build has and the cold one lacks, or the other way round. */
  missing: string[];
  /** The same for every file and folder, scripts and styles too. */
  missingAny: string[];
  warm: string;
}
const steps = new Map<string, Step>();
/** What a warm build said when one file had been broken, after the steps. */
let failure = '';

/** Builds into `outDir` with the caches in `cacheDir`; returns Astro's log. */
function build(cacheDir: string, outDir: string): string {
  return execFileSync('astro', ['build', '--outDir', outDir], {
    encoding: 'utf8',
    env: {
      ...process.env,
      HINDSIGHT_CONTENT_DIR: relative(ROOT, content),
      HINDSIGHT_CACHE_DIR: cacheDir,
      HINDSIGHT_TODAY: today,
    },
  });
}

/**
 * Pages copied from the last build, as Astro's log names them (in colour where CI is set): copied
 * from its cache ("restored") or left where they were in the output folder ("cached").
 */
function restored(log: string, how = 'restored|cached'): string[] {
  return [...stripVTControlCharacters(log).matchAll(new RegExp(`├─ (\\S+) \\((?:${how})\\)`, 'g'))].map(
    (match) => match[1] as string,
  );
}

/**
 * Edits one postmortem (unless `id` is undefined), then builds warm and cold and compares them. The
 * warm build goes into a folder of its own, or into `over`, which holds the last build's output.
 */
function step(name: string, id?: string, change: (source: string) => string = (source) => source, over?: string): void {
  if (id !== undefined) {
    const file = join(content, `${id}.md`);
    const source = readFileSync(file, 'utf8');
    const changed = change(source);
    if (changed === source) throw new Error(`The edit "${name}" of ${id} changed nothing`);
    writeFileSync(file, changed);
  }
  const warm = over ?? join(work, `${steps.size}-warm`);
  const cold = join(work, `${steps.size}-cold`);
  const log = build(cache, warm);
  const copied = restored(log);
  const kept = restored(log, 'cached');
  build(join(work, `${steps.size}-cold-cache`), cold);
  const files = builtFiles(warm);
  const coldFiles = builtFiles(cold);
  const [anyFiles, anyColdFiles] = [warm, cold].map((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }));
  steps.set(name, {
    copied,
    kept,
    warm,
    missing: [...files.filter((f) => !coldFiles.includes(f)), ...coldFiles.filter((f) => !files.includes(f))],
    missingAny: [
      ...(anyFiles ?? []).filter((f) => !anyColdFiles?.includes(f)),
      ...(anyColdFiles ?? []).filter((f) => !anyFiles?.includes(f)),
    ],
    differing: files.filter(
      (f) => coldFiles.includes(f) && readFileSync(join(warm, f), 'utf8') !== readFileSync(join(cold, f), 'utf8'),
    ),
  });
  rmSync(cold, { recursive: true, force: true });
}

beforeAll(() => {
  work = projectWorkFolder('incremental-build-');
  content = join(work, 'content');
  mkdirSync(content);
  const generated = generatePostmortems({ count: 16, seed: 11 });
  for (const { name, source } of generated) writeFileSync(join(content, name), source);
  const sources = new Map(generated.map(({ name, source }) => [name.replace(/\.md$/, ''), source]));
  const all = [...sources.keys()];
  // Who names whom (in `related`, a `ref` or a link), and who lists whom in `related`.
  const namedBy = (id: string) => all.filter((other) => other !== id && sources.get(other)?.includes(id));
  const relatedBy = (id: string) => all.filter((other) => sources.get(other)?.includes(`- id: ${id}\n`));
  ids.retitled = all.toSorted((a, b) => relatedBy(b).length - relatedBy(a).length)[0] as string;
  ids.neighbour = relatedBy(ids.retitled)[0] as string;
  ids.drafted = all.find((id) => namedBy(id).length === 0 && !sources.get(id)?.includes('related:')) as string;
  const others = all.filter((id) => ![ids.retitled, ids.neighbour, ids.drafted].includes(id));
  ids.body = others[0] as string;
  ids.renamed = others.at(-1) as string;
  expect(ids.neighbour).toBeDefined();
  expect(ids.drafted).toBeDefined();

  cache = join(work, 'cache');
  first = build(cache, join(work, 'first'));
  step('retitled', ids.retitled, (source) => source.replace(/^title: (.*)$/m, 'title: $1, retitled'));
  // Its page, and its author's pages, old and new.
  step('author renamed', ids.renamed, (source) =>
    source.replace(/^ {2}- (?:name: )?([A-Z][^<\n]*?)(?= <|\n)/m, (line) => `${line} Junior`),
  );
  // The counts of the timeline's filters, on every page of the timeline.
  step('kind changed', ids.renamed, (source) => source.replace(/kind: (?!note)\w+/, 'kind: note'));
  step('body edited', ids.body, (source) => `${source}\nA sentence added after the review.\n`);
  // The text of one event alone: the pages of the timeline that show it, and no other.
  step('event text edited', ids.renamed, (source) => source.replace(/^( {4}text: )/m, '$1Edited after the review. '));
  step('drafted', ids.drafted, (source) => source.replace(/^status: .*$/m, 'status: draft'));
  // Every action due after the day before: none is overdue any more.
  today = '2000-01-01';
  step('another day');
  // Twice over the same folder: the second build keeps the first one's output, and must leave it as
  // a build into an empty folder would, with no page of a postmortem made a draft meanwhile.
  const kept = join(work, 'kept');
  build(cache, kept);
  step(
    'published over the last output',
    ids.drafted,
    (source) => source.replace(/^status: draft$/m, 'status: published'),
    kept,
  );
  step(
    'drafted over the last output',
    ids.drafted,
    (source) => source.replace(/^status: published$/m, 'status: draft'),
    kept,
  );
  // Into the first build's folder, which still holds the page of the postmortem since made a draft.
  build(cache, join(work, 'first'));
  // The checks each file passed are kept from build to build: a file broken since must fail.
  const file = join(content, `${ids.body}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: .*$/m, 'date: 2023-02-30'));
  try {
    build(cache, join(work, 'broken'));
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    failure = `${stdout}${stderr}`;
  }
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the incremental build', () => {
  it('copies nothing in a cold build', () => {
    expect(restored(first)).toEqual([]);
  });

  it.each(['retitled', 'author renamed', 'kind changed', 'body edited', 'event text edited', 'drafted', 'another day'])(
    'writes the same site as a cold build after an edit: %s',
    (name) => {
      const { differing, missing, copied } = steps.get(name) as Step;
      expect({ differing, missing }).toEqual({ differing: [], missing: [] });
      // And it did copy pages: those of the postmortems the step left as they were, at least.
      expect(copied.filter((page) => page.startsWith('/postmortems/')).length).toBeGreaterThan(0);
    },
  );

  it('renders again a page that shows an edited title, and copies one that does not', () => {
    const { copied, warm } = steps.get('retitled') as Step;
    expect(copied).not.toContain(`/postmortems/${ids.neighbour}/index.html`);
    expect(readFileSync(join(warm, 'postmortems', ids.neighbour, 'index.html'), 'utf8')).toContain(', retitled');
    expect(copied).toContain(`/postmortems/${ids.drafted}/index.html`);
  });

  it('renders again only the edited page after an edit of a body alone', () => {
    const { copied } = steps.get('body edited') as Step;
    expect(copied).not.toContain(`/postmortems/${ids.body}/index.html`);
    expect(copied.filter((page) => /^\/postmortems\/[^/]+\/index\.html$/.test(page))).toHaveLength(15);
    expect(copied.some((page) => page.startsWith('/timeline/'))).toBe(true);
    expect(copied.some((page) => page.startsWith('/services/'))).toBe(true);
    // The list of every postmortem, the page of every action, the recurrences and the JSON export
    // show nothing of a body but its summary.
    expect(copied).toContain('/postmortems/index.html');
    expect(copied).toContain('/actions/index.html');
    expect(copied).toContain('/recurrences/index.html');
    expect(copied).toContain('/postmortems.json');
  });

  it('renders again the pages of the timeline that show an edited event, and copies the others', () => {
    const { copied, warm } = steps.get('event text edited') as Step;
    const showing = builtFiles(warm).filter(
      (file) =>
        file.startsWith('timeline/') && readFileSync(join(warm, file), 'utf8').includes('Edited after the review.'),
    );
    expect(showing.length).toBeGreaterThan(0);
    for (const file of showing) expect(copied).not.toContain(`/${file}`);
    expect(copied.some((page) => page.startsWith('/timeline/'))).toBe(true);
  });

  it('renders again the list of every postmortem and the export when what they show changes, and the actions on another day', () => {
    for (const name of ['retitled', 'author renamed', 'drafted']) {
      expect((steps.get(name) as Step).copied, name).not.toContain('/postmortems/index.html');
    }
    // The export holds every title, every event's kind and which postmortems are published.
    for (const name of ['retitled', 'kind changed', 'drafted']) {
      expect((steps.get(name) as Step).copied, name).not.toContain('/postmortems.json');
    }
    expect((steps.get('another day') as Step).copied).not.toContain('/actions/index.html');
  });

  it('renders again, on another day, the pages of postmortems whose actions are no longer overdue', () => {
    const { copied, warm } = steps.get('another day') as Step;
    const overdueBefore = builtFiles(steps.get('drafted')?.warm ?? '').filter(
      (file) =>
        file.startsWith('postmortems/') &&
        readFileSync(join(steps.get('drafted')?.warm ?? '', file), 'utf8').includes('action--overdue'),
    );
    expect(overdueBefore.length).toBeGreaterThan(0);
    for (const file of overdueBefore) {
      expect(copied).not.toContain(`/${file}`);
      expect(readFileSync(join(warm, file), 'utf8')).not.toContain('action--overdue');
    }
    expect(copied.filter((page) => page.startsWith('/postmortems/')).length).toBeGreaterThan(0);
  });

  it('fails when a file is broken since the last build', () => {
    expect(failure).toContain(`${ids.body}.md`);
    expect(failure).toContain('2023-02-30');
  });

  it.each(['published over the last output', 'drafted over the last output'])(
    'keeps the last output and writes the same site as a cold build: %s',
    (name) => {
      const { differing, missingAny, kept } = steps.get(name) as Step;
      expect({ differing, missingAny }).toEqual({ differing: [], missingAny: [] });
      expect(kept.filter((page) => page.startsWith('/postmortems/')).length).toBeGreaterThan(10);
    },
  );

  it('deletes from a kept output the page of a postmortem made a draft', () => {
    const { warm } = steps.get('drafted over the last output') as Step;
    expect(existsSync(join(warm, 'postmortems', ids.drafted))).toBe(false);
    const published = steps.get('published over the last output') as Step;
    expect(published.kept).not.toContain(`/postmortems/${ids.drafted}/index.html`);
  });

  it('leaves out the page of a postmortem taken back to draft', () => {
    const { warm } = steps.get('drafted') as Step;
    expect(builtFiles(warm)).not.toContain(`postmortems/${ids.drafted}/index.html`);
  });

  it('builds over the last output as into an empty folder, and deletes the old output it set aside', () => {
    const again = join(work, 'first');
    const { warm } = steps.get('another day') as Step;
    expect(builtFiles(again)).toEqual(builtFiles(warm));
    expect(builtFiles(again)).not.toContain(`postmortems/${ids.drafted}/index.html`);
    for (const file of builtFiles(again)) {
      expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(warm, file), 'utf8'));
    }
    expect(readdirSync(join(cache, 'hindsight')).filter((name) => name.startsWith('previous-output-'))).toEqual([]);
  });
});
