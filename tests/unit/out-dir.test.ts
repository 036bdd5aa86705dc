import {
  existsSync,
  mkdirSync,
  utimesSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  finishOutDir,
  listOutput,
  markFile,
  prepareOutDir,
  removeSetAside,
  setAsideOutDir,
  type Prepared,
} from '../../src/out-dir.ts';

let dir: string;
let outDir: string;
let parking: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hindsight-out-dir-'));
  outDir = join(dir, 'dist');
  parking = join(dir, 'cache', 'hindsight');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An output folder with a page in it. */
function built(): void {
  mkdirSync(join(outDir, 'postmortems', '001-a'), { recursive: true });
  writeFileSync(join(outDir, 'postmortems', '001-a', 'index.html'), '<p>A</p>');
}

describe('setting the last output aside', () => {
  it('moves the output folder into the cache folder, and deletes it once asked', () => {
    built();
    const target = setAsideOutDir(outDir, parking);
    expect(existsSync(outDir)).toBe(false);
    expect(readFileSync(join(target ?? '', 'postmortems', '001-a', 'index.html'), 'utf8')).toBe('<p>A</p>');
    writeFileSync(join(parking, 'kept.txt'), 'not an output');
    expect(removeSetAside(parking)).toBe(1);
    expect(readdirSync(parking)).toEqual(['kept.txt']);
  });

  it('deletes the outputs a failed build left too', () => {
    built();
    setAsideOutDir(outDir, parking);
    built();
    setAsideOutDir(outDir, parking);
    expect(readdirSync(parking)).toHaveLength(2);
    expect(removeSetAside(parking)).toBe(2);
  });

  it('leaves alone an output that is not there, a symbolic link, or one holding .git', () => {
    expect(setAsideOutDir(outDir, parking)).toBeUndefined();
    expect(removeSetAside(parking)).toBe(0);
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, outDir);
    expect(setAsideOutDir(outDir, parking)).toBeUndefined();
    expect(existsSync(outDir)).toBe(true);
    rmSync(outDir);
    built();
    mkdirSync(join(outDir, '.git'));
    expect(setAsideOutDir(outDir, parking)).toBeUndefined();
    expect(existsSync(join(outDir, 'postmortems'))).toBe(true);
  });

  it('leaves alone an output that holds the cache folder', () => {
    built();
    expect(setAsideOutDir(outDir, join(outDir, 'cache', 'hindsight'))).toBeUndefined();
    expect(setAsideOutDir(outDir, outDir)).toBeUndefined();
    expect(existsSync(join(outDir, 'postmortems', '001-a', 'index.html'))).toBe(true);
  });
});

/** Writes `text` to `name` in the output folder, creating its folders. */
function put(name: string, text: string): void {
  mkdirSync(join(outDir, name, '..'), { recursive: true });
  writeFileSync(join(outDir, name), text);
}

/** A whole build's output: two pages, a script, and a search index written after it. */
function wholeBuild(): Prepared {
  const prepared = prepareOutDir(outDir, parking);
  put('postmortems/001-a/index.html', '<p>A</p>');
  put('postmortems/002-b/index.html', '<p>B</p>');
  put('_astro/page.1234.js', 'run()');
  finishOutDir(outDir, parking, prepared, new Set(['postmortems/001-a/index.html', 'postmortems/002-b/index.html']));
  put('pagefind/pagefind.js', 'search()');
  return prepared;
}

describe('keeping the last output', () => {
  it('lists every file but the search index and .git, with a stamp that a write changes', () => {
    wholeBuild();
    mkdirSync(join(outDir, '.git'));
    writeFileSync(join(outDir, '.git', 'HEAD'), 'ref');
    const before = listOutput(outDir);
    expect([...before.keys()].sort()).toEqual([
      '_astro/page.1234.js',
      'postmortems/001-a/index.html',
      'postmortems/002-b/index.html',
    ]);
    writeFileSync(join(outDir, '_astro', 'page.1234.js'), 'run()');
    utimesSync(join(outDir, '_astro', 'page.1234.js'), 1, 1);
    expect(listOutput(outDir).get('_astro/page.1234.js')).not.toBe(before.get('_astro/page.1234.js'));
  });

  it('keeps the output of a whole build, sets its search index aside, and deletes the mark', () => {
    wholeBuild();
    const prepared = prepareOutDir(outDir, parking);
    expect(prepared.kind).toBe('kept');
    expect(readFileSync(join(outDir, 'postmortems', '001-a', 'index.html'), 'utf8')).toBe('<p>A</p>');
    expect(existsSync(join(outDir, 'pagefind'))).toBe(false);
    expect(existsSync(markFile(parking))).toBe(false);
    expect(removeSetAside(parking)).toBe(1);
  });

  it('deletes at the end what the kept build neither wrote nor counts among its pages', () => {
    wholeBuild();
    const prepared = prepareOutDir(outDir, parking);
    // This build drops 002-b, bundles its script anew, and leaves 001-a as it was.
    put('_astro/page.5678.js', 'run(2)');
    const stale = finishOutDir(outDir, parking, prepared, new Set(['postmortems/001-a/index.html']));
    expect(stale.sort()).toEqual(['_astro/page.1234.js', 'postmortems/002-b/index.html']);
    expect(existsSync(join(outDir, 'postmortems', '002-b'))).toBe(false);
    expect([...listOutput(outDir).keys()].sort()).toEqual(['_astro/page.5678.js', 'postmortems/001-a/index.html']);
    expect(existsSync(markFile(parking))).toBe(true);
  });

  it('keeps a file the build wrote again, though no page names it', () => {
    wholeBuild();
    const prepared = prepareOutDir(outDir, parking);
    writeFileSync(join(outDir, '_astro', 'page.1234.js'), 'run(again)');
    finishOutDir(outDir, parking, prepared, new Set(['postmortems/001-a/index.html', 'postmortems/002-b/index.html']));
    expect(readFileSync(join(outDir, '_astro', 'page.1234.js'), 'utf8')).toBe('run(again)');
  });

  it.each([
    ['a file was changed', () => writeFileSync(join(outDir, 'postmortems', '001-a', 'index.html'), '<p>Changed</p>')],
    ['a file was added', () => put('extra.html', 'x')],
    ['a file was removed', () => rmSync(join(outDir, '_astro', 'page.1234.js'))],
    ['the last build did not finish', () => rmSync(markFile(parking))],
    [
      'the mark is for another folder',
      () =>
        writeFileSync(markFile(parking), readFileSync(markFile(parking), 'utf8').replace(outDir, join(dir, 'other'))),
    ],
    ['the mark is unreadable', () => writeFileSync(markFile(parking), '{')],
  ])('sets the output aside when %s', (_, change) => {
    wholeBuild();
    change();
    const prepared = prepareOutDir(outDir, parking);
    expect(prepared.kind).toBe('set aside');
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(markFile(parking))).toBe(false);
  });

  it('empties an output it cannot set aside, keeping .git', () => {
    wholeBuild();
    mkdirSync(join(outDir, '.git'));
    put('extra.html', 'x');
    expect(prepareOutDir(outDir, parking).kind).toBe('emptied');
    expect(readdirSync(outDir)).toEqual(['.git']);
  });

  it('leaves no mark for a build that starts and does not finish', () => {
    wholeBuild();
    prepareOutDir(outDir, parking);
    put('postmortems/001-a/index.html', '<p>half</p>');
    expect(prepareOutDir(outDir, parking).kind).toBe('set aside');
  });
});
