/**
 * A checked postmortem as plain data, so that files can be checked in worker threads and the
 * collection checks run on the results. Only `locate` is not plain data: it is replaced by a table
 * of the positions of every frontmatter value and key, which answers exactly as the original did.
 */
import type { SourcePosition } from './frontmatter.ts';
import type { CheckedPostmortem } from './validate.ts';

export interface PortablePostmortem extends Omit<CheckedPostmortem, 'locate'> {
  /** `[path, position of the value, position of the key]` for every path in the frontmatter. */
  readonly positions: readonly [string, SourcePosition, SourcePosition][];
}

export function toPortable(postmortem: CheckedPostmortem): PortablePostmortem {
  const positions: [string, SourcePosition, SourcePosition][] = [];
  const visit = (value: unknown, path: PropertyKey[]): void => {
    positions.push([pathKey(path), postmortem.locate(path), postmortem.locate(path, { key: true })]);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(postmortem.input, []);
  const { id, number, file, input, data, outline, eventIds } = postmortem;
  return { id, number, file, input, data, outline, eventIds, positions };
}

export function fromPortable(portable: PortablePostmortem): CheckedPostmortem {
  const { positions, ...data } = portable;
  const table = new Map(positions.map(([path, value, key]) => [path, { value, key }]));
  return {
    ...data,
    locate(path, options) {
      // The deepest path that exists, as the original walk stops at the first missing key.
      for (let length = path.length; length >= 0; length -= 1) {
        const found = table.get(pathKey(path.slice(0, length)));
        if (found) return options?.key && length === path.length ? found.key : found.value;
      }
      return { line: 1, column: 1 };
    },
  };
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map((key) => (typeof key === 'number' ? key : String(key))));
}
