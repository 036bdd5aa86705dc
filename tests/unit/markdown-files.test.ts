import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { isInContentDir } from '../../src/markdown/files.ts';

describe('isInContentDir', () => {
  const file = (path: string) => new VFile({ path });
  it('recognises a file under a folder given relative to the project', () => {
    expect(isInContentDir(file('/project/content/postmortems/001-a.md'), 'content/postmortems')).toBe(true);
    expect(isInContentDir(file('/project/src/pages/about.md'), 'content/postmortems')).toBe(false);
  });
  it('recognises a file under an absolute folder, such as a generated set outside the project', () => {
    expect(isInContentDir(file('/tmp/bench/content/001-a.md'), '/tmp/bench/content')).toBe(true);
    expect(isInContentDir(file('/tmp/bench/content/001-a.md'), '/tmp/bench/content/')).toBe(true);
    expect(isInContentDir(file('/tmp/bench/content-2/001-a.md'), '/tmp/bench/content')).toBe(false);
  });
});
