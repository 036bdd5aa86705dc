/**
 * Every content error Hindsight reports is a `ContentIssue` built here: the file, the line and column
 * where they can be known, the field, what was received, what is expected, and what to do.
 * The kinds form a catalogue so tests can assert the kind and the CLI and the build print the same.
 */

export const issueKinds = {
  encoding: {
    hint: 'Save the file as UTF-8 (in most editors: "Save with encoding", UTF-8), then check the characters around the reported place.',
  },
  'empty-file': { hint: 'Fill the file in from an existing postmortem, or delete it.' },
  'file-name': { hint: 'Name the file NNN-kebab-title.md (or .mdx), for example 004-disk-full-on-staging.md.' },
  'no-frontmatter': { hint: 'Start the file with a YAML frontmatter block between two lines of ---.' },
  yaml: { hint: 'Fix the YAML syntax; quote values that contain ": " or start with a special character.' },
  'duplicate-key': { hint: 'Keep one of the two; YAML would silently use the last one and drop the other.' },
  'yaml-aliases': {
    hint: 'Write the values out instead of repeating them with YAML anchors and aliases (&name, *name).',
  },
  field: { hint: 'See docs/writing-postmortems.md for every field and its allowed values.' },
  'unknown-field': { hint: 'Remove the field or correct its spelling; unknown fields would be dropped.' },
  'timeline-order': { hint: 'List timeline events oldest first.' },
  'duplicate-number': { hint: 'Give each postmortem its own number; `npm run new` picks the next free one.' },
  'dangling-reference': { hint: 'Use the id (file name without extension) of an existing postmortem.' },
  'draft-reference': {
    hint: 'Publish the other postmortem first (status: in-review or published), or make this one a draft too.',
  },
  'unfinished-text': {
    hint: 'Replace the TODO: text with your own words, or keep the postmortem a draft until it is written.',
  },
  'self-reference': { hint: 'A postmortem cannot relate to itself; remove the entry.' },
  'missing-section': { hint: 'Add the section as a `## ` heading in the body.' },
  'forbidden-section': { hint: 'The timeline is rendered from the frontmatter `timeline`; move its events there.' },
  'broken-link': { hint: 'Point the link at an existing postmortem file, for example ./002-some-title.md.' },
  'missing-fragment': { hint: 'Link to a heading or event that exists on the target page.' },
} as const satisfies Record<string, { hint: string }>;

export type IssueKind = keyof typeof issueKinds;

export interface ContentIssue {
  readonly kind: IssueKind;
  /** Path of the file, relative to the project root. */
  readonly file: string;
  /** 1-based line, where it can be known. */
  readonly line?: number;
  /** 1-based column, where it can be known. */
  readonly column?: number;
  /** Field path such as `timeline[2].at`, for frontmatter problems. */
  readonly field?: string;
  /** What was found, already quoted for display. */
  readonly received?: string;
  /** What is expected instead. */
  readonly expected: string;
  /** What to do about it. */
  readonly hint: string;
}

export interface IssueInput {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  field?: string | undefined;
  received?: string | undefined;
  expected: string;
  hint?: string | undefined;
}

/** The one constructor of content issues. */
export function contentIssue(kind: IssueKind, input: IssueInput): ContentIssue {
  return {
    kind,
    file: input.file,
    ...(input.line !== undefined ? { line: input.line } : {}),
    ...(input.column !== undefined ? { column: input.column } : {}),
    ...(input.field !== undefined ? { field: input.field } : {}),
    ...(input.received !== undefined ? { received: input.received } : {}),
    expected: input.expected,
    hint: input.hint ?? issueKinds[kind].hint,
  };
}

/** `content/postmortems/x.md:12:5` */
export function issueLocation(issue: ContentIssue): string {
  if (issue.line === undefined) return issue.file;
  return `${issue.file}:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}`;
}

/**
 * One issue on one line, in the `file:line:col: message` form editors and terminals link to:
 * `content/postmortems/x.md:12:7: timeline[2].at: received "2023-02-30"; expected ... hint`
 */
export function formatIssue(issue: ContentIssue): string {
  return `${issueLocation(issue)}: ${issueMessage(issue)}`;
}

/** The issue without its location: field, what was received, what is expected, what to do. */
export function issueMessage(issue: ContentIssue): string {
  const field = issue.field ? `${issue.field}: ` : '';
  const received = issue.received !== undefined ? `received ${issue.received}; ` : '';
  return `${field}${received}expected ${issue.expected}. ${issue.hint}`;
}

/**
 * The issue as a GitHub Actions workflow command, which GitHub shows on the offending line of the
 * pull request: `::error file=...,line=...,col=...,title=...::message`.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
export function formatAnnotation(issue: ContentIssue): string {
  const properties = [
    `file=${escapeProperty(issue.file)}`,
    ...(issue.line !== undefined ? [`line=${issue.line}`] : []),
    ...(issue.column !== undefined ? [`col=${issue.column}`] : []),
    `title=${escapeProperty(`Hindsight: ${issue.kind}`)}`,
  ];
  return `::error ${properties.join(',')}::${escapeData(issueMessage(issue))}`;
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function formatIssues(issues: readonly ContentIssue[]): string {
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return `${count} in postmortems:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`;
}

/** Thrown by the build when content is invalid; carries every issue, not just the first. */
export class ContentValidationError extends Error {
  readonly issues: readonly ContentIssue[];
  constructor(issues: readonly ContentIssue[]) {
    super(formatIssues(issues));
    this.name = 'ContentValidationError';
    this.issues = issues;
  }
}

/** A value as it should appear after "received": short, quoted, typed. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'a mapping';
}
