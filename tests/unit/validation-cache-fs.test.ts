import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  it('keeps one entry per file, and drops those of files gone', () => {
    const store = validationStore(join(dir, 'validated'));
    expect(store.read('content/postmortems/001-a.md')).toBeUndefined();
    store.prune(new Set());
    store.write('content/postmortems/001-a.md', '{"a":1}');
    store.write('content/postmortems/002-b.md', '{"b":2}');
    store.write('content/postmortems/001-a.md', '{"a":3}');
    expect(store.read('content/postmortems/001-a.md')).toBe('{"a":3}');
    store.prune(new Set(['content/postmortems/002-b.md']));
    expect(store.read('content/postmortems/001-a.md')).toBeUndefined();
    expect(store.read('content/postmortems/002-b.md')).toBe('{"b":2}');
    // No file is left half-written beside the entries.
    expect(readdirSync(join(dir, 'validated'))).toEqual([`${encodeURIComponent('content/postmortems/002-b.md')}.json`]);
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
