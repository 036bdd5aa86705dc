import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonFile, writeJsonFile } from '../../src/lib/json-file-fs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hindsight-json-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the cache folder’s JSON files', () => {
  it('are written whole, in a folder made if needed, and read back', () => {
    const file = join(dir, 'a', 'b', 'kept.json');
    writeJsonFile(file, { ids: ['001-queue'] });
    writeJsonFile(file, { ids: ['001-queue', '002-cache'] });
    expect(readJsonFile(file)).toEqual({ ids: ['001-queue', '002-cache'] });
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['kept.json']);
  });

  it('read as nothing when missing or not JSON', () => {
    expect(readJsonFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'half.json'), '{"ids": ["001-');
    expect(readJsonFile(join(dir, 'half.json'))).toBeUndefined();
  });
});
