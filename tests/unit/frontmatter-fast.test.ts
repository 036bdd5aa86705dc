/**
 * The fast way of reading frontmatter (js-yaml, positions only on demand) must give exactly what the
 * position-keeping reader gives: the same data, the same mistakes, the same positions. Checked on
 * every postmortem the project has: the content, every fixture (valid, invalid, hostile) and a
 * generated set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import {
  parseFrontmatter,
  parseFrontmatterWithPositions,
  readPlainFrontmatter,
  splitFrontmatter,
} from '../../src/lib/frontmatter.ts';

function markdownFiles(dir: string): { name: string; source: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: path, source: readFileSync(path, 'utf8') };
    });
}

const files = [
  ...markdownFiles('content/postmortems'),
  ...markdownFiles('tests/fixtures'),
  ...generatePostmortems({ count: 60, seed: 7 }).map((file) => ({ name: file.name, source: file.source })),
];

/** Every path of the data, and some that do not exist, with and without `key`. */
function paths(data: unknown): PropertyKey[][] {
  const all: PropertyKey[][] = [[], ['nope'], ['timeline', 0, 'nope'], ['related', 9, 'id']];
  const visit = (value: unknown, path: PropertyKey[]): void => {
    all.push(path);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(data, []);
  return all;
}

describe('reading frontmatter the fast way', () => {
  it('takes the position-keeping reader for anything but plain strings, lists and mappings', () => {
    expect(readPlainFrontmatter('title: A\nlevel: [internal]\ntimeline:\n  - at: 2024-01-01\n')).toEqual({
      title: 'A',
      level: ['internal'],
      timeline: [{ at: '2024-01-01' }],
    });
    for (const yaml of ['a: 1', 'a: true', 'a:', 'a: &x b\nc: *x', 'a: b\na: c', 'a: [b', '- a', '']) {
      expect(readPlainFrontmatter(yaml), yaml).toBeUndefined();
    }
  });

  it('reads as the position-keeping reader does, on every postmortem the project has', () => {
    let fast = 0;
    for (const { name, source } of files) {
      const split = splitFrontmatter(source);
      if (!split) continue;
      const quick = parseFrontmatter(split);
      const full = parseFrontmatterWithPositions(split);
      expect(quick.data, name).toEqual(full.data);
      expect(quick.errors, name).toEqual(full.errors);
      expect(quick.duplicateKeys, name).toEqual(full.duplicateKeys);
      expect(quick.excessiveAliases, name).toEqual(full.excessiveAliases);
      for (const path of paths(full.data)) {
        expect(quick.locate(path), `${name} ${String(path)}`).toEqual(full.locate(path));
        expect(quick.locate(path, { key: true }), `${name} ${String(path)}`).toEqual(full.locate(path, { key: true }));
      }
      if (readPlainFrontmatter(split.yaml) !== undefined) fast += 1;
    }
    expect(files.length).toBeGreaterThan(100);
    expect(fast, 'most files are plain and read the fast way').toBeGreaterThan(files.length / 2);
  });
});
