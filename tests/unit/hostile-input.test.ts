/**
 * Files written by mistake or in bad faith: each is refused with a message that says where and
 * why, quickly and without expanding what it asks to expand, or (when it is valid) accepted as
 * the text it is, for the pages to escape. How such text renders is checked on a real build in
 * tests/build/hostile-content.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/lib/encoding.ts';
import { formatIssue, type ContentIssue } from '../../src/lib/errors.ts';
import { checkPostmortem } from '../../src/lib/validate.ts';
import { fixtureFile, issuesWith } from './fixtures.ts';

function onlyIssue(...names: string[]): ContentIssue {
  const issues = issuesWith(...names);
  expect(issues).toHaveLength(1);
  return issues[0] as ContentIssue;
}

describe('a file that is not UTF-8', () => {
  it('is refused with the first bad byte, its offset, line and column', () => {
    const issue = onlyIssue('221-not-utf-8.md');
    expect(issue).toMatchObject({ kind: 'encoding', line: 15, column: 8 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/221-not-utf-8.md:15:8: received the byte 0xE9 at byte offset 233, which is not UTF-8; expected a file encoded as UTF-8. Save the file as UTF-8 (in most editors: "Save with encoding", UTF-8), then check the characters around the reported place."`,
    );
  });

  it('is located past characters that are UTF-8, including a U+FFFD written as such', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('é\uFFFD\nab'), 0xff, 0x41]);
    expect(decodeUtf8(bytes)).toEqual({
      text: 'é\uFFFD\nab\uFFFDA',
      invalid: { offset: 8, line: 2, column: 3, byte: '0xFF' },
    });
  });

  it('is told apart from a truncated sequence at the end and from valid text', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xe2, 0x82])).invalid).toEqual({
      offset: 1,
      line: 1,
      column: 2,
      byte: '0xE2',
    });
    expect(decodeUtf8(new TextEncoder().encode('\uFEFFplain'))).toEqual({ text: '\uFEFFplain' });
  });
});

describe('an empty file', () => {
  it('is refused as empty, not as a file without frontmatter', () => {
    expect(formatIssue(onlyIssue('222-empty-file.md'))).toMatchInlineSnapshot(
      `"content/postmortems/222-empty-file.md:1: received an empty file; expected a postmortem: YAML frontmatter between lines of ---, then the body. Fill the file in from an existing postmortem, or delete it."`,
    );
    const blank = checkPostmortem({ file: 'content/postmortems/300-blank.md', source: '\uFEFF \n\t\n' });
    expect(blank.issues.map((issue) => [issue.kind, issue.received])).toEqual([
      ['empty-file', 'a file with only white space'],
    ]);
  });
});

describe('a key written twice', () => {
  it('is refused with the lines of both', () => {
    const issue = onlyIssue('223-duplicate-key.md');
    expect(issue).toMatchObject({ kind: 'duplicate-key', field: 'title', line: 11, column: 1 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/223-duplicate-key.md:11:1: title: received "title" again on line 11, first written on line 2; expected each key once in a mapping. Keep one of the two; YAML would silently use the last one and drop the other."`,
    );
  });

  it('is found inside nested mappings too', () => {
    const source = [
      '---',
      'title: Nested',
      'timeline:',
      '  - at: 2024-01-01',
      '    kind: outage',
      '    kind: fix',
      '---',
    ].join('\n');
    const { issues } = checkPostmortem({ file: 'content/postmortems/300-nested.md', source });
    expect(issues.map(({ kind, field, line, received }) => ({ kind, field, line, received }))).toEqual([
      { kind: 'duplicate-key', field: 'kind', line: 6, received: '"kind" again on line 6, first written on line 5' },
    ]);
  });
});

describe('a YAML alias bomb', () => {
  it('is refused in milliseconds, without expanding it', () => {
    const file = fixtureFile('invalid/224-yaml-alias-bomb.md');
    const started = performance.now();
    const { issues } = checkPostmortem(file);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0] as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/224-yaml-alias-bomb.md:8:10: received 81 aliases, which would expand to more than 50 values; expected at most 50 values repeated through aliases. Write the values out instead of repeating them with YAML anchors and aliases (&name, *name)."`,
    );
  });

  it('is refused also when few aliases point at many', () => {
    const values = Array.from({ length: 40 }, (_, index) => `*a${index % 2}`).join(', ');
    const source = [
      '---',
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
      'a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]',
      `title: [${values}]`,
      '---',
    ].join('\n');
    const { issues } = checkPostmortem({ file: 'content/postmortems/300-aliases.md', source });
    expect(issues.map((issue) => [issue.kind, issue.line])).toEqual([['yaml-aliases', 3]]);
  });

  it('leaves a few harmless aliases to the schema', () => {
    const source = ['---', 'title: &t Same title', 'summary: *t', '---'].join('\n');
    const { issues } = checkPostmortem({ file: 'content/postmortems/300-alias.md', source });
    expect(issues.map((issue) => issue.kind)).not.toContain('yaml-aliases');
  });
});

describe('a 5 MB postmortem', () => {
  // Parsing 5 MB of Markdown takes several seconds; the build itself is checked by hand (see
  // docs/quality-checks.md), since a 5 MB file does not belong in git or in every test run's build.
  it('is validated in bounded time and memory', () => {
    const paragraph = `${'The worker retried the rebuild and logged the same stack trace again. '.repeat(14)}\n\n`;
    const body = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    const source = [
      '---',
      'title: A very long postmortem',
      'date: 2024-06-01',
      'status: published',
      'level: [internal]',
      'authors: ["Ada Brenner <ada@larkspur.example>"]',
      'timeline:',
      '  - at: 2024-06-01',
      '    kind: outage',
      '    text: The worker stops.',
      '---',
      '## Summary',
      '',
      body,
      '## Cause',
      '',
      'Too many retries.',
      '',
      '## Prevention',
      '',
      'Cap the retries.',
    ].join('\n');
    expect(source.length).toBeGreaterThan(5 * 1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const { issues, postmortem } = checkPostmortem({ file: 'content/postmortems/300-very-long.md', source });
    const seconds = (performance.now() - started) / 1000;
    const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(issues).toEqual([]);
    expect(postmortem?.outline.headings.map((heading) => heading.text)).toEqual(['Summary', 'Cause', 'Prevention']);
    // Generous bounds, about ten times what a 2-core machine needs: they catch a quadratic pass.
    expect(seconds).toBeLessThan(30);
    expect(heapGrowth).toBeLessThan(1024);
  }, 120_000);
});

describe('text that looks like markup or runs right to left', () => {
  it('is accepted as the text it is', () => {
    const source = [
      '---',
      'title: "<script>alert(1)</script><img src=x onerror=alert(2)> & <b>bold</b>"',
      'date: 2024-06-02',
      'status: published',
      'level: [internal]',
      'authors: ["\u202Eאדם כהן <adam@larkspur.example>", { name: "مريم <b>", email: "maryam@larkspur.example" }]',
      'timeline:',
      '  - at: 2024-06-02',
      '    kind: outage',
      '    text: The worker stops.',
      '---',
      '## Summary',
      '',
      'x',
      '',
      '## Cause',
      '',
      'y',
      '',
      '## Prevention',
      '',
      'z',
    ].join('\n');
    const { issues, postmortem } = checkPostmortem({ file: 'content/postmortems/300-markup.md', source });
    expect(issues).toEqual([]);
    expect(postmortem?.data.title).toBe('<script>alert(1)</script><img src=x onerror=alert(2)> & <b>bold</b>');
    expect(postmortem?.data.authors.map((author) => author.name)).toEqual(['\u202Eאדם כהן', 'مريم <b>']);
  });
});
