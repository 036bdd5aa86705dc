import { describe, expect, it } from 'vitest';
import {
  ContentValidationError,
  contentIssue,
  describeValue,
  formatIssue,
  formatIssues,
  issueKinds,
  issueLocation,
} from '../../src/lib/errors.ts';

const file = 'content/postmortems/004-disk-full.md';

describe('contentIssue', () => {
  it('takes the hint from the catalogue and leaves out what is not known', () => {
    expect(contentIssue('yaml', { file, expected: 'valid YAML', line: undefined })).toStrictEqual({
      kind: 'yaml',
      file,
      expected: 'valid YAML',
      hint: issueKinds.yaml.hint,
    });
  });

  it('keeps a hint of its own', () => {
    expect(contentIssue('field', { file, expected: 'x', hint: 'Do y.' }).hint).toBe('Do y.');
  });

  it('has a hint for every kind, each a sentence', () => {
    for (const { hint } of Object.values(issueKinds)) expect(hint).toMatch(/^[A-Z].*\.$/);
  });
});

describe('formatting', () => {
  const issue = contentIssue('field', {
    file,
    line: 12,
    column: 7,
    field: 'timeline[2].at',
    received: '"2023-02-30"',
    expected: 'a calendar date YYYY-MM-DD',
  });

  it('places an issue at file:line:col', () => {
    expect(issueLocation(issue)).toBe(`${file}:12:7`);
    expect(issueLocation(contentIssue('yaml', { file, line: 3, expected: 'valid YAML' }))).toBe(`${file}:3`);
    expect(issueLocation(contentIssue('yaml', { file, expected: 'valid YAML' }))).toBe(file);
  });

  it('writes one issue on one line', () => {
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/004-disk-full.md:12:7: timeline[2].at: received "2023-02-30"; expected a calendar date YYYY-MM-DD. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
    expect(formatIssue(contentIssue('no-frontmatter', { file, expected: 'frontmatter' }))).toMatchInlineSnapshot(
      `"content/postmortems/004-disk-full.md: expected frontmatter. Start the file with a YAML frontmatter block between two lines of ---."`,
    );
  });

  it('counts and lists every issue', () => {
    expect(formatIssues([issue])).toMatchInlineSnapshot(`
      "1 problem in postmortems:
        content/postmortems/004-disk-full.md:12:7: timeline[2].at: received "2023-02-30"; expected a calendar date YYYY-MM-DD. See docs/writing-postmortems.md for every field and its allowed values."
    `);
    const error = new ContentValidationError([issue, issue]);
    expect(error.name).toBe('ContentValidationError');
    expect(error.issues).toHaveLength(2);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message.split('\n')[0]).toBe('2 problems in postmortems:');
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'an empty value'],
    ['high', '"high"'],
    [20230101, 'number 20230101'],
    [true, 'boolean true'],
    [['a', 'b'], 'a list of 2'],
    [{ name: 'x' }, 'a mapping'],
  ])('%j is %s', (value, described) => {
    expect(describeValue(value)).toBe(described);
  });

  it('shortens long strings', () => {
    const described = describeValue('x'.repeat(100));
    expect(described).toBe(`"${'x'.repeat(77)}..."`);
  });
});
