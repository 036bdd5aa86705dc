/**
 * Converts a batch of legacy postmortems into Hindsight files, as plain data: the text of each new
 * file, the images to copy beside it, what was mapped, and what needs a human. Nothing here touches
 * the disk (`import-fs.ts` does), so every rule is unit-tested through the real Markdown parser.
 *
 * The structured sections (H1, Level, Author(s), Timeline) become frontmatter; every other section
 * is copied into the body byte for byte, by slicing the source at the parser's positions, with only
 * the destinations of links and images replaced. Nothing is invented: what the legacy file does not
 * say (a missing Cause, an unknown level, an event's kind) is reported for a human to decide.
 */
import { posix } from 'node:path';
import { Parser } from 'htmlparser2';
import type { Definition, Image, Link, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { Document, isMap, isScalar, isSeq, Scalar } from 'yaml';
import { bodySections } from '../../site.config.ts';
import { parseFrontmatter, splitFrontmatter } from '../frontmatter.ts';
import { compareEnvironments, eventKindKeys, levelKeys, type Status } from '../vocabulary.ts';
import { inferEventKind, levelKey, mentionedEnvironments } from './infer.ts';
import { LEGACY_WHEN, offsetOf, readLegacyPostmortem, type LegacyDocument } from './legacy.ts';
import { assetName, formatNumber, kebabCase, parseLegacyFileName, postmortemId } from './names.ts';

export interface LegacyFile {
  /** Absolute path with forward slashes; relative links and images are resolved against it. */
  readonly path: string;
  /** The path as shown in the report. */
  readonly display: string;
  readonly source: string;
}

export interface ImportSettings {
  /** Folder the new files are written to, as shown in the report (`content/postmortems`). */
  readonly outDir: string;
  /** Ids of the postmortems already in that folder. */
  readonly existingIds: ReadonlySet<string>;
  /** Status of the new files. */
  readonly status: Status;
  /** Whether a file exists (an image a legacy file shows), by absolute path. */
  fileExists(path: string): boolean;
}

export type ImportOutcome = 'imported' | 'skipped' | 'failed';

/** A message about one file; `line` is in the new file for an import, in the legacy file otherwise. */
export interface ImportNote {
  readonly line?: number;
  readonly message: string;
}

export interface ImportAsset {
  /** Absolute path of the legacy file's image. */
  readonly from: string;
  /** Where its copy goes, as shown in the report (inside `outDir`). */
  readonly to: string;
}

export interface FileImport {
  readonly input: string;
  readonly outcome: ImportOutcome;
  /** The new file, as shown in the report (for `failed`, the file that would have been written). */
  readonly output?: string;
  /** The new file's text, for `imported`. */
  readonly text?: string;
  readonly assets: readonly ImportAsset[];
  /** What became what, one line each. */
  readonly mapped: readonly string[];
  /** What a human must check or decide, located in the new file. */
  readonly human: readonly ImportNote[];
  /** Why the file was skipped or not imported, located in the legacy file. */
  readonly problems: readonly ImportNote[];
}

const MARKDOWN_FILE = /\.(?:md|mdx|markdown)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Plans the import of every file of a batch, in the order given. */
export function planImport(files: readonly LegacyFile[], settings: ImportSettings): FileImport[] {
  const read = files.map((file) => ({ file, legacy: readLegacyPostmortem(file.source) }));
  const named = nameBatch(read, settings);
  // Links between legacy files follow them to their new names, also to a file that already exists.
  const targets = new Map<string, string>();
  for (const entry of named) if (entry.id && !entry.unreadable) targets.set(entry.file.path, entry.id);
  return named.map((entry) => {
    const base = { input: entry.file.display, assets: [], mapped: [], human: [] };
    if (entry.skipped) return { ...base, outcome: 'skipped', problems: [entry.skipped] };
    const output = entry.id ? posix.join(settings.outDir, `${entry.id}.md`) : undefined;
    if (entry.problems.length > 0) {
      return { ...base, outcome: 'failed', ...(output ? { output } : {}), problems: entry.problems };
    }
    return convert(entry as Named & { id: string; number: number }, targets, settings);
  });
}

interface Named {
  readonly file: LegacyFile;
  readonly legacy: LegacyDocument;
  readonly skipped?: ImportNote;
  /** The file cannot be converted (as opposed to: its new name is taken). */
  readonly unreadable?: boolean;
  readonly problems: ImportNote[];
  readonly id?: string;
  readonly number?: number;
  readonly title?: string;
  /** Notes about the name, located at the title in the new file. */
  readonly nameNotes: string[];
  readonly nameMapped: string[];
}

/** Gives each file its number and id: from its file name, else its H1, else the next free number. */
function nameBatch(read: readonly { file: LegacyFile; legacy: LegacyDocument }[], settings: ImportSettings): Named[] {
  const used = new Map<number, string>();
  for (const id of settings.existingIds) used.set(Number(id.split('-')[0]), `${id}.md`);
  const planned = new Map<string, string>();
  const numbersInBatch = read.flatMap(({ legacy, file }) => {
    const number = parseLegacyFileName(file.path).number ?? legacy.title?.number;
    return number === undefined ? [] : [Number(number)];
  });
  // A renumbered or unnumbered file gets a number no file of the batch or the folder has.
  let next = Math.max(0, ...used.keys(), ...numbersInBatch) + 1;

  return read.map(({ file, legacy }): Named => {
    const nameNotes: string[] = [];
    const nameMapped: string[] = [];
    const fileName = parseLegacyFileName(file.path);
    const template = templateReason(fileName.title, legacy);
    if (template) {
      return { file, legacy, skipped: { message: template }, problems: [], nameNotes, nameMapped };
    }
    const problems = conversionProblems(legacy);
    const title = legacy.title?.text ?? fileName.title;
    const written = fileName.number ?? legacy.title?.number;
    let number = written === undefined ? next++ : Number(written);
    let how = written === undefined ? 'the next free one' : fileName.number ? 'from the file name' : 'from the H1';
    if (fileName.number && legacy.title?.number && Number(fileName.number) !== Number(legacy.title.number)) {
      nameNotes.push(
        `the H1 says ${legacy.title.number} but the file name says ${fileName.number}; the file name's number is used: check which is right`,
      );
    }
    if (legacy.title && fileName.title && kebabCase(legacy.title.text) !== kebabCase(fileName.title)) {
      nameNotes.push(
        `the H1 title ${JSON.stringify(legacy.title.text)} and the file name ${JSON.stringify(fileName.title)} disagree; the title is the H1's and the new file name comes from the legacy file name: check both`,
      );
    }
    if (!legacy.title) {
      nameNotes.push(`the legacy file has no "# NNN - Title" heading; the title comes from its file name: check it`);
    }
    const slugFrom = fileName.title || title;
    let id = postmortemId(number, slugFrom);
    if (settings.existingIds.has(id) || planned.has(id)) {
      const owner = planned.get(id);
      problems.push({
        message: owner
          ? `${id}.md is also the new name of ${owner}, imported just before; not imported twice`
          : `${posix.join(settings.outDir, `${id}.md`)} already exists; the importer never overwrites a file`,
      });
      return { file, legacy, problems, id, number, title, nameNotes, nameMapped };
    }
    const clash = used.get(number);
    if (clash) {
      const renumbered = next++;
      nameNotes.push(
        `number ${formatNumber(number)} is already used by ${clash}; imported as ${formatNumber(renumbered)} instead: keep that, or renumber one of the two by hand`,
      );
      how = `${formatNumber(number)} is taken`;
      number = renumbered;
      id = postmortemId(number, slugFrom);
    } else if (written === undefined) {
      nameNotes.push(
        `neither the file name nor the H1 has a number; numbered ${formatNumber(number)}, the next free one`,
      );
    }
    nameMapped.push(`number ${formatNumber(number)} (${how}), title ${JSON.stringify(title)}`);
    if (problems.length === 0) {
      used.set(number, `${id}.md`);
      planned.set(id, file.display);
    }
    return {
      file,
      legacy,
      problems,
      ...(problems.length > 0 ? { unreadable: true } : {}),
      id,
      number,
      title,
      nameNotes,
      nameMapped,
    };
  });
}

/** Why a file is the legacy template rather than a postmortem, or undefined. */
function templateReason(fileTitle: string, legacy: LegacyDocument): string | undefined {
  if (/\btemplate\b/i.test(fileTitle)) return 'skipped: the file name says it is a template';
  const placeholders = legacy.title?.placeholders ?? [];
  if (placeholders.length > 0) {
    return `skipped: a template (its title has the placeholder ${placeholders.join(', ')})`;
  }
  return undefined;
}

/** What stops a file from being converted at all: every such problem, with its legacy line. */
function conversionProblems(legacy: LegacyDocument): ImportNote[] {
  if (legacy.hasFrontmatter) {
    return [{ line: 1, message: 'the file already has a YAML frontmatter block: it is not in the legacy format' }];
  }
  const problems: ImportNote[] = legacy.problems.map(({ line, message }) => ({ line, message }));
  if (legacy.timelineLine === undefined) {
    problems.push({
      message:
        'the file has no "## Timeline" section; a Hindsight postmortem needs at least one dated event, so add the section to the legacy file',
    });
  } else if (legacy.events.length === 0 && legacy.problems.length === 0) {
    problems.push({
      line: legacy.timelineLine,
      message: 'the "## Timeline" section has no "**YYYY-MM-DD**: what happened" item',
    });
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A note on the new file: at a frontmatter field, at a line of the legacy file, or at the body's start. */
interface PendingNote {
  readonly at?: readonly (string | number)[] | { readonly legacyLine: number } | undefined;
  readonly message: string;
}

function convert(
  entry: Named & { id: string; number: number },
  targets: ReadonlyMap<string, string>,
  settings: ImportSettings,
): FileImport {
  const { legacy, file, id } = entry;
  const output = posix.join(settings.outDir, `${id}.md`);
  const mapped: string[] = [...entry.nameMapped];
  const notes: PendingNote[] = entry.nameNotes.map((message) => ({ at: ['title'], message }));
  const links = rewriteLinks(legacy, file.path, id, targets, settings);
  const replace = (start: number, end: number) => applyReplacements(legacy.source, start, end, links.replacements);

  const level = mapLevel(legacy, mapped, notes);
  const authors = mapAuthors(legacy, mapped, notes);
  const timeline = mapTimeline(legacy, replace, mapped, notes);
  const environments = [...new Set(timeline.flatMap((event) => (event.environment ? [event.environment] : [])))].sort(
    compareEnvironments,
  );
  const date = timeline.map((event) => event.at.slice(0, 10)).reduce((a, b) => (b > a ? b : a));
  mapped.push(
    `date ${date}: the last timeline event's day (the legacy format has no date of its own); status ${settings.status}`,
  );

  const data = {
    title: entry.title ?? id,
    date,
    status: settings.status,
    level,
    authors,
    ...(environments.length > 0 ? { environments } : {}),
    timeline,
  };
  const frontmatter = toYaml(data);
  // The body starts after the opening fence, the YAML lines, the closing fence and a blank line.
  const body = assembleBody(legacy, replace, frontmatter.split('\n').length + 3);
  mapped.push(
    body.headings.length > 0
      ? `body: ${body.headings.map((heading) => `## ${heading}`).join(', ')}, copied as written`
      : 'body: nothing besides the level, authors and timeline',
  );
  mapped.push(...links.mapped);
  notes.push(...links.notes);
  notes.push(...sectionNotes(legacy), ...admonitionNotes(legacy));
  const text = `---\n${frontmatter}---\n\n${body.text}`;
  return {
    input: file.display,
    outcome: 'imported',
    output,
    text,
    assets: links.assets,
    mapped,
    human: locateNotes(text, notes, body.lineOf),
    problems: [],
  };
}

function mapLevel(legacy: LegacyDocument, mapped: string[], notes: PendingNote[]): string[] {
  if (!legacy.level || legacy.level.values.length === 0) {
    notes.push({
      at: ['level'],
      message: `the legacy file has no "## Level: ..." heading; choose one or more levels from: ${levelKeys.join(', ')}`,
    });
    return [];
  }
  const keys: string[] = [];
  for (const value of legacy.level.values) {
    const key = levelKey(value) ?? (kebabCase(value) || value);
    if (keys.includes(key)) continue;
    keys.push(key);
    if (levelKey(value)) continue;
    notes.push({
      at: ['level', keys.length - 1],
      message: `unknown level ${JSON.stringify(value)} (legacy line ${legacy.level.line}), written as ${JSON.stringify(key)}; replace it with one of: ${levelKeys.join(', ')}, or add it to the levels in src/site.config.ts`,
    });
  }
  mapped.push(`level ${JSON.stringify(legacy.level.raw)} → ${keys.join(', ')}`);
  return keys;
}

function mapAuthors(legacy: LegacyDocument, mapped: string[], notes: PendingNote[]): string[] {
  if (legacy.authors.length === 0) {
    notes.push({
      at: ['authors'],
      message: `the legacy file has no "## Author(s)" items; add each author as "Name <email>"`,
    });
    return [];
  }
  const authors = legacy.authors.map((author, index) => {
    if (author.name && author.email) return `${author.name} <${author.email}>`;
    notes.push({
      at: ['authors', index],
      message: `the author ${JSON.stringify(author.raw)} (legacy line ${author.line}) is not "Name <email>"; add the email address`,
    });
    return author.raw;
  });
  mapped.push(`authors: ${authors.join('; ')}`);
  return authors;
}

interface TimelineEntry {
  at: string;
  kind: string;
  environment?: string;
  text: string;
}

function mapTimeline(
  legacy: LegacyDocument,
  replace: (start: number, end: number) => string,
  mapped: string[],
  notes: PendingNote[],
): TimelineEntry[] {
  let assumedUtc = 0;
  const kinds = eventKindKeys.join(', ');
  const events = legacy.events.map((event, index): TimelineEntry => {
    const at = eventTime(event.when);
    if (at.assumedUtc) assumedUtc += 1;
    const guess = inferEventKind(event.plain);
    const environments = mentionedEnvironments(event.plain);
    const [environment] = environments;
    const text = replace(event.text.start, event.text.end).replace(/[ \t]*\n[ \t]*/g, ' ');
    const found = guess.kind === 'note' ? 'note (no word tells the kind)' : `${guess.kind} ("${guess.clue}")`;
    mapped.push(
      `event ${at.value} (legacy line ${event.line}): ${found}${environments.length === 1 ? `, ${environment}` : ''}`,
    );
    if (guess.kind === 'note') {
      notes.push({
        at: ['timeline', index, 'kind'],
        message: `no word in ${JSON.stringify(shorten(event.plain))} tells what kind of event it is; written as note: choose one of ${kinds}`,
      });
    }
    if (environments.length > 1) {
      notes.push({
        at: ['timeline', index],
        message: `the event names ${environments.join(' and ')}; no environment written: add the one it happened in`,
      });
    }
    return {
      at: at.value,
      kind: guess.kind,
      ...(environments.length === 1 && environment ? { environment } : {}),
      text,
    };
  });
  const first = events[0]?.at;
  const last = events.at(-1)?.at;
  mapped.splice(
    mapped.length - events.length,
    0,
    `timeline: ${events.length} event${events.length === 1 ? '' : 's'}, ${first === last ? first : `${first} to ${last}`}, one per item`,
  );
  if (assumedUtc > 0) {
    mapped.push(
      `${assumedUtc} time${assumedUtc === 1 ? '' : 's'} written without a zone taken as UTC, as the legacy template asks ("use UTC time")`,
    );
  }
  return events;
}

/** `2024-11-30 23:59` → `2024-11-30T23:59Z`; an offset written `+0100` becomes `+01:00`. */
export function eventTime(when: string): { value: string; assumedUtc: boolean } {
  const match = LEGACY_WHEN.exec(when.trim());
  if (!match) return { value: when, assumedUtc: false };
  const [, date, time, zone] = match;
  if (!time) return { value: date as string, assumedUtc: false };
  const [hour, ...rest] = time.split(':');
  const clock = [String(hour).padStart(2, '0'), ...rest].join(':');
  if (!zone) return { value: `${date}T${clock}Z`, assumedUtc: true };
  const offset = /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(-2)}` : 'Z';
  return { value: `${date}T${clock}${offset}`, assumedUtc: false };
}

/** The body: the text between the H1 and the first section, then every kept section, as written. */
function assembleBody(
  legacy: LegacyDocument,
  replace: (start: number, end: number) => string,
  firstLine: number,
): { text: string; headings: string[]; lineOf(legacyLine: number): number } {
  const parts: string[] = [];
  const starts: { legacyLine: number; line: number }[] = [];
  let line = firstLine;
  for (const section of legacy.sections) {
    // Only the blank lines before the next section are dropped; every line of the section stays.
    const text = replace(section.start, section.end).replace(/\n\s*$/, '');
    if (text.trim() === '') continue;
    starts.push({ legacyLine: section.line, line });
    parts.push(text);
    line += text.split('\n').length + 1;
  }
  return {
    text: parts.length > 0 ? `${parts.join('\n\n')}\n` : '',
    headings: legacy.sections.flatMap((section) => (section.heading !== undefined ? [section.heading] : [])),
    lineOf(legacyLine) {
      const start = starts.findLast((candidate) => candidate.legacyLine <= legacyLine);
      return start ? start.line + legacyLine - start.legacyLine : firstLine;
    },
  };
}

/** Required sections the legacy file lacks, and the merged or renamed heading that may hold them. */
function sectionNotes(legacy: LegacyDocument): PendingNote[] {
  const headings = legacy.sections.flatMap((section) =>
    section.heading !== undefined ? [{ text: section.heading, line: section.line }] : [],
  );
  const notes: PendingNote[] = [];
  for (const required of bodySections.required) {
    if (headings.some((heading) => heading.text.toLowerCase() === required.toLowerCase())) continue;
    const holder = headings.find((heading) => new RegExp(`\\b${required}\\b`, 'i').test(heading.text));
    notes.push(
      holder
        ? {
            at: { legacyLine: holder.line },
            message: `"## ${holder.text}" holds the ${required} together with other text; split it so the body has a "## ${required}" section of its own (the importer does not divide the author's words)`,
          }
        : {
            message: `the legacy file has no "## ${required}" section, which Hindsight requires; write it (the importer does not invent one)`,
          },
    );
  }
  return notes;
}

/** `:::note` blocks are a documentation-site extension that GitHub-flavoured Markdown shows as text. */
function admonitionNotes(legacy: LegacyDocument): PendingNote[] {
  const notes: PendingNote[] = [];
  const inBody = (offset: number) => legacy.sections.some((section) => section.start <= offset && offset < section.end);
  visit(legacy.tree, 'paragraph', (node) => {
    const text = legacy.source.slice(offsetOf(node), offsetOf(node, 'end'));
    const marker = /^:::\s*(\w+)/.exec(text.trim());
    if (marker && inBody(offsetOf(node))) {
      notes.push({
        at: { legacyLine: node.position?.start.line ?? 1 },
        message: `":::${marker[1]}" is an admonition of a documentation site, shown here as plain text (and its indented lines as code); rewrite it as a blockquote if it should stand out`,
      });
    }
  });
  return notes;
}

interface LinkRewrites {
  readonly replacements: Replacement[];
  readonly assets: ImportAsset[];
  readonly mapped: string[];
  readonly notes: PendingNote[];
}

/**
 * Links to other legacy files get the new file names; images are copied into a folder named after
 * the new file and pointed at there. Anything else relative cannot work on the site and is reported.
 */
function rewriteLinks(
  legacy: LegacyDocument,
  from: string,
  id: string,
  targets: ReadonlyMap<string, string>,
  settings: ImportSettings,
): LinkRewrites {
  const result: LinkRewrites = { replacements: [], assets: [], mapped: [], notes: [] };
  const imageDefinitions = new Set<string>();
  visit(legacy.tree, 'imageReference', (node) => {
    imageDefinitions.add(node.identifier);
  });
  const copies = new Map<string, string>();
  const dir = posix.dirname(from);

  visit(legacy.tree, 'html', (node) => {
    for (const src of htmlSources(node.value)) {
      if (src === '' || SCHEME.test(src) || src.startsWith('/') || src.startsWith('#')) continue;
      result.notes.push({
        at: { legacyLine: node.position?.start.line ?? 1 },
        message: `the raw HTML refers to ${JSON.stringify(src)}, which is not copied (only Markdown images are); write it as ![text](${src}) and import again, or copy the file and fix the path by hand`,
      });
    }
  });
  visit(legacy.tree, (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const target = node as Link | Image | Definition;
    const url = target.url;
    if (url === '' || SCHEME.test(url) || url.startsWith('/') || url.startsWith('#')) return;
    const cut = url.search(/[?#]/);
    const path = decode(cut === -1 ? url : url.slice(0, cut));
    const suffix = cut === -1 ? '' : url.slice(cut);
    const line = node.position?.start.line ?? 1;
    const offset = node.position?.start.offset ?? 0;
    const event = legacy.events.findIndex((candidate) => candidate.text.start <= offset && offset < candidate.text.end);
    // A link in an event's text is reported at that event in the frontmatter, one in a section at its line.
    const at = event === -1 ? { legacyLine: line } : ['timeline', event, 'text'];
    const resolved = posix.resolve(dir, path);
    const isImage = node.type === 'image' || (node.type === 'definition' && imageDefinitions.has(node.identifier));
    let replacement: string | undefined;

    if (isImage) {
      if (!settings.fileExists(resolved)) {
        result.notes.push({
          at,
          message: `the image ${JSON.stringify(url)} was not found at ${resolved}; copy it beside the new file and fix the link`,
        });
        return;
      }
      let name = copies.get(resolved);
      if (!name) {
        name = uniqueName(assetName(resolved), new Set(copies.values()));
        copies.set(resolved, name);
        result.assets.push({ from: resolved, to: posix.join(settings.outDir, id, name) });
      }
      replacement = `./${id}/${name}`;
      result.mapped.push(`image ${url} (legacy line ${line}) → copied to ${posix.join(settings.outDir, id, name)}`);
    } else if (MARKDOWN_FILE.test(path)) {
      const legacyName = parseLegacyFileName(resolved);
      const guess =
        legacyName.number === undefined ? undefined : postmortemId(Number(legacyName.number), legacyName.title);
      const targetId = targets.get(resolved) ?? (guess && settings.existingIds.has(guess) ? guess : undefined);
      if (!targetId) {
        result.notes.push({
          at,
          message: `the link ${JSON.stringify(url)} points at ${JSON.stringify(posix.relative(dir, resolved))} beside the legacy file, which is not among the imported files and has no Hindsight file${guess ? ` (${guess}.md)` : ''}; point it at the postmortem it means`,
        });
        return;
      }
      replacement = `./${targetId}.md${suffix}`;
      result.mapped.push(`link ${url} (legacy line ${line}) → ${replacement}`);
    } else {
      result.notes.push({
        at,
        message: `the relative link ${JSON.stringify(url)} points at a file the site does not publish; link to it by its URL instead`,
      });
      return;
    }

    const span = destinationSpan(legacy.source, target);
    if (span) {
      result.replacements.push({ ...span, text: replacement });
    } else {
      result.notes.push({
        at,
        message: `the link ${JSON.stringify(url)} could not be rewritten where it is written; change it to ${replacement} by hand`,
      });
    }
  });
  return result;
}

/** The `src` and `href` values of raw HTML, read with htmlparser2 rather than patterns. */
function htmlSources(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(_name, attributes) {
      for (const key of ['src', 'href']) {
        const value = attributes[key];
        if (value !== undefined) found.push(value);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let count = 2;
  while (taken.has(`${stem}-${count}${extension}`)) count += 1;
  return `${stem}-${count}${extension}`;
}

function decode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * Where the destination of a link, image or definition is written in the source: after `](` (or
 * `]:`), either `<...>` or a run without spaces and with balanced parentheses. The span is checked
 * against the parsed url, so a construct this does not understand is reported instead of mangled.
 */
export function destinationSpan(
  source: string,
  node: Link | Image | Definition,
): { start: number; end: number } | undefined {
  const nodeStart = offsetOf(node);
  const nodeEnd = offsetOf(node, 'end');
  const children = 'children' in node ? node.children : [];
  const last = children.at(-1);
  const from = last ? offsetOf(last as Nodes, 'end') : nodeStart;
  const opener = node.type === 'definition' ? ']:' : '](';
  const at = source.indexOf(opener, from);
  if (at === -1 || at >= nodeEnd) return undefined;
  let start = at + 2;
  while (start < nodeEnd && /\s/.test(source[start] as string)) start += 1;
  let end = start;
  let raw: string;
  if (source[start] === '<') {
    end = source.indexOf('>', start);
    if (end === -1 || end >= nodeEnd) return undefined;
    end += 1;
    raw = source.slice(start + 1, end - 1);
  } else {
    let depth = 0;
    while (end < nodeEnd) {
      const char = source[end] as string;
      if (/\s/.test(char) || (char === ')' && depth === 0)) break;
      if (char === '(') depth += 1;
      if (char === ')') depth -= 1;
      end += char === '\\' ? 2 : 1;
    }
    raw = source.slice(start, end);
  }
  return raw.replace(/\\([!-/:-@[-`{-~])/g, '$1') === node.url ? { start, end } : undefined;
}

function applyReplacements(source: string, start: number, end: number, replacements: readonly Replacement[]): string {
  let text = '';
  let at = start;
  for (const replacement of [...replacements].sort((a, b) => a.start - b.start)) {
    if (replacement.start < start || replacement.end > end) continue;
    text += source.slice(at, replacement.start) + replacement.text;
    at = replacement.end;
  }
  return text + source.slice(at, end);
}

/** The frontmatter as YAML in the style of hand-written postmortems: short lists inline, long texts folded. */
function toYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  if (isMap(doc.contents)) {
    for (const key of ['level', 'environments']) {
      const node = doc.contents.get(key, true);
      if (isSeq(node)) node.flow = true;
    }
    const timeline = doc.contents.get('timeline', true);
    if (isSeq(timeline)) {
      for (const event of timeline.items) {
        const text = isMap(event) ? event.get('text', true) : undefined;
        if (isScalar(text) && String(text.value).length > 80) text.type = Scalar.BLOCK_FOLDED;
      }
    }
  }
  return doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false });
}

/** Gives each note the line of the new file it is about. */
function locateNotes(
  text: string,
  notes: readonly PendingNote[],
  lineOf: (legacyLine: number) => number,
): ImportNote[] {
  const split = splitFrontmatter(text);
  const frontmatter = split ? parseFrontmatter(split) : undefined;
  return notes.map(({ at, message }) => {
    if (Array.isArray(at) && frontmatter) return { line: frontmatter.locate(at).line, message };
    if (at && 'legacyLine' in at) return { line: lineOf(at.legacyLine), message };
    return { ...(split ? { line: split.bodyLine } : {}), message };
  });
}

function shorten(text: string): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s:–—-]+/, '')
    .trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
