import { describe, expect, it } from 'vitest';
import {
  baseName,
  isPostmortemFile,
  kebabTitle,
  nextFreeNumber,
  parsePostmortemFileName,
  postmortemId,
} from '../../src/lib/postmortem-file.ts';

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

describe('kebabTitle and postmortemId', () => {
  it.each([
    ['Postmortem for v0.0.26 release', 'postmortem-for-v0-0-26-release'],
    ["Disk full on the café's staging DB", 'disk-full-on-the-cafes-staging-db'],
    ['  Søren’s   cron job -- ran twice!  ', 'sorens-cron-job-ran-twice'],
    ['Ünïcödé Ærø straße', 'unicode-aero-strasse'],
    ['!!!', ''],
  ])('names %j %j', (title, kebab) => {
    expect(kebabTitle(title)).toBe(kebab);
  });

  it('pads the number to three digits and gives a valid file name', () => {
    expect(postmortemId(7, 'Queue stalled')).toBe('007-queue-stalled');
    expect(postmortemId(1204, 'Queue stalled')).toBe('1204-queue-stalled');
    expect(parsePostmortemFileName(`${postmortemId(7, 'Ünïcödé Ærø')}.md`)).toEqual({
      id: '007-unicode-aero',
      number: 7,
    });
  });
});

describe('nextFreeNumber', () => {
  it('takes the number after the highest, ignoring files that are not postmortems', () => {
    expect(nextFreeNumber([])).toBe(1);
    expect(nextFreeNumber(['002-a.md', '010-b.mdx', '_template.md', 'README.md', '99-bad.md'])).toBe(11);
  });
});
