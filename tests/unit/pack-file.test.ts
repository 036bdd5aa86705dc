import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackReader, PackWriter } from '../../src/lib/pack-file.ts';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'hindsight-pack-')), 'packs');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('packs', () => {
  it('append texts one after the other to one file, made at the first, and read each back', () => {
    const writer = new PackWriter(dir, '.test');
    expect(writer.pack).toBeUndefined();
    const first = writer.append('<p>Première</p>');
    const second = writer.append('');
    const third = writer.append('<p>Third</p>');
    expect(writer.pack).toBe(first.pack);
    expect(first.pack.endsWith('.test')).toBe(true);
    expect(second).toEqual({ pack: first.pack, offset: Buffer.byteLength('<p>Première</p>'), length: 0 });
    expect(third.offset).toBe(second.offset);
    writer.close();
    expect(readdirSync(dir)).toEqual([first.pack]);
    const reader = new PackReader(dir);
    expect([first, second, third].map((location) => reader.read(location))).toEqual([
      '<p>Première</p>',
      '',
      '<p>Third</p>',
    ]);
    reader.close();
    // After closing, the next text starts a pack of its own.
    const later = writer.append('later');
    expect(later.pack).not.toBe(first.pack);
    expect(later.offset).toBe(0);
    writer.close();
  });

  it('read nothing from a pack that is not there or ends too soon', () => {
    const writer = new PackWriter(dir, '.test');
    const location = writer.append('0123456789');
    writer.close();
    writeFileSync(join(dir, location.pack), '01234');
    expect(new PackReader(dir).read(location)).toBeUndefined();
    rmSync(join(dir, location.pack));
    expect(new PackReader(dir).read(location)).toBeUndefined();
  });
});
