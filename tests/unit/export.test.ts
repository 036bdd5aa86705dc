import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { buildExport, exportJsonStream, exportJsonText, type ExportSite } from '../../src/lib/export.ts';
import { buildIncidentGraph } from '../../src/lib/graph.ts';
import { graphInputs } from '../../src/lib/graph-input.ts';
import { fragmentIndex } from '../../src/lib/links.ts';
import { validatePostmortems } from '../../src/lib/validate.ts';
import {
  exportJsonSchemaFile,
  exportJsonSchemaText,
  PostmortemsExportSchema,
} from '../../src/schemas/postmortems-export.ts';
import { validCollection } from './fixtures.ts';
import { compareStrings } from '../../src/lib/compare.ts';

const ROOT = join(import.meta.dirname, '../..');

const site: ExportSite = {
  title: 'Hindsight',
  url: 'https://wiki.example.com',
  base: '/kb/',
  repository: { url: 'https://git.example.com/hindsight', branch: 'main' },
  contentDir: 'content/postmortems',
};

/** The valid fixture collection (101, 102, 103) exported as the site exports it. */
function exportFixtures() {
  const { postmortems, issues } = validatePostmortems(validCollection());
  expect(issues).toEqual([]);
  const index = fragmentIndex(postmortems);
  const inputs = graphInputs(postmortems, index);
  const newestFirst = [...postmortems].sort((a, b) => compareStrings(b.data.date, a.data.date));
  return buildExport(
    newestFirst.map((postmortem) => ({
      id: postmortem.id,
      number: postmortem.number,
      data: postmortem.data,
      summary: postmortem.data.summary ?? postmortem.outline.summary,
    })),
    buildIncidentGraph(inputs),
    site,
  );
}

describe('the postmortems.json export', () => {
  const data = exportFixtures();
  const [p103, p102, p101] = data.postmortems;

  it('matches its zod schema, and the committed JSON Schema', () => {
    expect(PostmortemsExportSchema.safeParse(data).error).toBeUndefined();
    const jsonSchema = JSON.parse(readFileSync(join(ROOT, exportJsonSchemaFile), 'utf8'));
    // Through JSON, as a consumer reads it: dates are strings, absent values are null.
    expect(z.fromJSONSchema(jsonSchema).safeParse(JSON.parse(JSON.stringify(data))).error).toBeUndefined();
  });

  it('has a version and where it comes from, and no timestamp', () => {
    expect(data.version).toBe(1);
    expect(data.generatedFrom).toEqual({
      title: 'Hindsight',
      url: 'https://wiki.example.com/kb/',
      repository: 'https://git.example.com/hindsight',
      branch: 'main',
      contentDir: 'content/postmortems',
    });
    expect(JSON.stringify(exportFixtures())).toBe(JSON.stringify(data));
  });

  it("gives each postmortem's metadata, URLs under the base path, and every key even when empty", () => {
    expect(data.postmortems.map((postmortem) => postmortem.id)).toEqual([
      '103-lock-lease-follow-up',
      '102-search-index-stalled-in-production',
      '101-search-index-rebuild-stalled',
    ]);
    expect(p103).toMatchObject({
      number: 103,
      status: 'in-review',
      levels: ['internal'],
      authors: [{ name: 'Ines Duarte', email: 'ines@larkspur.example' }],
      environments: [],
      tags: [],
      url: 'https://wiki.example.com/kb/postmortems/103-lock-lease-follow-up/',
      path: '/kb/postmortems/103-lock-lease-follow-up/',
    });
    expect(p103?.actions[0]).toEqual({
      title: 'Remove the feature flag',
      owner: 'Ines Duarte',
      status: 'in-progress',
      due: '2024-04-30',
      closed: null,
      link: 'https://tracker.larkspur.example/SEARCH-88',
    });
    expect(p101?.summary).toBe('The nightly rebuild of the staging search index hung for a day before anyone noticed.');
  });

  it('computes durations in days for whole days and in minutes between instants', () => {
    expect(p101?.durations).toEqual({
      timeToDetect: { unit: 'days', value: 1, iso: 'P1D' },
      timeToResolve: { unit: 'days', value: 1, iso: 'P1D' },
      window: { unit: 'days', value: 1, iso: 'P1D' },
    });
    // 102's first outage is a whole day, 2024-03-04, so its durations are counted in days.
    expect(p102?.durations.timeToDetect).toEqual({ unit: 'days', value: 7, iso: 'P7D' });
    expect(p103?.durations.timeToDetect).toBeNull();

    // Without it, the first outage is 2024-03-11T10:00+05:30 (04:30Z): detected at 06:00Z, mitigated
    // at 00:20-07:00 (07:20Z).
    const { postmortems } = validatePostmortems(validCollection());
    const production = postmortems.find((postmortem) => postmortem.id === p102?.id);
    if (!production) throw new Error('102 is in the fixture collection');
    const data = { ...production.data, timeline: production.data.timeline.slice(1) };
    const [only] = buildExport([{ ...production, data, summary: undefined }], buildIncidentGraph([]), site).postmortems;
    expect(only?.durations.timeToDetect).toEqual({ unit: 'minutes', value: 90, iso: 'PT1H30M' });
    expect(only?.durations.timeToResolve).toEqual({ unit: 'minutes', value: 170, iso: 'PT2H50M' });
  });

  it('lists timeline events with their anchors and absolute URLs', () => {
    expect(p102?.timeline[0]).toEqual({
      at: '2024-03-04',
      kind: 'outage',
      environment: 'staging',
      ref: '101-search-index-rebuild-stalled',
      text: 'The staging rebuild stalls for the first time.',
      anchor: 'event-2024-03-04',
      url: 'https://wiki.example.com/kb/postmortems/102-search-index-stalled-in-production/#event-2024-03-04',
    });
  });

  it("has the graph's edges: related, refs, links and chains", () => {
    expect(data.graph.related).toEqual([
      {
        from: '102-search-index-stalled-in-production',
        to: '101-search-index-rebuild-stalled',
        relation: 'recurrence',
        note: 'same stale lock, this time in production',
      },
      {
        from: '103-lock-lease-follow-up',
        to: '102-search-index-stalled-in-production',
        relation: 'follow-up',
        note: null,
      },
    ]);
    expect(data.graph.refs).toContainEqual({
      from: '102-search-index-stalled-in-production',
      fromAnchor: 'event-2024-03-04',
      to: '101-search-index-rebuild-stalled',
      toAnchor: 'event-2024-03-04',
    });
    expect(data.graph.chains).toHaveLength(1);
    expect(data.graph.chains[0]?.postmortems).toEqual([
      '101-search-index-rebuild-stalled',
      '102-search-index-stalled-in-production',
    ]);
    expect(data.graph.chains[0]?.outages[0]).toEqual({
      at: '2024-03-04',
      environment: 'staging',
      sources: [
        { id: '101-search-index-rebuild-stalled', anchor: 'event-2024-03-04' },
        { id: '102-search-index-stalled-in-production', anchor: 'event-2024-03-04' },
      ],
    });
  });

  it('refuses a draft, which is never published', () => {
    const { postmortems } = validatePostmortems(validCollection());
    const draft = postmortems[0];
    if (!draft) throw new Error('the fixture collection is empty');
    expect(() =>
      buildExport(
        [{ id: draft.id, number: draft.number, data: { ...draft.data, status: 'draft' }, summary: undefined }],
        buildIncidentGraph([]),
        site,
      ),
    ).toThrow(/is a draft/);
  });
});

describe('exportJsonText', () => {
  it('is JSON.stringify and a newline, however small the pieces', () => {
    const data = exportFixtures();
    const whole = `${JSON.stringify(data)}\n`;
    expect([...exportJsonText(data)].join('')).toBe(whole);
    const pieces = [...exportJsonText(data, 16)];
    // In pieces: the point is never to hold the whole text at once.
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('')).toBe(whole);
  });

  it('escapes as JSON.stringify does: quotes, control characters, lone surrogates, non-ASCII', () => {
    const data = exportFixtures();
    const [first] = data.postmortems;
    if (!first) throw new Error('the fixture export has postmortems');
    const odd = {
      ...data,
      postmortems: [
        {
          ...first,
          title:
            'Quotes " and \\ back\\slashes, a tab\t, a NUL \u0000, a line separator \u2028, é, 東京, 🔥, a lone \ud800',
          summary: null,
        },
      ],
    };
    expect([...exportJsonText(odd, 8)].join('')).toBe(`${JSON.stringify(odd)}\n`);
  });

  it('streams the same text as UTF-8 bytes, as the page serves it', async () => {
    const data = exportFixtures();
    const text = await new Response(exportJsonStream(data, 64)).text();
    expect(text).toBe(`${JSON.stringify(data)}\n`);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
  });
});

describe('the committed JSON Schema', () => {
  it('is what `npm run schema` writes from the zod schema', () => {
    expect(readFileSync(join(ROOT, exportJsonSchemaFile), 'utf8')).toBe(exportJsonSchemaText());
  });

  it('rejects what the format does not allow', () => {
    const jsonSchema = z.fromJSONSchema(JSON.parse(exportJsonSchemaText()));
    const data = JSON.parse(JSON.stringify(exportFixtures()));
    expect(jsonSchema.safeParse({ ...data, version: 2 }).success).toBe(false);
    expect(jsonSchema.safeParse({ ...data, exportedAt: '2024-01-01' }).success).toBe(false);
    const [first] = data.postmortems;
    expect(jsonSchema.safeParse({ ...data, postmortems: [{ ...first, status: 'draft' }] }).success).toBe(false);
    expect(jsonSchema.safeParse({ ...data, postmortems: [{ ...first, summary: undefined }] }).success).toBe(false);
  });
});
