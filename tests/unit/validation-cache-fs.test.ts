import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validationStore, validatorCodeDigest } from '../../src/lib/validation-cache-fs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hindsight-validation-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the kept checks on disk', () => {
  it('keeps one entry per file, from the save on, and drops those of files gone', () => {
    const validated = join(dir, 'validated');
    const store = validationStore(validated);
    expect(store.read('content/postmortems/001-a.md')).toBeUndefined();
    store.save(new Set());
    expect(existsSync(validated)).toBe(false);
    store.write('content/postmortems/001-a.md', '{"a":1}');
    store.write('content/postmortems/002-b.md', '{"b":"é"}');
    store.write('content/postmortems/001-a.md', '{"a":3}');
    expect(store.read('content/postmortems/001-a.md')).toBe('{"a":3}');
    // Not saved: the next sync finds nothing.
    expect(validationStore(validated).read('content/postmortems/001-a.md')).toBeUndefined();
    store.save(new Set(['content/postmortems/001-a.md', 'content/postmortems/002-b.md']));
    const next = validationStore(validated);
    expect(next.read('content/postmortems/001-a.md')).toBe('{"a":3}');
    expect(next.read('content/postmortems/002-b.md')).toBe('{"b":"é"}');
    // One pack for the sync's entries, and the index.
    const first = readdirSync(validated).sort();
    expect(first).toHaveLength(2);
    expect(first).toContain('index.json');

    // An edit writes a pack of its own; the first stays while an entry is in it.
    next.write('content/postmortems/002-b.md', '{"b":4}');
    next.save(new Set(['content/postmortems/001-a.md', 'content/postmortems/002-b.md']));
    expect(readdirSync(validated)).toHaveLength(3);
    const third = validationStore(validated);
    expect(third.read('content/postmortems/002-b.md')).toBe('{"b":4}');
    expect(third.read('content/postmortems/001-a.md')).toBe('{"a":3}');
    // A file gone: its entry goes, and so does the first pack, which no entry is in any more.
    third.save(new Set(['content/postmortems/002-b.md']));
    const fourth = validationStore(validated);
    expect(fourth.read('content/postmortems/001-a.md')).toBeUndefined();
    expect(fourth.read('content/postmortems/002-b.md')).toBe('{"b":4}');
    expect(readdirSync(validated)).toHaveLength(2);
    expect(readdirSync(validated).filter((name) => first.includes(name))).toEqual(['index.json']);
  });

  it('takes an index or a pack it cannot read for none, and removes what is not its own', () => {
    const validated = join(dir, 'validated');
    const store = validationStore(validated);
    store.write('content/postmortems/001-a.md', '{"a":1}');
    store.save(new Set(['content/postmortems/001-a.md']));
    const pack = readdirSync(validated).find((name) => name !== 'index.json') ?? '';
    writeFileSync(join(validated, pack), '{"a');
    expect(validationStore(validated).read('content/postmortems/001-a.md')).toBeUndefined();
    rmSync(join(validated, pack));
    expect(validationStore(validated).read('content/postmortems/001-a.md')).toBeUndefined();
    writeFileSync(join(validated, 'index.json'), '{"entries":');
    expect(validationStore(validated).read('content/postmortems/001-a.md')).toBeUndefined();
    // As kept before packs: a file per entry.
    writeFileSync(join(validated, 'content%2Fpostmortems%2F001-a.md.json'), '{}');
    const again = validationStore(validated);
    again.write('content/postmortems/001-a.md', '{"a":2}');
    again.save(new Set(['content/postmortems/001-a.md']));
    expect(readdirSync(validated)).toHaveLength(2);
    expect(validationStore(validated).read('content/postmortems/001-a.md')).toBe('{"a":2}');
  });

  it('tells the checking code apart by every file of it, and only by it', () => {
    mkdirSync(join(dir, 'src/lib/import'), { recursive: true });
    writeFileSync(join(dir, 'src/lib/validate.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'src/lib/import/legacy.ts'), 'export const b = 1;\n');
    writeFileSync(join(dir, 'package-lock.json'), '{}\n');
    const code = ['src/lib', 'src/schemas', 'package-lock.json'];
    const first = validatorCodeDigest(dir, code);
    expect(validatorCodeDigest(dir, code)).toBe(first);
    writeFileSync(join(dir, 'README.md'), 'not code\n');
    expect(validatorCodeDigest(dir, code)).toBe(first);
    writeFileSync(join(dir, 'src/lib/import/legacy.ts'), 'export const b = 2;\n');
    const second = validatorCodeDigest(dir, code);
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    expect(validatorCodeDigest(dir, code)).not.toBe(second);
  });
});
