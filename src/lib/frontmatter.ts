/**
 * Splits a postmortem file into frontmatter and body, and parses the frontmatter with source
 * positions, so every field problem can name its line.
 *
 * YAML is read with the core schema: `2023-02-30` stays the string it is instead of becoming a
 * JavaScript Date of 2 March, which is how calendar-date mistakes are caught at all.
 *
 * Two things a YAML parser lets through are refused here. A key written twice in one mapping (the
 * last one would silently win) is reported with the lines of both. Aliases are counted before the
 * document is turned into data, so a "billion laughs" frontmatter (aliases of aliases that expand
 * to gigabytes) is refused in milliseconds instead of being expanded.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';

/**
 * Aliases a frontmatter may use. A postmortem needs none; a few are harmless, and far fewer than
 * it takes to blow up memory (nine aliases of nine aliases are already 387 million values).
 */
export const MAX_ALIASES = 50;

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SplitSource {
  /** The YAML text between the fences. */
  readonly yaml: string;
  /** The Markdown after the closing fence. */
  readonly body: string;
  /** 1-based line of the first YAML line in the file. */
  readonly yamlLine: number;
  /** 1-based line of the first body line in the file. */
  readonly bodyLine: number;
}

export function splitFrontmatter(source: string): SplitSource | undefined {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r?\n/);
  const isFence = (line: string | undefined) => line !== undefined && /^---[ \t]*$/.test(line);
  if (!isFence(lines[0])) return undefined;
  const close = lines.findIndex((line, index) => index > 0 && isFence(line));
  if (close === -1) return undefined;
  return {
    yaml: lines.slice(1, close).join('\n'),
    body: lines.slice(close + 1).join('\n'),
    yamlLine: 2,
    bodyLine: close + 2,
  };
}

export interface ParsedFrontmatter {
  readonly data: unknown;
  /** YAML syntax errors, with their file positions. */
  readonly errors: readonly { message: string; position: SourcePosition }[];
  /** Keys written more than once in the same mapping: each repeat, with where the key came first. */
  readonly duplicateKeys: readonly DuplicateKey[];
  /** Set when the document uses more than `MAX_ALIASES` aliases; `data` is then not read. */
  readonly excessiveAliases?: { readonly count: number; readonly position: SourcePosition } | undefined;
  /**
   * Position in the file of the value at a path, or of its nearest existing parent; with `key`, of
   * the last key itself (where an unknown field is written).
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): SourcePosition;
}

export interface DuplicateKey {
  readonly key: string;
  /** Where the key is written again. */
  readonly position: SourcePosition;
  /** Where it was written first. */
  readonly first: SourcePosition;
}

/**
 * Where an anchor (`&a`) or an alias (`*a`) can start a node: at a line's start, after `:`, `-`,
 * `?`, `,`, `[`, `{` or a tag, with spaces between. A `*` inside a text (Markdown emphasis in a quoted
 * or a plain scalar) does not match; a false match only sends a file the slow way, never the wrong way.
 */
const ANCHOR_OR_ALIAS = /(?:^|[:,[{?-]|!\S*)[ \t]*[&*]/m;

/** Values a plain frontmatter may hold at most; a larger one is read the slow way (aliases expand). */
const MAX_PLAIN_VALUES = 100_000;

/**
 * Reads the frontmatter. Most frontmatter is plain (strings, lists and mappings, no anchors, no
 * mistakes), and for it positions are only needed when some later check reports a problem; so it is
 * read first with js-yaml (the same YAML 1.2 core schema, about nine times faster), and the
 * position-keeping `yaml` reader runs only when a position is asked for. Anything else takes the
 * `yaml` reader at once, which reports syntax errors, duplicate keys and aliases precisely: a
 * js-yaml error, any anchor or alias, and any value that is not a string (no frontmatter field takes
 * one, so a number, a boolean or an empty value is about to be reported with its line).
 */
export function parseFrontmatter(split: SplitSource): ParsedFrontmatter {
  const data = readPlainFrontmatter(split.yaml);
  if (data === undefined) return parseFrontmatterWithPositions(split);
  let full: ParsedFrontmatter | undefined;
  return {
    data,
    errors: [],
    duplicateKeys: [],
    excessiveAliases: undefined,
    locate: (path, options) => (full ??= parseFrontmatterWithPositions(split)).locate(path, options),
  };
}

/** The YAML as data when it is plain (see `parseFrontmatter`), else undefined. */
export function readPlainFrontmatter(yaml: string): unknown {
  if (ANCHOR_OR_ALIAS.test(yaml)) return undefined;
  try {
    const data: unknown = load(yaml, { schema: CORE_SCHEMA });
    return isMappingOfStrings(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isMappingOfStrings(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  let budget = MAX_PLAIN_VALUES;
  const onlyStrings = (item: unknown): boolean => {
    budget -= 1;
    if (budget < 0) return false;
    if (typeof item === 'string') return true;
    if (Array.isArray(item)) return item.every(onlyStrings);
    if (item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) {
      return Object.values(item).every(onlyStrings);
    }
    return false;
  };
  return onlyStrings(value);
}

/** Reads the frontmatter with `yaml`, keeping every node's position, and finds its YAML mistakes. */
export function parseFrontmatterWithPositions(split: SplitSource): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, with both positions, rather than as the parser's error.
  const doc: Document = parseDocument(split.yaml, {
    lineCounter,
    schema: 'core',
    prettyErrors: false,
    uniqueKeys: false,
  });
  const toFile = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + split.yamlLine - 1, column: col };
  };
  const aliases: number[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  visit(doc, {
    Alias(_, node) {
      if (node.range) aliases.push(node.range[0]);
    },
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const first = seen.get(pair.key.value);
        if (first === undefined) seen.set(pair.key.value, pair.key.range[0]);
        else {
          duplicateKeys.push({
            key: String(pair.key.value),
            position: toFile(pair.key.range[0]),
            first: toFile(first),
          });
        }
      }
    },
  });
  let excessiveAliases =
    aliases.length > MAX_ALIASES ? { count: aliases.length, position: toFile(aliases[0] ?? 0) } : undefined;
  let data: unknown;
  if (doc.errors.length === 0 && duplicateKeys.length === 0 && !excessiveAliases) {
    try {
      // yaml weighs each alias by the aliases inside what it points at, so fewer, nested ones can
      // still be refused here.
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      excessiveAliases = { count: aliases.length, position: toFile(aliases[0] ?? 0) };
    }
  }
  return {
    data,
    errors: doc.errors.map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      position: toFile(error.pos[0]),
    })),
    duplicateKeys,
    excessiveAliases,
    locate(path, options) {
      let node: unknown = doc.contents;
      let position = { line: split.yamlLine, column: 1 };
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
          if (!pair) break;
          const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
          if (keyRange) position = toFile(keyRange[0]);
          if (options?.key && key === path.at(-1)) return position;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
        } else {
          break;
        }
        const range = (node as { range?: [number, number, number] } | null)?.range;
        if (range) position = toFile(range[0]);
      }
      return position;
    },
  };
}
