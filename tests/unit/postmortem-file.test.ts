import { describe, expect, it } from 'vitest';
import { baseName, isPostmortemFile, parsePostmortemFileName } from '../../src/lib/postmortem-file.ts';

describe('parsePostmortemFileName', () => {
  it.each([
    ['content/postmortems/003-postmortem-for-v0-0-26-release.md', '003-postmortem-for-v0-0-26-release', 3],
    ['004-disk-full.mdx', '004-disk-full', 4],
    ['1200-x.md', '1200-x', 1200],
  ])('reads the id and number of %s', (file, id, number) => {
    expect(parsePostmortemFileName(file)).toEqual({ id, number });
  });

  it.each([
    '04-disk-full.md',
    '004-Disk-Full.md',
    '004_disk_full.md',
    '004-disk--full.md',
    '004-disk-full-.md',
    '004.md',
  ])('rejects %s', (file) => {
    expect(parsePostmortemFileName(file)).toBeUndefined();
  });
});

describe('isPostmortemFile', () => {
  it('takes Markdown and MDX files that do not start with an underscore', () => {
    expect(isPostmortemFile('content/postmortems/004-disk-full.md')).toBe(true);
    expect(isPostmortemFile('004-disk-full.mdx')).toBe(true);
    expect(isPostmortemFile('content/postmortems/_template.md')).toBe(false);
    expect(isPostmortemFile('content/postmortems/notes.txt')).toBe(false);
    expect(baseName('content/postmortems/004-disk-full.md')).toBe('004-disk-full.md');
  });
});
