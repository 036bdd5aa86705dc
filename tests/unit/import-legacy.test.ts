import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLegacyPostmortem } from '../../src/lib/import/legacy.ts';

const legacyDir = new URL('../fixtures/legacy/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, legacyDir), 'utf8');

describe('reading a legacy postmortem', () => {
  const legacy = readLegacyPostmortem(fixture('301 - Checkout latency spike in production.md'));

  it('reads the number and title of the H1', () => {
    expect(legacy.title).toEqual({
      text: 'Checkout latency spike in production',
      number: '301',
      placeholders: [],
      line: 1,
    });
  });

  it('splits a combined level into its words', () => {
    expect(legacy.level).toEqual({ raw: 'Internal and Outage', values: ['Internal', 'Outage'], line: 3 });
  });

  it('keeps each author as written, accents included', () => {
    expect(legacy.authors).toEqual([
      {
        raw: 'Zoë Ångström <zoe.angstrom@larkspur.example>',
        name: 'Zoë Ångström',
        email: 'zoe.angstrom@larkspur.example',
        line: 7,
      },
      {
        raw: 'José Núñez-García <jose@larkspur.example>',
        name: 'José Núñez-García',
        email: 'jose@larkspur.example',
        line: 8,
      },
    ]);
  });

  it('reads authors written with emphasis, as mail links, or without an email', () => {
    const { authors } = readLegacyPostmortem(
      '## Authors\n\n- **Ana Lúcia** <ana@larkspur.example>\n- [Bo Ek](mailto:bo@larkspur.example)\n- Cy Dunn\n',
    );
    expect(authors.map(({ name, email, raw }) => ({ name, email, raw }))).toEqual([
      { name: 'Ana Lúcia', email: 'ana@larkspur.example', raw: '**Ana Lúcia** <ana@larkspur.example>' },
      { name: 'Bo Ek', email: 'bo@larkspur.example', raw: '[Bo Ek](mailto:bo@larkspur.example)' },
      { name: undefined, email: undefined, raw: 'Cy Dunn' },
    ]);
  });

  it('reads several events under one date, with or without their times', () => {
    const source = [
      '## Timeline',
      '',
      '- **2024-06-01**:',
      '  - 09:10 UTC: The queue backs up.',
      '  - **09:40**: Workers are restarted.',
      '  - Customers are told.',
      '- **2024-06-02**: Quiet.',
      '',
    ].join('\n');
    const { events, problems } = readLegacyPostmortem(source);
    expect(problems).toEqual([]);
    expect(events.map(({ when, text, line }) => ({ when, text: source.slice(text.start, text.end), line }))).toEqual([
      { when: '2024-06-01 09:10 UTC', text: 'The queue backs up.', line: 4 },
      { when: '2024-06-01 09:40', text: 'Workers are restarted.', line: 5 },
      { when: '2024-06-01', text: 'Customers are told.', line: 6 },
      { when: '2024-06-02', text: 'Quiet.', line: 7 },
    ]);
  });

  it('reads one event per timeline item, dates and date-times, several on one day', () => {
    expect(legacy.events.map(({ when, line }) => ({ when, line }))).toEqual([
      { when: '2024-11-30', line: 16 },
      { when: '2024-11-30 23:40', line: 17 },
      { when: '2024-11-30 23:52 UTC', line: 18 },
      { when: '2024-11-30 23:59', line: 19 },
      { when: '2024-12-01', line: 20 },
      { when: '2024-12-02', line: 22 },
    ]);
  });

  it("points each event's text at the source after the date and its colon", () => {
    const [first, , , , wrapped] = legacy.events;
    expect(legacy.source.slice(first?.text.start, first?.text.end)).toBe(
      'Release 4.2 of the checkout service is deployed to production with a pool of 8 connections instead of 32.',
    );
    expect(legacy.source.slice(wrapped?.text.start, wrapped?.text.end)).toBe(
      "We investigate the pool metrics and the gateway's logs\n  over the whole night.",
    );
  });

  it('keeps every other section for the body, and ignores lookalikes inside code', () => {
    expect(legacy.sections.map(({ heading, line }) => ({ heading, line }))).toEqual([
      { heading: 'Summary', line: 10 },
      { heading: 'Detection', line: 24 },
      { heading: 'Response', line: 31 },
      { heading: 'Cause', line: 47 },
      { heading: 'Prevention', line: 56 },
    ]);
    expect(legacy.problems).toEqual([]);
  });

  it('cuts sections at ## headings only, so ### subsections stay in theirs', () => {
    const response = legacy.sections.find((section) => section.heading === 'Response');
    const text = legacy.source.slice(response?.start, response?.end);
    expect(text).toContain('### First minutes');
    expect(text).toContain('### Rollback');
    expect(text).toContain('## Not a heading: this line is inside a code block');
    expect(text.endsWith('```\n\n')).toBe(true);
  });

  it('reads a level written under its heading, and a bare date before a colon', () => {
    const other = readLegacyPostmortem(
      '# Undated title\n\n## Level\n\nBreach / Corruption\n\n## Timeline\n\n- 2024-02-03 10:15: Keys are rotated.\n',
    );
    expect(other.title).toEqual({ text: 'Undated title', placeholders: [], line: 1 });
    expect(other.level).toEqual({ raw: 'Breach / Corruption', values: ['Breach', 'Corruption'], line: 5 });
    expect(other.events.map(({ when, plain }) => ({ when, plain }))).toEqual([
      { when: '2024-02-03 10:15', plain: ': Keys are rotated.' },
    ]);
  });

  it('notes the placeholders of a template title', () => {
    const template = readLegacyPostmortem(fixture('000 - Postmortem Template.md'));
    expect(template.title?.placeholders).toEqual(['[what broke]']);
  });

  it('lists, with their lines, the timeline items and the text it has no place for', () => {
    const broken = readLegacyPostmortem(fixture('broken/401 - Undated timeline.md'));
    expect(broken.events).toHaveLength(1);
    expect(broken.problems).toMatchInlineSnapshot(`
      [
        {
          "line": 18,
          "message": "the timeline item "Sometime in May: the nightly cleanup is found to be disab..." does not start with a date; expected "**YYYY-MM-DD**: what happened" or "**YYYY-MM-DD hh:mm**: what happened"",
        },
        {
          "line": 15,
          "message": "the ## Timeline section has a paragraph "All times are in UTC.", which the importer has no place for; expected only a list of "**YYYY-MM-DD**: what happened" items. Move it into another section of the legacy file and import again",
        },
      ]
    `);
  });

  it('refuses a timeline item of several paragraphs rather than drop any of it', () => {
    const legacy = readLegacyPostmortem('# 1 - X\n\n## Timeline\n\n- **2024-01-01**: One.\n\n  Two.\n');
    expect(legacy.events).toEqual([]);
    expect(legacy.problems[0]?.message).toContain('has more than one paragraph or a nested list');
  });

  it('reads CRLF files and a byte-order mark as plain LF text', () => {
    const legacy = readLegacyPostmortem(
      '\uFEFF# 7 - Windows\r\n\r\n## Timeline\r\n\r\n- **2024-01-01**: It happened.\r\n',
    );
    expect(legacy.source).toBe('# 7 - Windows\n\n## Timeline\n\n- **2024-01-01**: It happened.\n');
    expect(legacy.events[0]?.when).toBe('2024-01-01');
  });

  it('recognises a file that already has frontmatter', () => {
    expect(readLegacyPostmortem('---\ntitle: x\n---\n\n## Summary\n').hasFrontmatter).toBe(true);
  });
});
