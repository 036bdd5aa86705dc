/**
 * Splits a postmortem file into frontmatter and body, and parses the frontmatter with source
 * positions, so every field problem can name its line.
 *
 * YAML is read with the core schema: `2023-02-30` stays the string it is instead of becoming a
 * JavaScript Date of 2 March, which is how calendar-date mistakes are caught at all.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

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
  /**
   * Position in the file of the value at a path, or of its nearest existing parent; with `key`, of
   * the last key itself (where an unknown field is written).
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): SourcePosition;
}

export function parseFrontmatter(split: SplitSource): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(split.yaml, { lineCounter, schema: 'core', prettyErrors: false });
  const toFile = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + split.yamlLine - 1, column: col };
  };
  return {
    data: doc.errors.length > 0 ? undefined : doc.toJS(),
    errors: doc.errors.map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      position: toFile(error.pos[0]),
    })),
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
