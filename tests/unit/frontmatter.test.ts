import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, parseFrontmatter, splitFrontmatter, type SplitSource } from '../../src/lib/frontmatter.ts';

const source = [
  '---',
  'title: Disk full',
  'date: 2023-02-30',
  'authors:',
  '  - name: Ada Brenner',
  '    email: ada@larkspur.example',
  'timeline:',
  '  - at: 2023-02-01T10:00:00+05:00',
  '    kind: outage',
  '---',
  '',
  '## Summary',
].join('\n');

function split(text: string): SplitSource {
  const result = splitFrontmatter(text);
  if (!result) throw new Error('expected frontmatter');
  return result;
}

describe('splitFrontmatter', () => {
  it('finds the YAML and the body with their lines in the file', () => {
    const { yaml, body, yamlLine, bodyLine } = split(source);
    expect(yaml.split('\n')).toHaveLength(8);
    expect(yaml.startsWith('title: Disk full')).toBe(true);
    expect(body).toBe('\n## Summary');
    expect([yamlLine, bodyLine]).toEqual([2, 11]);
  });

  it('accepts a byte order mark, CRLF line ends and spaces after a fence', () => {
    const { yaml, body, bodyLine } = split('\uFEFF---  \r\ntitle: x\r\n---\t\r\nBody');
    expect([yaml, body, bodyLine]).toEqual(['title: x', 'Body', 4]);
  });

  it('finds nothing without an opening or a closing fence', () => {
    expect(splitFrontmatter('# Title\n---\ntitle: x\n---\n')).toBeUndefined();
    expect(splitFrontmatter('---\ntitle: x\n')).toBeUndefined();
    expect(splitFrontmatter('----\ntitle: x\n----\n')).toBeUndefined();
  });
});

describe('parseFrontmatter', () => {
  const parsed = parseFrontmatter(split(source));

  it('keeps dates and date-times as the strings they are written as', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toMatchObject({
      date: '2023-02-30',
      timeline: [{ at: '2023-02-01T10:00:00+05:00', kind: 'outage' }],
    });
  });

  it('locates values by path, as lines of the file', () => {
    expect(parsed.locate(['date'])).toEqual({ line: 3, column: 7 });
    expect(parsed.locate(['authors', 0, 'email'])).toEqual({ line: 6, column: 12 });
    expect(parsed.locate(['timeline', 0, 'at'])).toEqual({ line: 8, column: 9 });
  });

  it('falls back to the nearest parent that exists', () => {
    expect(parsed.locate(['timeline', 0, 'text'])).toEqual({ line: 8, column: 5 });
    expect(parsed.locate(['timeline', 5, 'at'])).toEqual({ line: 8, column: 3 });
    expect(parsed.locate(['summary'])).toEqual({ line: 2, column: 1 });
    expect(parsed.locate([])).toEqual({ line: 2, column: 1 });
  });

  it('reports syntax errors at their line in the file, with no data', () => {
    const broken = parseFrontmatter(split('---\ntitle: ok\nlevel: [internal\n---\n'));
    expect(broken.data).toBeUndefined();
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.errors[0]?.position.line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate keys with both lines instead of keeping the last one', () => {
    const duplicated = parseFrontmatter(split('---\ntitle: a\ntitle: b\n---\n'));
    expect(duplicated.data).toBeUndefined();
    expect(duplicated.duplicateKeys).toEqual([
      { key: 'title', position: { line: 3, column: 1 }, first: { line: 2, column: 1 } },
    ]);
  });

  it('counts aliases instead of expanding them', () => {
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, () => '*a').join(', ');
    const bomb = parseFrontmatter(split(`---\nlevel: &a [x]\ntags: [${aliases}]\n---\n`));
    expect(bomb.data).toBeUndefined();
    expect(bomb.excessiveAliases).toEqual({ count: MAX_ALIASES + 1, position: { line: 3, column: 8 } });
  });
});
