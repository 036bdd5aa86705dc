import { describe, expect, it } from 'vitest';
import { ContentValidationError, formatIssue, type ContentIssue } from '../../src/lib/errors.ts';
import { checkPostmortem, fieldName, validatePostmortems } from '../../src/lib/validate.ts';
import { fixtureFile, fixtureNames, issuesWith, validCollection } from './fixtures.ts';

/** The one issue a fixture produces, checked to be the only one. */
function onlyIssue(name: string): ContentIssue {
  const issues = issuesWith(name);
  expect(issues).toHaveLength(1);
  return issues[0] as ContentIssue;
}

describe('a valid collection', () => {
  const { postmortems, issues } = validatePostmortems(validCollection());
  const byId = new Map(postmortems.map((postmortem) => [postmortem.id, postmortem]));
  const production = byId.get('102-search-index-stalled-in-production');

  it('passes with no issue and keeps every file', () => {
    expect(issues).toEqual([]);
    expect(postmortems.map(({ id, number, file }) => ({ id, number, file }))).toEqual([
      {
        id: '101-search-index-rebuild-stalled',
        number: 101,
        file: 'content/postmortems/101-search-index-rebuild-stalled.md',
      },
      {
        id: '102-search-index-stalled-in-production',
        number: 102,
        file: 'content/postmortems/102-search-index-stalled-in-production.md',
      },
      { id: '103-lock-lease-follow-up', number: 103, file: 'content/postmortems/103-lock-lease-follow-up.md' },
    ]);
  });

  it('reads authors written as "Name <email>" and as {name, email} alike', () => {
    expect(production?.data.authors).toEqual([
      { name: 'Mara Okonkwo', email: 'mara@larkspur.example' },
      { name: 'Tomás Lindqvist', email: 'tomas.lindqvist@larkspur.example' },
    ]);
    expect(byId.get('103-lock-lease-follow-up')?.data.authors).toEqual([
      { name: 'Ines Duarte', email: 'ines@larkspur.example' },
    ]);
  });

  it('keeps dates and date-times as written, in several offsets', () => {
    expect(production?.input['date']).toBe('2024-03-14');
    expect(production?.data.timeline.map((event) => event.at)).toEqual([
      '2024-03-04',
      '2024-03-11T10:00:00+05:30',
      '2024-03-11T06:00:00Z',
      '2024-03-11T00:20-07:00',
      '2024-03-12T16:45:30.250+01:00',
    ]);
    expect(production?.eventIds).toEqual([
      'event-2024-03-04',
      'event-2024-03-11t1000',
      'event-2024-03-11t0600',
      'event-2024-03-11t0020',
      'event-2024-03-12t1645',
    ]);
  });

  it('accepts events that look out of order by their clocks but are in order as instants', () => {
    // 10:00 at +05:30 is 04:30 UTC, before 06:00 UTC; 00:20 at -07:00 is 07:20 UTC.
    const times = production?.data.timeline.slice(1, 4).map((event) => event.at);
    expect(times).toEqual(['2024-03-11T10:00:00+05:30', '2024-03-11T06:00:00Z', '2024-03-11T00:20-07:00']);
  });

  it('fills the defaults of optional fields', () => {
    const first = byId.get('101-search-index-rebuild-stalled');
    expect(first?.data.related).toEqual([]);
    expect(byId.get('103-lock-lease-follow-up')?.data).toMatchObject({ environments: [], tags: [] });
  });

  it('reads the body: a GFM table, a task list, and links outside code only', () => {
    expect(production?.outline.summary).toBe(
      'The production search index stopped rebuilding, as the staging one had a week before.',
    );
    expect(production?.outline.headings.map((heading) => [heading.slug, heading.line])).toEqual([
      ['summary', 41],
      ['detection', 45],
      ['response', 52],
      ['cause', 60],
      ['prevention', 64],
      ['open-questions', 70],
    ]);
    expect(production?.outline.links.map((link) => link.url)).toEqual([
      './101-search-index-rebuild-stalled.md',
      './101-search-index-rebuild-stalled.md#cause',
      'https://wiki.larkspur.example/search/workers',
      './101-search-index-rebuild-stalled.md#event-2024-03-04',
      '#detection',
    ]);
  });
});

describe('every invalid fixture is reported, never dropped', () => {
  it.each(fixtureNames('invalid'))('%s', (name) => {
    const issues = issuesWith(name);
    expect(issues.some((issue) => issue.file === `content/postmortems/${name}`)).toBe(true);
    expect(issues.every((issue) => issue.line !== undefined && issue.line >= 1)).toBe(true);
  });
});

describe('frontmatter fields', () => {
  it('rejects a level outside the vocabulary', () => {
    const issue = onlyIssue('201-unknown-level.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'level[1]', line: 5 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/201-unknown-level.md:5:19: level[1]: received "catastrophe"; expected one of: internal, outage, corruption, breach. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects an unknown relation', () => {
    const issue = onlyIssue('202-unknown-relation.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'related[0].relation', line: 9 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/202-unknown-relation.md:9:15: related[0].relation: received "reminds-me-of"; expected one of: recurrence, continues, caused-by, follow-up, similar. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects an unknown event kind', () => {
    const issue = onlyIssue('203-unknown-event-kind.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'timeline[1].kind', line: 12 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/203-unknown-event-kind.md:12:11: timeline[1].kind: received "alert"; expected one of: outage, detection, investigation, mitigation, fix, deploy, note. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects an unknown status', () => {
    const issue = onlyIssue('204-unknown-status.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'status', line: 4 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/204-unknown-status.md:4:9: status: received "final"; expected one of: draft, in-review, published. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects an author string that is not "Name <email>"', () => {
    const issue = onlyIssue('205-bad-author-string.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'authors[1]', line: 8 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/205-bad-author-string.md:8:5: authors[1]: received "Bo Kristensen bo@larkspur.example"; expected an author as "Name <email>", such as "David Ellis <david@example.com>". See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects a malformed email in both author forms', () => {
    const [inString, inObject, ...rest] = issuesWith('206-bad-email.md');
    expect(rest).toEqual([]);
    expect(inString).toMatchObject({ kind: 'field', field: 'authors[0]', line: 7 });
    expect(inObject).toMatchObject({ kind: 'field', field: 'authors[1].email', line: 9 });
    expect(formatIssue(inString as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/206-bad-email.md:7:5: authors[0]: received "Ada Brenner <ada.larkspur.example>"; expected an author as "Name <email>" with a well-formed email address. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
    expect(formatIssue(inObject as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/206-bad-email.md:9:12: authors[1].email: received "bo@"; expected a well-formed email address such as david@example.com. See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects 2023-02-30 and 2023-02-29 instead of rolling them over into March', () => {
    const [date, at, ...rest] = issuesWith('207-impossible-date.md');
    expect(rest).toEqual([]);
    expect(date).toMatchObject({ kind: 'field', field: 'date', line: 3 });
    expect(at).toMatchObject({ kind: 'field', field: 'timeline[0].at', line: 8 });
    expect(formatIssue(date as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/207-impossible-date.md:3:7: date: received "2023-02-30"; expected a calendar date YYYY-MM-DD (February 2023 has 28 days, so there is no day 30). See docs/writing-postmortems.md for every field and its allowed values."`,
    );
    expect(formatIssue(at as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/207-impossible-date.md:8:9: timeline[0].at: received "2023-02-29T08:00:00Z"; expected a date YYYY-MM-DD or a date-time with Z or an offset, such as 2023-02-01T14:05:00Z (February 2023 has 28 days, so there is no day 29). See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects a date-time without Z or an offset', () => {
    const issue = onlyIssue('208-date-time-without-offset.md');
    expect(issue).toMatchObject({ kind: 'field', field: 'timeline[0].at', line: 8 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/208-date-time-without-offset.md:8:9: timeline[0].at: received "2024-05-08T09:15:00"; expected a date YYYY-MM-DD or a date-time with Z or an offset, such as 2023-02-01T14:05:00Z (a date-time needs \`Z\` or an offset such as +01:00, or the instant is ambiguous). See docs/writing-postmortems.md for every field and its allowed values."`,
    );
  });

  it('rejects unknown fields, at the top and inside an event', () => {
    const issues = issuesWith('215-unknown-field.md');
    expect(issues.map(({ kind, field, line }) => ({ kind, field, line }))).toEqual([
      { kind: 'unknown-field', field: 'timeline[0].owner', line: 11 },
      { kind: 'unknown-field', field: 'severity', line: 5 },
    ]);
    expect(issues.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "content/postmortems/215-unknown-field.md:11:5: timeline[0].owner: received "owner"; expected only the fields of the postmortem format. Remove the field or correct its spelling; unknown fields would be dropped.",
        "content/postmortems/215-unknown-field.md:5:1: severity: received "severity"; expected only the fields of the postmortem format. Remove the field or correct its spelling; unknown fields would be dropped.",
      ]
    `);
  });
});

describe('timeline order', () => {
  it('compares date-times as instants across offsets', () => {
    // 10:00 at +05:00 is 05:00 UTC: an hour before the 06:00 UTC event listed above it.
    const issue = onlyIssue('209-events-out-of-order.md');
    expect(issue).toMatchObject({ kind: 'timeline-order', field: 'timeline[1].at', line: 11 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/209-events-out-of-order.md:11:9: timeline[1].at: received "2023-02-01T10:00:00+05:00", which is earlier than the event before it ("2023-02-01T06:00:00Z"); expected events in chronological order, oldest first. List timeline events oldest first."`,
    );
  });
});

describe('file structure', () => {
  it('rejects a file name that is not NNN-kebab-title', () => {
    const issue = onlyIssue('211-Cache-Warmer.md');
    expect(issue).toMatchObject({ kind: 'file-name', field: 'file name', line: 1 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/211-Cache-Warmer.md:1: file name: received "211-Cache-Warmer.md"; expected NNN-kebab-title.md or .mdx: a number of 3 or more digits, then lowercase words joined by hyphens. Name the file NNN-kebab-title.md (or .mdx), for example 004-disk-full-on-staging.md."`,
    );
  });

  it('rejects a file without frontmatter', () => {
    const issue = onlyIssue('217-missing-frontmatter.md');
    expect(issue).toMatchObject({ kind: 'no-frontmatter', line: 1 });
    expect(issue.field).toBeUndefined();
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/217-missing-frontmatter.md:1: received "# Cache warmer stopped"; expected a YAML frontmatter block opened and closed by lines of ---. Start the file with a YAML frontmatter block between two lines of ---."`,
    );
  });

  it('rejects frontmatter whose closing fence is missing', () => {
    const { issues } = checkPostmortem({
      file: 'content/postmortems/300-unclosed.md',
      source: '---\ntitle: Unclosed\n\n## Summary\n',
    });
    expect(issues.map((issue) => issue.kind)).toEqual(['no-frontmatter']);
  });

  it('reports a YAML syntax error where it is', () => {
    const issue = onlyIssue('216-yaml-syntax-error.md');
    expect(issue).toMatchObject({ kind: 'yaml', line: 2 });
    expect(issue.field).toBeUndefined();
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/216-yaml-syntax-error.md:2:8: received "Nested mappings are not allowed in compact mappings"; expected valid YAML. Fix the YAML syntax; quote values that contain ": " or start with a special character."`,
    );
  });

  it('requires ## Summary, ## Cause and ## Prevention', () => {
    const issues = issuesWith('213-missing-sections.md');
    expect(issues.map(({ kind, field, line }) => ({ kind, field, line }))).toEqual([
      { kind: 'missing-section', field: 'body', line: 12 },
      { kind: 'missing-section', field: 'body', line: 12 },
      { kind: 'missing-section', field: 'body', line: 12 },
    ]);
    expect(issues.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "content/postmortems/213-missing-sections.md:12: body: received ## Response; expected a "## Summary" section (required: ## Summary, ## Cause, ## Prevention). Add the section as a \`## \` heading in the body.",
        "content/postmortems/213-missing-sections.md:12: body: received ## Response; expected a "## Cause" section (required: ## Summary, ## Cause, ## Prevention). Add the section as a \`## \` heading in the body.",
        "content/postmortems/213-missing-sections.md:12: body: received ## Response; expected a "## Prevention" section (required: ## Summary, ## Cause, ## Prevention). Add the section as a \`## \` heading in the body.",
      ]
    `);
  });

  it('forbids a ## Timeline section in the body', () => {
    const issue = onlyIssue('214-body-timeline.md');
    expect(issue).toMatchObject({ kind: 'forbidden-section', field: 'body', line: 25 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/214-body-timeline.md:25: body: received "## Timeline"; expected no "## Timeline" section in the body. The timeline is rendered from the frontmatter \`timeline\`; move its events there."`,
    );
  });
});

describe('references to a file that fails its own checks', () => {
  it('say the file has problems of its own, not that it does not exist', () => {
    const broken = fixtureFile('invalid/201-unknown-level.md');
    const pointing = {
      file: 'content/postmortems/230-points-at-a-broken-one.md',
      source: [
        '---',
        'title: Points at a broken one',
        'date: 2024-05-20',
        'status: published',
        'level: [internal]',
        'authors: ["Ada Brenner <ada@larkspur.example>"]',
        'related:',
        '  - id: 201-unknown-level',
        '    relation: similar',
        'timeline:',
        '  - at: 2024-05-20',
        '    kind: outage',
        '    text: The cache warmer stops.',
        '---',
        '',
        '## Summary',
        '',
        'See [the other one](./201-unknown-level.md#cause).',
        '',
        '## Cause',
        '',
        'A full disk.',
        '',
        '## Prevention',
        '',
        'Alerts.',
        '',
      ].join('\n'),
    };
    const { issues } = validatePostmortems([...validCollection(), broken, pointing]);
    const about = issues.filter((issue) => issue.file === pointing.file);
    expect(about.map(({ kind, field, line }) => ({ kind, field, line }))).toEqual([
      { kind: 'dangling-reference', field: 'related[0].id', line: 8 },
      { kind: 'broken-link', field: 'body', line: 18 },
    ]);
    for (const issue of about) {
      expect(issue.received).toContain('content/postmortems/201-unknown-level.md has problems of its own');
      expect(issue.hint).toBe(
        'Fix the problems reported for content/postmortems/201-unknown-level.md first; the reference is checked again then.',
      );
    }
  });
});

describe('the collection', () => {
  it('rejects a number used twice, on both files', () => {
    const issues = issuesWith('101-duplicate-number.md');
    expect(issues.map(({ kind, file, field, line }) => ({ kind, file, field, line }))).toEqual([
      {
        kind: 'duplicate-number',
        file: 'content/postmortems/101-search-index-rebuild-stalled.md',
        field: 'number',
        line: 1,
      },
      { kind: 'duplicate-number', file: 'content/postmortems/101-duplicate-number.md', field: 'number', line: 1 },
    ]);
    expect(issues.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "content/postmortems/101-search-index-rebuild-stalled.md:1: number: received 101, also used by content/postmortems/101-duplicate-number.md; expected a number used by no other postmortem. Give each postmortem its own number; \`npm run new\` picks the next free one.",
        "content/postmortems/101-duplicate-number.md:1: number: received 101, also used by content/postmortems/101-search-index-rebuild-stalled.md; expected a number used by no other postmortem. Give each postmortem its own number; \`npm run new\` picks the next free one.",
      ]
    `);
  });

  it('lists every dangling related id and timeline ref', () => {
    const issues = issuesWith('212-dangling-references.md');
    expect(issues.map(({ kind, field, line }) => ({ kind, field, line }))).toEqual([
      { kind: 'dangling-reference', field: 'related[1].id', line: 10 },
      { kind: 'dangling-reference', field: 'timeline[0].ref', line: 15 },
    ]);
    expect(new ContentValidationError(issues).message).toMatchInlineSnapshot(`
      "2 problems in postmortems:
        content/postmortems/212-dangling-references.md:10:9: related[1].id: received "090-never-written"; expected the id of an existing postmortem. Use the id (file name without extension) of an existing postmortem.
        content/postmortems/212-dangling-references.md:15:10: timeline[0].ref: received "102-search-index-stalled-in-staging"; expected the id of an existing postmortem (did you mean 102-search-index-stalled-in-production?). Use the id (file name without extension) of an existing postmortem."
    `);
  });

  it('rejects a postmortem related to itself', () => {
    const issue = onlyIssue('220-self-reference.md');
    expect(issue).toMatchObject({ kind: 'self-reference', field: 'related[0].id', line: 8 });
    expect(formatIssue(issue)).toMatchInlineSnapshot(
      `"content/postmortems/220-self-reference.md:8:9: related[0].id: received "220-self-reference"; expected the id of another postmortem. A postmortem cannot relate to itself; remove the entry."`,
    );
  });

  it('rejects TODO: text left in a published postmortem, in frontmatter and body, but not in code', () => {
    const issues = issuesWith('250-unfinished-text.md');
    expect(issues.map(({ kind, field, line, column }) => ({ kind, field, line, column }))).toEqual([
      { kind: 'unfinished-text', field: 'timeline[0].text', line: 10, column: 11 },
      { kind: 'unfinished-text', field: 'body', line: 19, column: 1 },
    ]);
    expect(formatIssue(issues[1] as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/250-unfinished-text.md:19:1: body: received "TODO: Why did it happen?"; expected no TODO: text in a published postmortem. Replace the TODO: text with your own words, or keep the postmortem a draft until it is written."`,
    );
  });

  it('rejects relative links to missing files, in the body and in timeline texts, but not in code', () => {
    const issues = issuesWith('218-broken-link.md');
    expect(issues.map(({ kind, field, line, column }) => ({ kind, field, line, column }))).toEqual([
      { kind: 'broken-link', field: 'body', line: 19, column: 20 },
      { kind: 'broken-link', field: 'timeline[0].text', line: 10, column: 11 },
    ]);
    expect(issues.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "content/postmortems/218-broken-link.md:19:20: body: received a link to "./104-cache-warmer-stopped.md#cause", but content/postmortems/104-cache-warmer-stopped.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md.",
        "content/postmortems/218-broken-link.md:10:11: timeline[0].text: received a link to "./105-cache-warmer-first-time.md", but content/postmortems/105-cache-warmer-first-time.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md.",
      ]
    `);
  });

  it('rejects links to fragments the target page does not have', () => {
    const issues = issuesWith('219-missing-fragment.md');
    expect(issues.map(({ kind, field, line, column }) => ({ kind, field, line, column }))).toEqual([
      { kind: 'missing-fragment', field: 'body', line: 19, column: 21 },
      { kind: 'missing-fragment', field: 'body', line: 20, column: 1 },
    ]);
    expect(issues.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "content/postmortems/219-missing-fragment.md:19:21: body: received a link to "./101-search-index-rebuild-stalled.md#root-cause", but 101-search-index-rebuild-stalled has no #root-cause; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page.",
        "content/postmortems/219-missing-fragment.md:20:1: body: received a link to "./101-search-index-rebuild-stalled.md#event-2024-03-06", but 101-search-index-rebuild-stalled has no #event-2024-03-06; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page.",
      ]
    `);
  });

  it('leaves references to the collection to the collection check', () => {
    const { issues, postmortem } = checkPostmortem(fixtureFile('invalid/212-dangling-references.md'));
    expect(issues).toEqual([]);
    expect(postmortem?.id).toBe('212-dangling-references');
  });
});

describe('fieldName', () => {
  it('writes paths the way authors read them', () => {
    expect(fieldName([])).toBe('frontmatter');
    expect(fieldName(['timeline', 2, 'at'])).toBe('timeline[2].at');
    expect(fieldName(['authors', 0])).toBe('authors[0]');
  });
});

describe('references to drafts', () => {
  it('rejects a published postmortem whose related id, ref and links point at a draft', () => {
    const files = validCollection().map((file) =>
      file.file.endsWith('101-search-index-rebuild-stalled.md')
        ? { ...file, source: file.source.replace('status: published', 'status: draft') }
        : file,
    );
    const issues = validatePostmortems(files).issues;
    expect(issues.every((issue) => issue.kind === 'draft-reference')).toBe(true);
    expect(issues.map((issue) => `${issue.file.slice(20)}:${issue.line} ${issue.field}`)).toMatchInlineSnapshot(`
      [
        "102-search-index-stalled-in-production.md:14 related[0].id",
        "102-search-index-stalled-in-production.md:21 timeline[0].ref",
        "102-search-index-stalled-in-production.md:43 body",
        "102-search-index-stalled-in-production.md:62 body",
        "102-search-index-stalled-in-production.md:68 body",
        "102-search-index-stalled-in-production.md:38 timeline[4].text",
      ]
    `);
    expect(formatIssue(issues[0] as ContentIssue)).toMatchInlineSnapshot(
      `"content/postmortems/102-search-index-stalled-in-production.md:14:9: related[0].id: received "101-search-index-rebuild-stalled", but 101-search-index-rebuild-stalled is a draft; expected a postmortem that is published or in review (drafts have no page). Publish the other postmortem first (status: in-review or published), or make this one a draft too."`,
    );
  });

  it('lets a draft point at another draft', () => {
    const files = validCollection().map((file) => ({
      ...file,
      source: file.source.replace('status: published', 'status: draft').replace('status: in-review', 'status: draft'),
    }));
    expect(validatePostmortems(files).issues).toEqual([]);
  });
});
