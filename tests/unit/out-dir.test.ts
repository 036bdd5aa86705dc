import {
  existsSync,
  mkdirSync,
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
import { removeSetAside, setAsideOutDir } from '../../src/out-dir.ts';

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
