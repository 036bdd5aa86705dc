/**
 * One fixture per kind of content error, each asserted to produce its own kind and no other. The
 * table is typed by the catalogue and the test walks the catalogue, so a kind added to
 * `issueKinds` without a fixture fails here (and in the type check).
 */
import { describe, expect, it } from 'vitest';
import { issueKinds, type IssueKind } from '../../src/lib/errors.ts';
import { fixtureNames, issuesWith } from './fixtures.ts';

/** Files in tests/fixtures/invalid/, validated together with the valid collection. */
const fixturesOf = {
  encoding: ['221-not-utf-8.md'],
  'empty-file': ['222-empty-file.md'],
  'file-name': ['211-Cache-Warmer.md'],
  'no-frontmatter': ['217-missing-frontmatter.md'],
  yaml: ['216-yaml-syntax-error.md'],
  'duplicate-key': ['223-duplicate-key.md'],
  'yaml-aliases': ['224-yaml-alias-bomb.md'],
  // One per vocabulary or format; each message is checked in validate.test.ts.
  field: [
    '201-unknown-level.md',
    '202-unknown-relation.md',
    '203-unknown-event-kind.md',
    '204-unknown-status.md',
    '205-bad-author-string.md',
    '206-bad-email.md',
    '207-impossible-date.md',
    '208-date-time-without-offset.md',
  ],
  'unknown-field': ['215-unknown-field.md'],
  'timeline-order': ['209-events-out-of-order.md'],
  'duplicate-number': ['101-duplicate-number.md'],
  'dangling-reference': ['212-dangling-references.md'],
  // The draft it points at is valid on its own, so it sits apart from the one-problem-per-file fixtures.
  'draft-reference': ['225-draft-reference.md', 'companions/226-draft-capacity-plan.md'],
  'self-reference': ['220-self-reference.md'],
  'unfinished-text': ['250-unfinished-text.md'],
  'missing-section': ['213-missing-sections.md'],
  'forbidden-section': ['214-body-timeline.md'],
  'broken-link': ['218-broken-link.md'],
  'missing-fragment': ['219-missing-fragment.md'],
} as const satisfies Record<IssueKind, readonly string[]>;

describe('every kind of content error has a fixture that gives that kind alone', () => {
  it.each(Object.keys(issueKinds) as IssueKind[])('%s', (kind) => {
    const files: readonly string[] | undefined = (fixturesOf as Partial<Record<string, readonly string[]>>)[kind];
    expect(files, `add a fixture for "${kind}" to tests/fixtures/invalid/ and to this table`).toBeDefined();
    const issues = issuesWith(...(files ?? []));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((issue) => issue.kind)).toEqual(issues.map(() => kind));
    for (const issue of issues) {
      expect(issue.line, 'every issue names a line').toBeGreaterThanOrEqual(1);
      expect(issue.expected).not.toBe('');
    }
  });

  it('and every fixture in tests/fixtures/invalid/ is in the table', () => {
    const listed = new Set<string>(Object.values(fixturesOf).flat());
    expect(fixtureNames('invalid').filter((name) => !listed.has(name))).toEqual([]);
  });
});
