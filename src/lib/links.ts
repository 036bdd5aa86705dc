/**
 * Relative Markdown links between postmortem files (`./002-some-title.md#cause`): how they resolve
 * to site URLs, and which of them point at a file or fragment that does not exist. The remark plugin
 * rewrites with `resolvePostmortemLink`; the validator checks every file with
 * `checkPostmortemLinks`, so a link broken by an edit to the *target* is caught even when the
 * linking file's rendering is cached.
 */
import { postmortemLinkCandidates } from './body.ts';
import { contentIssue, type ContentIssue } from './errors.ts';
import { isPostmortemFile, parsePostmortemFileName } from './postmortem-file.ts';

/** Ids every postmortem page has besides its headings and events (the page always renders these sections). */
export const pageAnchors = ['timeline', 'actions', 'related', 'recurrence'] as const;

/** What a linking file needs to know of each postmortem: which fragments its page has. */
export type FragmentIndex = ReadonlyMap<string, ReadonlySet<string>>;

export interface IndexedPostmortem {
  readonly id: string;
  readonly outline: { readonly headings: readonly { readonly slug: string }[] };
  readonly eventIds: readonly string[];
}

export function fragmentIndex(postmortems: Iterable<IndexedPostmortem>): FragmentIndex {
  const index = new Map<string, ReadonlySet<string>>();
  for (const postmortem of postmortems) {
    index.set(
      postmortem.id,
      new Set([...pageAnchors, ...postmortem.eventIds, ...postmortem.outline.headings.map((heading) => heading.slug)]),
    );
  }
  return index;
}

export type LinkResolution =
  | { readonly kind: 'other' }
  | { readonly kind: 'ok'; readonly id: string; readonly fragment?: string }
  | { readonly kind: 'missing-file'; readonly target: string }
  | { readonly kind: 'missing-fragment'; readonly id: string; readonly fragment: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves `url`, written in the postmortem file `fromFile` (a path such as
 * `content/postmortems/003-x.md`), against the collection. Anything that is not a relative link to
 * a `.md`/`.mdx` file in the postmortems folder is `other` and left alone.
 */
export function resolvePostmortemLink(url: string, fromFile: string, index: FragmentIndex): LinkResolution {
  if (SCHEME.test(url) || url.startsWith('/') || url.startsWith('#')) return { kind: 'other' };
  const hashAt = url.indexOf('#');
  const path = decoded(decodeURI, hashAt === -1 ? url : url.slice(0, hashAt))?.replace(/\?.*$/, '');
  const fragment = hashAt === -1 ? undefined : decoded(decodeURIComponent, url.slice(hashAt + 1));
  // A url that is not valid percent-encoding (`50%`) cannot name a postmortem: leave it alone.
  if (path === undefined || (hashAt !== -1 && fragment === undefined)) return { kind: 'other' };
  if (!isPostmortemFile(path)) return { kind: 'other' };
  const fromDir = fromFile.slice(0, fromFile.lastIndexOf('/'));
  const target = joinPath(fromDir, path);
  if (target.slice(0, target.lastIndexOf('/')) !== fromDir) return { kind: 'other' };
  const name = parsePostmortemFileName(target);
  const fragments = name ? index.get(name.id) : undefined;
  if (!name || !fragments) return { kind: 'missing-file', target };
  if (fragment && !fragments.has(fragment)) return { kind: 'missing-fragment', id: name.id, fragment };
  return fragment ? { kind: 'ok', id: name.id, fragment } : { kind: 'ok', id: name.id };
}

export interface LinkSource {
  readonly file: string;
  readonly outline: { readonly links: readonly { url: string; line: number; column: number }[] };
  readonly data: { readonly status: string; readonly timeline: readonly { readonly text: string }[] };
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

/**
 * Every broken postmortem link in the bodies and timeline texts of a collection. `unchecked` are the
 * files that failed their own checks: a link to one is reported as waiting for it.
 */
export function checkPostmortemLinks(
  postmortems: readonly (IndexedPostmortem & LinkSource)[],
  unchecked: ReadonlySet<string> = new Set(),
): ContentIssue[] {
  const index = fragmentIndex(postmortems);
  const drafts = new Set(postmortems.filter((postmortem) => postmortem.data.status === 'draft').map(({ id }) => id));
  const issues: ContentIssue[] = [];
  for (const postmortem of postmortems) {
    // Where a link is written: body links carry their position; a timeline text's is looked up in
    // the YAML only when the link is broken, as that lookup parses the frontmatter again.
    const candidates: { url: string; field: string; where: () => { line: number; column: number } }[] = [
      ...postmortem.outline.links.map((link) => ({ url: link.url, field: 'body', where: () => link })),
      // A relative link needs brackets (`[text](./x.md)` or a definition): skip parsing texts without.
      ...postmortem.data.timeline.flatMap((event, at) =>
        postmortemLinkCandidates(event.text).map(({ url }) => ({
          url,
          field: `timeline[${at}].text`,
          where: () => postmortem.locate(['timeline', at, 'text']),
        })),
      ),
    ];
    for (const link of candidates) {
      const resolution = resolvePostmortemLink(link.url, postmortem.file, index);
      if (resolution.kind === 'ok' && !(drafts.has(resolution.id) && postmortem.data.status !== 'draft')) continue;
      const { line, column } = link.where();
      if (resolution.kind === 'ok') {
        issues.push(draftReference(postmortem.file, { line, column, field: link.field, url: link.url }, resolution.id));
        continue;
      }
      const issue = linkIssue(
        resolution,
        { file: postmortem.file, line, column, field: link.field, url: link.url },
        unchecked,
      );
      if (issue) issues.push(issue);
    }
  }
  return issues;
}

/** The content issue for a broken link, or undefined when the link is fine. */
export function linkIssue(
  resolution: LinkResolution,
  where: { file: string; line?: number; column?: number; field?: string; url: string },
  unchecked: ReadonlySet<string> = new Set(),
): ContentIssue | undefined {
  const at = { file: where.file, line: where.line, column: where.column, field: where.field };
  if (resolution.kind === 'missing-file' && unchecked.has(resolution.target)) {
    return contentIssue('broken-link', {
      ...at,
      received: `a link to ${JSON.stringify(where.url)}, whose file ${resolution.target} has problems of its own`,
      expected: 'a link to a postmortem file that passes its own checks',
      hint: uncheckedBy(resolution.target),
    });
  }
  if (resolution.kind === 'missing-file') {
    return contentIssue('broken-link', {
      ...at,
      received: `a link to ${JSON.stringify(where.url)}, but ${resolution.target} does not exist`,
      expected: 'a link to an existing postmortem file',
    });
  }
  if (resolution.kind === 'missing-fragment') {
    return contentIssue('missing-fragment', {
      ...at,
      received: `a link to ${JSON.stringify(where.url)}, but ${resolution.id} has no #${resolution.fragment}`,
      expected: `a fragment that is a heading id, a timeline event id or one of ${pageAnchors.map((id) => `#${id}`).join(', ')}`,
    });
  }
  return undefined;
}

/** `decode(value)`, or undefined when `value` is malformed percent-encoding (which would throw). */
function decoded(decode: (value: string) => string, value: string): string | undefined {
  try {
    return decode(value);
  } catch {
    return undefined;
  }
}

/** Joins and normalises a relative POSIX path. */
function joinPath(dir: string, relative: string): string {
  const parts: string[] = dir === '' ? [] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** A published postmortem may not point at a draft: the draft has no page, so the link would break. */
export function draftReference(
  file: string,
  where: { line?: number; column?: number; field?: string; url?: string },
  id: string,
): ContentIssue {
  return contentIssue('draft-reference', {
    file,
    line: where.line,
    column: where.column,
    field: where.field,
    received: `${where.url ? `a link to ${JSON.stringify(where.url)}` : JSON.stringify(id)}, but ${id} is a draft`,
    expected: 'a postmortem that is published or in review (drafts have no page)',
  });
}

/** What to do about a reference to a file that failed its own checks. */
export function uncheckedBy(file: string): string {
  return `Fix the problems reported for ${file} first; the reference is checked again then.`;
}
