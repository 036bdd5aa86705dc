import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/frontmatter.ts';
import {
  destinationSpan,
  eventTime,
  planImport,
  type FileImport,
  type ImportSettings,
  type LegacyFile,
} from '../../src/lib/import/convert.ts';
import { parseLegacyMarkdown, readLegacyPostmortem } from '../../src/lib/import/legacy.ts';
import { validatePostmortems } from '../../src/lib/validate.ts';
import { validCollection } from './fixtures.ts';

const legacyDir = fileURLToPath(new URL('../fixtures/legacy/', import.meta.url));
const image = `${legacyDir}assets/latency-graph.png`;

function legacyFile(name: string): LegacyFile {
  return { path: `${legacyDir}${name}`, display: name, source: readFileSync(`${legacyDir}${name}`, 'utf8') };
}

const settings: ImportSettings = {
  outDir: 'content/postmortems',
  existingIds: new Set(),
  status: 'in-review',
  fileExists: (path) => path === image,
};

/** Every fixture of tests/fixtures/legacy (not broken/), in name order. */
function legacyBatch(): LegacyFile[] {
  return readdirSync(legacyDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map(legacyFile);
}

function byInput(results: readonly FileImport[], prefix: string): FileImport {
  const found = results.find((result) => result.input.startsWith(prefix));
  if (!found) throw new Error(`no result for ${prefix}`);
  return found;
}

function frontmatterOf(result: FileImport): Record<string, unknown> {
  const split = splitFrontmatter(result.text ?? '');
  if (!split) throw new Error('no frontmatter');
  return parseFrontmatter(split).data as Record<string, unknown>;
}

function bodyOf(result: FileImport): string {
  return splitFrontmatter(result.text ?? '')?.body ?? '';
}

describe('importing a batch of legacy postmortems', () => {
  const results = planImport(legacyBatch(), settings);
  const spike = byInput(results, '301');
  const returns = byInput(results, '302');
  const stampede = byInput(results, '303');

  it('names the new files from the legacy file names', () => {
    expect(results.map(({ input, outcome, output }) => ({ input, outcome, output }))).toEqual([
      { input: '000 - Postmortem Template.md', outcome: 'skipped', output: undefined },
      {
        input: '103 - Lock lease expired early.md',
        outcome: 'imported',
        output: 'content/postmortems/103-lock-lease-expired-early.md',
      },
      {
        input: '301 - Checkout latency spike in production.md',
        outcome: 'imported',
        output: 'content/postmortems/301-checkout-latency-spike-in-production.md',
      },
      {
        input: '302 - Checkout latency returns.md',
        outcome: 'imported',
        output: 'content/postmortems/302-checkout-latency-returns.md',
      },
      {
        input: '303 - Cache warmer stampede.md',
        outcome: 'imported',
        output: 'content/postmortems/303-cache-warmer-stampede.md',
      },
    ]);
  });

  it('skips the template and says why', () => {
    expect(results[0]?.problems).toEqual([{ message: 'skipped: the file name says it is a template' }]);
    const renamed = planImport(
      [{ ...legacyFile('000 - Postmortem Template.md'), path: '/x/000 - Blank.md' }],
      settings,
    );
    expect(renamed[0]?.outcome).toBe('skipped');
    expect(renamed[0]?.problems[0]?.message).toBe('skipped: a template (its title has the placeholder [what broke])');
  });

  it('maps the H1, combined levels, accented authors, date-times and events on one day', () => {
    expect(frontmatterOf(spike)).toEqual({
      title: 'Checkout latency spike in production',
      date: '2024-12-02',
      status: 'in-review',
      level: ['internal', 'outage'],
      authors: ['Zoë Ångström <zoe.angstrom@larkspur.example>', 'José Núñez-García <jose@larkspur.example>'],
      environments: ['production'],
      timeline: [
        {
          at: '2024-11-30',
          kind: 'deploy',
          environment: 'production',
          text: 'Release 4.2 of the checkout service is deployed to production with a pool of 8 connections instead of 32.',
        },
        {
          at: '2024-11-30T23:40Z',
          kind: 'outage',
          environment: 'production',
          text: 'Checkout in production is unavailable for most customers; p99 latency passes 8 seconds.',
        },
        { at: '2024-11-30T23:52Z', kind: 'detection', text: 'The latency alert pages the on-call engineer, José.' },
        {
          at: '2024-11-30T23:59Z',
          kind: 'mitigation',
          text: 'The checkout pods are restarted with the old pool size, and latency drops back under 300 ms.',
        },
        {
          at: '2024-12-01',
          kind: 'investigation',
          text: "We investigate the pool metrics and the gateway's logs over the whole night.",
        },
        { at: '2024-12-02', kind: 'fix', text: "A fix that sizes the pool from the gateway's own limit is merged." },
      ],
    });
  });

  it('copies every other section byte for byte, links and images aside', () => {
    const source = legacyFile('301 - Checkout latency spike in production.md').source;
    const expected = source
      .slice(source.indexOf('## Summary'), source.indexOf('## Timeline'))
      .concat(source.slice(source.indexOf('## Detection')))
      .replace('./302%20-%20Checkout%20latency%20returns.md#summary', './302-checkout-latency-returns.md#summary')
      .replace('./assets/latency-graph.png', './301-checkout-latency-spike-in-production/latency-graph.png');
    expect(bodyOf(spike)).toBe(`\n${expected}`);
  });

  it('copies images into a folder named after the new file', () => {
    expect(spike.assets).toEqual([
      { from: image, to: 'content/postmortems/301-checkout-latency-spike-in-production/latency-graph.png' },
    ]);
    expect(spike.mapped).toContain(
      'image ./assets/latency-graph.png (legacy line 58) → copied to content/postmortems/301-checkout-latency-spike-in-production/latency-graph.png',
    );
  });

  it('rewrites links to other legacy files, however they are written, in the body and in events', () => {
    const body = bodyOf(returns);
    expect(body).toContain('[the first spike](./301-checkout-latency-spike-in-production.md)');
    expect(body).toContain('[first]: ./301-checkout-latency-spike-in-production.md#prevention');
    expect((frontmatterOf(returns)['timeline'] as { text: string }[])[0]?.text).toBe(
      'Checkout on staging goes down during the load test, as in [the first spike](./301-checkout-latency-spike-in-production.md#timeline).',
    );
  });

  it('keeps date-times with their offsets, and writes UTC where none is written', () => {
    expect((frontmatterOf(returns)['timeline'] as { at: string }[]).map((event) => event.at)).toEqual([
      '2024-12-14T09:15+01:00',
      '2024-12-14T10:05+01:00',
    ]);
    expect(spike.mapped).toContain(
      '2 times written without a zone taken as UTC, as the legacy template asks ("use UTC time")',
    );
  });

  it('lists what needs a human, at its line in the new file', () => {
    expect(spike.human).toEqual([]);
    expect(returns.human).toMatchInlineSnapshot(`
      [
        {
          "line": 25,
          "message": ""## Response, Cause, Prevention" holds the Cause together with other text; split it so the body has a "## Cause" section of its own (the importer does not divide the author's words)",
        },
        {
          "line": 25,
          "message": ""## Response, Cause, Prevention" holds the Prevention together with other text; split it so the body has a "## Prevention" section of its own (the importer does not divide the author's words)",
        },
      ]
    `);
    expect(returns.text?.split('\n')[24]).toBe('## Response, Cause, Prevention');
    expect(stampede.human).toMatchInlineSnapshot(`
      [
        {
          "line": 2,
          "message": "the H1 says 033 but the file name says 303; the file name's number is used: check which is right",
        },
        {
          "line": 2,
          "message": "the H1 title "Cache warmer stampede after the deploy" and the file name "Cache warmer stampede" disagree; the title is the H1's and the new file name comes from the legacy file name: check both",
        },
        {
          "line": 5,
          "message": "unknown level "Sev 2" (legacy line 3), written as "sev-2"; replace it with one of: internal, outage, corruption, breach, or add it to the levels in src/site.config.ts",
        },
        {
          "line": 10,
          "message": "no word in "The team met to plan the cache warmer's next version." tells what kind of event it is; written as note: choose one of outage, detection, investigation, mitigation, fix, deploy, note",
        },
        {
          "line": 19,
          "message": "the link "./299%20-%20Old%20stampede.md" points at "299 - Old stampede.md" beside the legacy file, which is not among the imported files and has no Hindsight file (299-old-stampede.md); point it at the postmortem it means",
        },
      ]
    `);
    const lines = stampede.text?.split('\n') ?? [];
    expect([lines[1], lines[4], lines[9], lines[18]]).toEqual([
      'title: Cache warmer stampede after the deploy',
      'level: [outage, sev-2]',
      '    kind: note',
      expect.stringContaining('[the 2019 stampede](./299%20-%20Old%20stampede.md)'),
    ]);
  });

  it('writes files that pass validation, except where the report says why not', () => {
    const files = results.flatMap((result) =>
      result.output && result.text ? [{ file: result.output, source: result.text }] : [],
    );
    const issues = validatePostmortems(files).issues.map(({ kind, file, field, received }) => ({
      kind,
      file,
      field,
      received,
    }));
    expect(issues).toEqual([
      {
        kind: 'missing-section',
        file: 'content/postmortems/302-checkout-latency-returns.md',
        field: 'body',
        received: '## Summary, ## Response, Cause, Prevention',
      },
      {
        kind: 'missing-section',
        file: 'content/postmortems/302-checkout-latency-returns.md',
        field: 'body',
        received: '## Summary, ## Response, Cause, Prevention',
      },
      {
        kind: 'field',
        file: 'content/postmortems/303-cache-warmer-stampede.md',
        field: 'level[1]',
        received: '"sev-2"',
      },
      {
        kind: 'broken-link',
        file: 'content/postmortems/103-lock-lease-expired-early.md',
        field: 'body',
        received:
          'a link to "./101-search-index-rebuild-stalled.md#prevention", but content/postmortems/101-search-index-rebuild-stalled.md does not exist',
      },
      {
        kind: 'broken-link',
        file: 'content/postmortems/301-checkout-latency-spike-in-production.md',
        field: 'body',
        received:
          'a link to "./302-checkout-latency-returns.md#summary", whose file content/postmortems/302-checkout-latency-returns.md has problems of its own',
      },
    ]);
  });
});

describe('numbers and names', () => {
  const existing = new Set(validCollection().map(({ file }) => file.slice(file.lastIndexOf('/') + 1, -3)));

  it('renumbers a file whose number is taken by another postmortem, and links to existing postmortems', () => {
    const [lease] = planImport([legacyFile('103 - Lock lease expired early.md')], {
      ...settings,
      existingIds: existing,
    });
    expect(lease?.output).toBe('content/postmortems/104-lock-lease-expired-early.md');
    expect(lease?.human[0]).toEqual({
      line: 2,
      message:
        'number 103 is already used by 103-lock-lease-follow-up.md; imported as 104 instead: keep that, or renumber one of the two by hand',
    });
    expect(bodyOf(lease as FileImport)).toContain('(./101-search-index-rebuild-stalled.md#prevention)');
    const files = [...validCollection(), { file: lease?.output ?? '', source: lease?.text ?? '' }];
    expect(validatePostmortems(files).issues).toEqual([]);
  });

  it('renumbers the later of two files with one number, past every number of the batch', () => {
    const source = '# 5 - A\n\n## Level: Internal\n\n## Timeline\n\n- **2024-01-01**: Noted.\n';
    const results = planImport(
      [
        { path: '/legacy/005 - First.md', display: 'a', source },
        { path: '/legacy/005 - Second.md', display: 'b', source },
        { path: '/legacy/009 - Third.md', display: 'c', source },
      ],
      settings,
    );
    expect(results.map((result) => result.output)).toEqual([
      'content/postmortems/005-first.md',
      'content/postmortems/010-second.md',
      'content/postmortems/009-third.md',
    ]);
  });

  it('numbers a file with no number anywhere with the next free one', () => {
    const [result] = planImport(
      [{ path: '/legacy/Disk full.md', display: 'Disk full.md', source: '## Timeline\n\n- **2024-01-01**: Full.\n' }],
      { ...settings, existingIds: existing },
    );
    expect(result?.output).toBe('content/postmortems/104-disk-full.md');
    expect(result?.human.map((note) => note.message)).toEqual([
      'the legacy file has no "# NNN - Title" heading; the title comes from its file name: check it',
      'neither the file name nor the H1 has a number; numbered 104, the next free one',
      'the legacy file has no "## Level: ..." heading; choose one or more levels from: internal, outage, corruption, breach',
      'the legacy file has no "## Author(s)" items; add each author as "Name <email>"',
      'no word in "Full." tells what kind of event it is; written as note: choose one of outage, detection, investigation, mitigation, fix, deploy, note',
      'the legacy file has no "## Summary" section, which Hindsight requires; write it (the importer does not invent one)',
      'the legacy file has no "## Cause" section, which Hindsight requires; write it (the importer does not invent one)',
      'the legacy file has no "## Prevention" section, which Hindsight requires; write it (the importer does not invent one)',
    ]);
  });

  it('never plans over an existing file, nor twice the same name', () => {
    const spike = legacyFile('301 - Checkout latency spike in production.md');
    const results = planImport([spike, { ...spike, path: `${legacyDir}301-checkout-latency-spike-in-production.md` }], {
      ...settings,
      existingIds: new Set(['302-checkout-latency-returns']),
    });
    expect(results[0]?.outcome).toBe('imported');
    expect(results[1]).toMatchObject({
      outcome: 'failed',
      problems: [
        {
          message:
            '301-checkout-latency-spike-in-production.md is also the new name of 301 - Checkout latency spike in production.md, imported just before; not imported twice',
        },
      ],
    });
    const again = planImport([legacyFile('302 - Checkout latency returns.md')], {
      ...settings,
      existingIds: new Set(['302-checkout-latency-returns']),
    });
    expect(again[0]?.outcome).toBe('failed');
    expect(again[0]?.problems[0]?.message).toBe(
      'content/postmortems/302-checkout-latency-returns.md already exists; the importer never overwrites a file',
    );
  });

  it('does not import a file it cannot convert without losing words, and says where', () => {
    const [broken] = planImport([legacyFile('broken/401 - Undated timeline.md')], settings);
    expect(broken?.outcome).toBe('failed');
    expect(broken?.problems.map((problem) => problem.line)).toEqual([15, 18]);
    const [noTimeline] = planImport(
      [{ path: '/l/1 - X.md', display: 'x', source: '# 1 - X\n\n## Summary\n\nHi.\n' }],
      settings,
    );
    expect(noTimeline?.problems[0]?.message).toContain('the file has no "## Timeline" section');
    const [hindsight] = planImport([{ path: '/l/1-x.md', display: 'x', source: '---\ntitle: X\n---\n' }], settings);
    expect(hindsight?.problems[0]?.message).toContain('already has a YAML frontmatter block');
  });
});

describe('details of the conversion', () => {
  it.each([
    ['2024-11-30', '2024-11-30', false],
    ['2024-11-30 23:59', '2024-11-30T23:59Z', true],
    ['2024-11-30 9:05:30', '2024-11-30T09:05:30Z', true],
    ['2024-11-30T23:59Z', '2024-11-30T23:59Z', false],
    ['2024-11-30 23:59 UTC', '2024-11-30T23:59Z', false],
    ['2024-11-30 23:59 -0500', '2024-11-30T23:59-05:00', false],
  ])('event time %s → %s', (when, value, assumedUtc) => {
    expect(eventTime(when)).toEqual({ value, assumedUtc });
  });

  it('finds the destination of links written every way', () => {
    const source = [
      '[a](./x.md) [b *c*](<./y z.md> "t") [d](./p(1).md)',
      "![e](./f.png 't') [g](./h\\_i.md)",
      '',
      '[ref]:\n  ./j.md "title"',
    ].join('\n');
    const spans: string[] = [];
    visit(parseLegacyMarkdown(source), (node) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        const span = destinationSpan(source, node as Link);
        spans.push(span ? source.slice(span.start, span.end) : 'none');
      }
    });
    expect(spans).toEqual(['./x.md', '<./y z.md>', './p(1).md', './f.png', './h\\_i.md', './j.md']);
  });

  it('reports a missing image and a relative link the site cannot serve', () => {
    const source =
      '# 1 - X\n\n## Timeline\n\n- **2024-01-01**: See [the runbook](../runbooks/db.txt).\n\n## Summary\n\n![graph](./gone.png)\n';
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    expect(result?.human.filter((note) => /relative link|image/.test(note.message))).toEqual([
      {
        line: 10,
        message:
          'the relative link "../runbooks/db.txt" points at a file the site does not publish; link to it by its URL instead',
      },
      {
        line: 15,
        message: 'the image "./gone.png" was not found at /l/gone.png; copy it beside the new file and fix the link',
      },
    ]);
    expect(result?.assets).toEqual([]);
  });

  it('writes each level once, and points an unknown one out at its place in the list', () => {
    const source = '# 1 - X\n\n## Level: Outage and outage, Sev 2\n\n## Timeline\n\n- **2024-01-01**: Noted.\n';
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    expect(frontmatterOf(result as FileImport)['level']).toEqual(['outage', 'sev-2']);
    const unknown = result?.human.find((note) => note.message.startsWith('unknown level'));
    expect(result?.text?.split('\n')[(unknown?.line ?? 0) - 1]).toBe('level: [outage, sev-2]');
  });

  it('writes authors as "Name <email>" and reports one without an email address', () => {
    const source =
      '# 1 - X\n\n## Author(s)\n\n- **Ana Lúcia** <ana@larkspur.example>\n- Cy Dunn\n\n## Timeline\n\n- **2024-01-01**: Noted.\n';
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    expect(frontmatterOf(result as FileImport)['authors']).toEqual(['Ana Lúcia <ana@larkspur.example>', 'Cy Dunn']);
    expect(result?.human).toContainEqual({
      line: 8,
      message: 'the author "Cy Dunn" (legacy line 6) is not "Name <email>"; add the email address',
    });
  });

  it('reports relative files in raw HTML, which it does not copy', () => {
    const source =
      '# 1 - X\n\n## Timeline\n\n- **2024-01-01**: Noted.\n\n## Detection\n\n<img src="./shot.png" alt="shot"> <a href="https://example.com/">ok</a>\n';
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    expect(result?.human).toContainEqual({
      line: 15,
      message:
        'the raw HTML refers to "./shot.png", which is not copied (only Markdown images are); write it as ![text](./shot.png) and import again, or copy the file and fix the path by hand',
    });
    expect(result?.human.filter((note) => note.message.includes('example.com'))).toEqual([]);
  });

  it('reports an admonition of a documentation site', () => {
    const source = '# 1 - X\n\n## Timeline\n\n- **2024-01-01**: Noted.\n\n## Prevention\n\n:::note\n\nLater.\n\n:::\n';
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    expect(result?.human.map((note) => note.message)).toContain(
      '":::note" is an admonition of a documentation site, shown here as plain text (and its indented lines as code); rewrite it as a blockquote if it should stand out',
    );
  });

  it('reads back every event text exactly, however YAML has to quote or fold it', () => {
    const texts = [
      '"Quoted" at the start, then: a colon and # a hash',
      '- starts like a list item',
      `${'long words '.repeat(20)}with \`code\` and *emphasis*`,
    ];
    const source = `# 1 - X\n\n## Timeline\n\n${texts.map((text) => `- **2024-01-01**: ${text}`).join('\n')}\n`;
    const [result] = planImport([{ path: '/l/001 - X.md', display: 'x', source }], settings);
    const data = frontmatterOf(result as FileImport);
    expect((data['timeline'] as { text: string }[]).map((event) => event.text)).toEqual(
      texts.map((text) => text.trim()),
    );
    expect(readLegacyPostmortem(source).events).toHaveLength(3);
  });
});
