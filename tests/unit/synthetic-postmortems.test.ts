import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/frontmatter.ts';
import { buildIncidentGraph } from '../../src/lib/graph.ts';
import { graphInputs } from '../../src/lib/graph-input.ts';
import { fragmentIndex } from '../../src/lib/links.ts';
import { formatIssue } from '../../src/lib/errors.ts';
import { validatePostmortems } from '../../src/lib/validate.ts';
import { PostmortemSchema } from '../../src/schemas/postmortem.ts';
import { writeGeneratedSet } from '../../scripts/lib/generate-fs.ts';
import { createRandom, generatePostmortems, numberWidth } from '../../scripts/lib/synthetic-postmortems.ts';

const files = generatePostmortems({ count: 120, seed: 42 });
const asFiles = files.map((file) => ({ file: `generated/${file.name}`, source: file.source }));
const result = validatePostmortems(asFiles);
const bodyOf = (source: string) => splitFrontmatter(source)?.body ?? '';
const dataOf = (source: string) => parseFrontmatter(splitFrontmatter(source)!).data as Record<string, unknown>;

describe('generatePostmortems', () => {
  it('writes files that pass every check of the validator', () => {
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.postmortems).toHaveLength(120);
  });

  it('is deterministic from the seed, and another seed gives other files', () => {
    expect(generatePostmortems({ count: 120, seed: 42 })).toEqual(files);
    expect(generatePostmortems({ count: 120, seed: 43 })[5]?.source).not.toEqual(files[5]?.source);
  });

  it('numbers files from 001 with at least three digits, more when the count needs them', () => {
    expect(files[0]?.name).toMatch(/^001-[a-z0-9-]+\.md$/);
    expect(files.at(-1)?.name).toMatch(/^120-/);
    expect([numberWidth(5), numberWidth(999), numberWidth(1_000), numberWidth(10_000)]).toEqual([3, 3, 4, 5]);
  });

  it('gives every file 5 to 30 own events, dates and date-times, and a 3 to 8 kB body', () => {
    for (const postmortem of result.postmortems) {
      const own = postmortem.data.timeline.filter((event) => event.ref === undefined);
      expect(own.length).toBeGreaterThanOrEqual(5);
      expect(own.length).toBeLessThanOrEqual(30);
    }
    const ats = result.postmortems.flatMap((postmortem) => postmortem.data.timeline.map((event) => event.at));
    expect(ats.some((at) => /^\d{4}-\d\d-\d\d$/.test(at))).toBe(true);
    expect(ats.some((at) => at.endsWith('Z'))).toBe(true);
    expect(ats.some((at) => /[+-]\d\d:\d\d$/.test(at))).toBe(true);
    for (const file of files) {
      const size = Buffer.byteLength(bodyOf(file.source));
      expect(size).toBeGreaterThanOrEqual(3_000);
      expect(size).toBeLessThanOrEqual(8_192);
    }
  });

  it('uses every frontmatter field, GFM tables, task lists, code and links between files', () => {
    const fields = new Set(files.flatMap((file) => Object.keys(dataOf(file.source))));
    expect([...fields].sort()).toEqual(Object.keys(PostmortemSchema.shape).sort());
    const nested = (key: string) =>
      new Set(files.flatMap((file) => ((dataOf(file.source)[key] as object[] | undefined) ?? []).flatMap(Object.keys)));
    expect([...nested('timeline')].sort()).toEqual(['at', 'environment', 'kind', 'ref', 'text']);
    expect([...nested('actions')].sort()).toEqual(['closed', 'due', 'link', 'owner', 'status', 'title']);
    expect([...nested('related')].sort()).toEqual(['id', 'note', 'relation']);
    const body = bodyOf(files[60]?.source ?? '');
    expect(body).toMatch(/\| --- \|/);
    expect(body).toMatch(/- \[[x ]\] /);
    expect(body).toMatch(/```\w+\n/);
    expect(body).toMatch(/\]\(\.\/\d{3}-[a-z0-9-]+\.md#[a-z0-9-]+\)/);
  });

  it('spreads levels and statuses, and never points at a draft', { timeout: 30_000 }, () => {
    const levels = new Set(result.postmortems.flatMap((postmortem) => postmortem.data.level));
    expect([...levels].sort()).toEqual(['breach', 'corruption', 'internal', 'outage']);
    const more = generatePostmortems({ count: 200, seed: 3 });
    const statuses = new Set(more.map((file) => dataOf(file.source)['status']));
    expect([...statuses].sort()).toEqual(['draft', 'in-review', 'published']);
    // A published postmortem that relates, refs or links to a draft is a validation issue.
    const checked = validatePostmortems(more.map((file) => ({ file: `generated/${file.name}`, source: file.source })));
    expect(checked.issues.map(formatIssue)).toEqual([]);
  });

  it('forms recurrence chains of several postmortems', () => {
    const published = result.postmortems.filter((postmortem) => postmortem.data.status !== 'draft');
    const graph = buildIncidentGraph(graphInputs(published, fragmentIndex(published)));
    expect(graph.chains.length).toBeGreaterThan(5);
    expect(Math.max(...graph.chains.map((chain) => chain.postmortems.length))).toBeGreaterThanOrEqual(3);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => generatePostmortems({ count: 0, seed: 1 })).toThrow('count must be a positive integer, got 0');
  });
});

describe('createRandom', () => {
  it('gives the same sequence for the same seed, within range', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const values = Array.from({ length: 50 }, () => a.int(1, 6));
    expect(Array.from({ length: 50 }, () => b.int(1, 6))).toEqual(values);
    expect(values.every((value) => value >= 1 && value <= 6)).toBe(true);
    expect(new Set(values).size).toBe(6);
  });
});

describe('writeGeneratedSet', () => {
  it('replaces the postmortem files of a folder, leaving other files alone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hindsight-generate-'));
    try {
      await writeFile(join(root, 'notes.txt'), 'kept');
      await writeGeneratedSet({ count: 5, seed: 1, out: '.', root });
      await writeGeneratedSet({ count: 3, seed: 2, out: '.', root });
      const names = await readdir(root);
      expect(names.filter((name) => name.endsWith('.md'))).toHaveLength(3);
      expect(names).toContain('notes.txt');
      for (const file of generatePostmortems({ count: 3, seed: 2 })) {
        expect(await readFile(join(root, file.name), 'utf8')).toBe(file.source);
      }
      // The same set again is written over the files, not into new ones.
      const inodes = async () => Promise.all(names.map(async (name) => (await stat(join(root, name))).ino));
      const before = await inodes();
      await writeGeneratedSet({ count: 3, seed: 2, out: '.', root });
      expect(await inodes()).toEqual(before);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses to write into content/postmortems', async () => {
    await expect(
      writeGeneratedSet({ count: 1, seed: 1, out: 'content/postmortems', root: '/project' }),
    ).rejects.toThrow('Refusing to write generated postmortems to /project/content/postmortems');
    await expect(
      writeGeneratedSet({ count: 1, seed: 1, out: 'content/postmortems/sub', root: '/project' }),
    ).rejects.toThrow('Refusing');
  });
});
