/**
 * The validation of postmortem files, as pure functions over their text. The Astro build (through
 * the postmortem loader) and the standalone validator both call `validatePostmortems`, so they can
 * never disagree. Every problem becomes a `ContentIssue` with file, line, field, what was received
 * and what is expected; all of them are reported, not just the first.
 */
import type { z } from 'astro/zod';
import { bodySections } from '../site.config.ts';
import { PostmortemSchema, type PostmortemData } from '../schemas/postmortem.ts';
import { outlineBody, TODO_MARK, type BodyOutline } from './body.ts';
import { compareEventTimes, parseEventTime } from './dates.ts';
import type { InvalidUtf8 } from './encoding.ts';
import { contentIssue, describeValue, type ContentIssue } from './errors.ts';
import { eventIds } from './events.ts';
import { MAX_ALIASES, parseFrontmatter, splitFrontmatter, type SourcePosition } from './frontmatter.ts';
import { checkPostmortemLinks, draftReference, uncheckedBy } from './links.ts';
import { parsePostmortemFileName } from './postmortem-file.ts';

export interface PostmortemFile {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  readonly source: string;
  /** Set when the file's bytes are not UTF-8 (see `decodeUtf8`); `source` is then not checked. */
  readonly invalidUtf8?: InvalidUtf8 | undefined;
}

/** A postmortem whose file passed every per-file check. */
export interface CheckedPostmortem {
  readonly id: string;
  readonly number: number;
  readonly file: string;
  /** The frontmatter as written (strings, not dates), which the Astro schema parses again. */
  readonly input: Record<string, unknown>;
  readonly data: PostmortemData;
  readonly outline: BodyOutline;
  /** Anchor ids of the timeline events, in order. */
  readonly eventIds: readonly string[];
  /** Position in the file of a frontmatter value. */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): SourcePosition;
}

export interface ValidationResult {
  /** Postmortems that passed the per-file checks (collection checks may still report issues). */
  readonly postmortems: readonly CheckedPostmortem[];
  readonly issues: readonly ContentIssue[];
}

/**
 * Validates a whole collection: each file, then what only the collection can tell. `reuse` may give
 * a file's result of an earlier run of the per-file checks (`checkPostmortem`) on the same text
 * with the same code, which then are not run again; the collection checks always are.
 */
export function validatePostmortems(
  files: readonly PostmortemFile[],
  reuse?: (file: PostmortemFile) => CheckedPostmortem | undefined,
): ValidationResult {
  const postmortems: CheckedPostmortem[] = [];
  const issues: ContentIssue[] = [];
  const unchecked: string[] = [];
  for (const file of files) {
    const reused = reuse?.(file);
    if (reused) {
      postmortems.push(reused);
      continue;
    }
    const result = checkPostmortem(file);
    issues.push(...result.issues);
    if (result.postmortem) postmortems.push(result.postmortem);
    else unchecked.push(file.file);
  }
  issues.push(...checkCollection(postmortems, unchecked));
  return { postmortems, issues };
}

/** Checks one file on its own: name, frontmatter, schema, timeline order, body sections. */
export function checkPostmortem({ file, source, invalidUtf8 }: PostmortemFile): {
  postmortem?: CheckedPostmortem;
  issues: ContentIssue[];
} {
  if (invalidUtf8) {
    return {
      issues: [
        contentIssue('encoding', {
          file,
          line: invalidUtf8.line,
          column: invalidUtf8.column,
          received: `the byte ${invalidUtf8.byte} at byte offset ${invalidUtf8.offset}, which is not UTF-8`,
          expected: 'a file encoded as UTF-8',
        }),
      ],
    };
  }
  if (source.replace(/^\uFEFF/, '').trim() === '') {
    return {
      issues: [
        contentIssue('empty-file', {
          file,
          line: 1,
          received: source === '' ? 'an empty file' : 'a file with only white space',
          expected: 'a postmortem: YAML frontmatter between lines of ---, then the body',
        }),
      ],
    };
  }
  const issues: ContentIssue[] = [];
  const name = parsePostmortemFileName(file);
  if (!name) {
    issues.push(
      contentIssue('file-name', {
        file,
        line: 1,
        field: 'file name',
        received: JSON.stringify(file.slice(file.lastIndexOf('/') + 1)),
        expected: 'NNN-kebab-title.md or .mdx: a number of 3 or more digits, then lowercase words joined by hyphens',
      }),
    );
  }
  const split = splitFrontmatter(source);
  if (!split) {
    issues.push(
      contentIssue('no-frontmatter', {
        file,
        line: 1,
        received: describeValue(source.split('\n')[0] ?? ''),
        expected: 'a YAML frontmatter block opened and closed by lines of ---',
      }),
    );
    return { issues };
  }
  const frontmatter = parseFrontmatter(split);
  if (frontmatter.errors.length > 0) {
    for (const error of frontmatter.errors) {
      issues.push(
        contentIssue('yaml', {
          file,
          ...error.position,
          received: JSON.stringify(error.message),
          expected: 'valid YAML',
        }),
      );
    }
    return { issues };
  }
  for (const duplicate of frontmatter.duplicateKeys) {
    issues.push(
      contentIssue('duplicate-key', {
        file,
        ...duplicate.position,
        field: duplicate.key,
        received: `"${duplicate.key}" again on line ${duplicate.position.line}, first written on line ${duplicate.first.line}`,
        expected: 'each key once in a mapping',
      }),
    );
  }
  if (frontmatter.excessiveAliases) {
    issues.push(
      contentIssue('yaml-aliases', {
        file,
        ...frontmatter.excessiveAliases.position,
        received: `${frontmatter.excessiveAliases.count} aliases, which would expand to more than ${MAX_ALIASES} values`,
        expected: `at most ${MAX_ALIASES} values repeated through aliases`,
      }),
    );
  }
  // Their data was not read: a duplicate key would be half the story, an alias bomb a crash.
  if (frontmatter.duplicateKeys.length > 0 || frontmatter.excessiveAliases) return { issues };
  const input = frontmatter.data;
  const parsed = PostmortemSchema.safeParse(input ?? {});
  if (!parsed.success) {
    issues.push(...zodIssues(file, input, parsed.error.issues, frontmatter.locate));
  }
  const outline = outlineBody(split.body, split.bodyLine);
  issues.push(...checkSections(file, outline, split.bodyLine));
  if (isMapping(input) && input['status'] === 'published') {
    issues.push(...unfinishedText(file, input, outline, frontmatter.locate));
  }
  if (!parsed.success) return { issues };

  const data = parsed.data;
  const times = data.timeline.map((event) => parseEventTime(event.at));
  for (let index = 1; index < times.length; index += 1) {
    const previous = times[index - 1];
    const current = times[index];
    if (previous && current && compareEventTimes(previous, current) > 0) {
      issues.push(
        contentIssue('timeline-order', {
          file,
          ...frontmatter.locate(['timeline', index, 'at']),
          field: `timeline[${index}].at`,
          received: `${JSON.stringify(current.raw)}, which is earlier than the event before it (${JSON.stringify(previous.raw)})`,
          expected: 'events in chronological order, oldest first',
        }),
      );
    }
  }
  if (!name || issues.length > 0) return { issues };
  return {
    issues,
    postmortem: {
      ...name,
      file,
      input: input as Record<string, unknown>,
      data,
      outline,
      eventIds: eventIds(data.timeline.map((event) => event.at)),
      locate: frontmatter.locate,
    },
  };
}

/**
 * What only the whole collection can tell: unique numbers, existing references, working links.
 * `unchecked` are the files that failed their own checks: a reference to one of them is reported as
 * waiting for that file, not as a postmortem that does not exist.
 */
export function checkCollection(
  postmortems: readonly CheckedPostmortem[],
  unchecked: readonly string[] = [],
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const byId = new Map(postmortems.map((postmortem) => [postmortem.id, postmortem]));
  const uncheckedById = new Map<string, string>();
  for (const file of unchecked) {
    const name = parsePostmortemFileName(file);
    if (name) uncheckedById.set(name.id, file);
  }
  const byNumber = new Map<number, CheckedPostmortem[]>();
  for (const postmortem of postmortems) {
    byNumber.set(postmortem.number, [...(byNumber.get(postmortem.number) ?? []), postmortem]);
  }
  for (const group of byNumber.values()) {
    if (group.length < 2) continue;
    for (const postmortem of group) {
      const others = group.filter((other) => other !== postmortem).map((other) => other.file);
      issues.push(
        contentIssue('duplicate-number', {
          file: postmortem.file,
          line: 1,
          field: 'number',
          received: `${String(postmortem.number).padStart(3, '0')}, also used by ${others.join(', ')}`,
          expected: 'a number used by no other postmortem',
        }),
      );
    }
  }
  for (const postmortem of postmortems) {
    const reference = (path: (string | number)[], field: string, id: string) => {
      if (id === postmortem.id && path[0] === 'related') {
        issues.push(
          contentIssue('self-reference', {
            file: postmortem.file,
            ...postmortem.locate(path),
            field,
            received: JSON.stringify(id),
            expected: 'the id of another postmortem',
          }),
        );
      } else if (byId.get(id)?.data.status === 'draft' && postmortem.data.status !== 'draft') {
        issues.push(draftReference(postmortem.file, { ...postmortem.locate(path), field }, id));
      } else if (!byId.has(id) && uncheckedById.has(id)) {
        issues.push(
          contentIssue('dangling-reference', {
            file: postmortem.file,
            ...postmortem.locate(path),
            field,
            received: `${JSON.stringify(id)}, whose file ${uncheckedById.get(id)} has problems of its own`,
            expected: 'the id of a postmortem that passes its own checks',
            hint: uncheckedBy(uncheckedById.get(id) as string),
          }),
        );
      } else if (!byId.has(id)) {
        issues.push(
          contentIssue('dangling-reference', {
            file: postmortem.file,
            ...postmortem.locate(path),
            field,
            received: JSON.stringify(id),
            expected: `the id of an existing postmortem${closest(id, byId.keys())}`,
          }),
        );
      }
    };
    postmortem.data.related.forEach((related, index) =>
      reference(['related', index, 'id'], `related[${index}].id`, related.id),
    );
    postmortem.data.timeline.forEach((event, index) => {
      if (event.ref) reference(['timeline', index, 'ref'], `timeline[${index}].ref`, event.ref);
    });
  }
  issues.push(...checkPostmortemLinks(postmortems, new Set(unchecked)));
  return issues;
}

function checkSections(file: string, outline: BodyOutline, bodyLine: number): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const sections = outline.headings.filter((heading) => heading.depth === 2);
  const named = (name: string) => sections.find((heading) => heading.text.trim().toLowerCase() === name.toLowerCase());
  const found = sections.map((heading) => `## ${heading.text}`).join(', ') || 'no ## sections';
  for (const required of bodySections.required) {
    if (!named(required)) {
      issues.push(
        contentIssue('missing-section', {
          file,
          line: bodyLine,
          field: 'body',
          received: found,
          expected: `a "## ${required}" section (required: ${bodySections.required.map((s) => `## ${s}`).join(', ')})`,
        }),
      );
    }
  }
  for (const forbidden of bodySections.forbidden) {
    const heading = named(forbidden);
    if (heading) {
      issues.push(
        contentIssue('forbidden-section', {
          file,
          line: heading.line,
          field: 'body',
          received: `"## ${heading.text}"`,
          expected: `no "## ${forbidden}" section in the body`,
        }),
      );
    }
  }
  return issues;
}

/** Turns zod's issues into content issues located in the file. */
function zodIssues(
  file: string,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  locate: (path: readonly PropertyKey[], options?: { key?: boolean }) => SourcePosition,
): ContentIssue[] {
  return issues.flatMap((issue): ContentIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return contentIssue('unknown-field', {
          file,
          ...locate(path, { key: true }),
          field: fieldName(path),
          received: JSON.stringify(key),
          expected: 'only the fields of the postmortem format',
        });
      });
    }
    if (issue.code === 'invalid_union') {
      const inner = issue.errors.flat().find((candidate) => candidate.code !== 'invalid_type');
      if (inner) return zodIssues(file, input, [{ ...inner, path: [...issue.path, ...inner.path] }], locate);
    }
    return [
      contentIssue('field', {
        file,
        ...locate(issue.path),
        field: fieldName(issue.path),
        received: describeValue(valueAt(input, issue.path)),
        expected: issue.message,
      }),
    ];
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `timeline[2].at` */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'frontmatter';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** ", did you mean 002-...?" when an id differs from an existing one only by its number or title. */
function closest(id: string, ids: Iterable<string>): string {
  const number = id.split('-')[0];
  const title = id.slice((number ?? '').length);
  for (const candidate of ids) {
    if (candidate.startsWith(`${number}-`) || candidate.endsWith(title)) return ` (did you mean ${candidate}?)`;
  }
  return '';
}

/**
 * A published postmortem may not keep text still to be written: the template's `TODO:` hints, its
 * example event, or a `TODO:` of the author's own, in the body or in any frontmatter text.
 */
function unfinishedText(
  file: string,
  input: unknown,
  outline: BodyOutline,
  locate: CheckedPostmortem['locate'],
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const expected = 'no TODO: text in a published postmortem';
  const visit = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      if (value.trimStart().startsWith(TODO_MARK)) {
        issues.push(
          contentIssue('unfinished-text', {
            file,
            ...locate(path),
            field: fieldName(path),
            received: describeValue(value),
            expected,
          }),
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(input, []);
  for (const todo of outline.todos ?? []) {
    issues.push(
      contentIssue('unfinished-text', {
        file,
        line: todo.line,
        column: todo.column,
        field: 'body',
        received: JSON.stringify(todo.text),
        expected,
      }),
    );
  }
  return issues;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
