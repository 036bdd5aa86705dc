import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkTree } from '../../scripts/lib/link-tree.ts';

const folders: string[] = [];

/** A folder shaped like a part of a Pagefind index, with texts invented for the test. */
function part(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-link-tree-'));
  folders.push(dir);
  mkdirSync(join(dir, 'fragment'));
  mkdirSync(join(dir, 'index'));
  writeFileSync(join(dir, 'fragment', 'en_1a2b.pf_fragment'), 'fragment one');
  writeFileSync(join(dir, 'fragment', 'en_3c4d.pf_fragment'), 'fragment two');
  writeFileSync(join(dir, 'index', 'en_5e6f.pf_index'), 'an index');
  writeFileSync(join(dir, 'wasm.en.pagefind'), 'wasm');
  writeFileSync(join(dir, 'pagefind.js'), 'script');
  writeFileSync(join(dir, 'pagefind-ui.css'), 'style');
  writeFileSync(join(dir, 'pagefind-entry.json'), '{}');
  return dir;
}

const sameFile = (a: string, b: string) => statSync(a).ino === statSync(b).ino;

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('linkTree', () => {
  it("links the index's files and copies its scripts, style sheets and JSON", async () => {
    const from = part();
    const to = join(from, '..', `${from.split('/').pop()}-to`);
    folders.push(to);
    expect(await linkTree(from, to)).toEqual({ linked: 4, copied: 3 });
    for (const file of ['fragment/en_1a2b.pf_fragment', 'fragment/en_3c4d.pf_fragment', 'index/en_5e6f.pf_index']) {
      expect(sameFile(join(from, file), join(to, file)), file).toBe(true);
    }
    expect(sameFile(join(from, 'wasm.en.pagefind'), join(to, 'wasm.en.pagefind'))).toBe(true);
    for (const file of ['pagefind.js', 'pagefind-ui.css', 'pagefind-entry.json']) {
      expect(sameFile(join(from, file), join(to, file)), file).toBe(false);
      expect(readFileSync(join(to, file), 'utf8')).toBe(readFileSync(join(from, file), 'utf8'));
    }
  });

  it('copies every file where no link can be made', async () => {
    const from = part();
    const to = join(from, 'elsewhere');
    const refused: string[] = [];
    const link = async (existing: string) => {
      refused.push(existing);
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    };
    expect(await linkTree(from, to, { link })).toEqual({ linked: 0, copied: 7 });
    // Once refused, it stops trying.
    expect(refused.length).toBeLessThanOrEqual(4);
    expect(readFileSync(join(to, 'fragment', 'en_3c4d.pf_fragment'), 'utf8')).toBe('fragment two');
    expect(sameFile(join(from, 'index', 'en_5e6f.pf_index'), join(to, 'index', 'en_5e6f.pf_index'))).toBe(false);
  });

  it('fails rather than keep a file that is already there', async () => {
    const from = part();
    const to = join(from, 'again');
    await linkTree(from, to);
    await expect(linkTree(from, to)).rejects.toThrow(/EEXIST/);
  });
});
