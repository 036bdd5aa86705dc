/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`). A page whose `getStaticPaths()`
 * entry has a `cacheKey` is copied from the previous build instead of rendered again when its key,
 * and the code of its template and everything the template imports, are unchanged. So a page's key
 * must cover everything the page shows that is not code: its own data, what it shows of other
 * postmortems, and the settings read from the environment (see src/data/page-keys.ts).
 */
import { createHash } from 'node:crypto';

/**
 * `value` as text that two equal values always give: Maps and Sets as their entries in order,
 * `undefined` object fields left out (as JSON does). A function cannot be a page's data, so one
 * is an error rather than silently left out of the key.
 */
export function keyText(value: unknown): string {
  // JSON's own path where the replacer would change nothing: a replacer is a call into script for
  // every value, which made `keyText` a third slower on a postmortem's data, and the keys of a
  // build at 10,000 postmortems serialise some 60 MB of it (docs/PERFORMANCE.md, sixteenth round).
  if (isPlainData(value, 0)) return JSON.stringify(value);
  return JSON.stringify(value, (field, item: unknown) => {
    if (item instanceof Map) return { '(Map)': [...item] };
    if (item instanceof Set) return { '(Set)': [...item] };
    if (typeof item === 'function' || typeof item === 'symbol') {
      throw new TypeError(`A page key cannot hold a ${typeof item} (at "${field}"): only data.`);
    }
    if (typeof item === 'bigint') return `${item}n`;
    return item;
  });
}

/** Nesting deeper than this is left to the replacer, which reports a cycle as JSON does. */
const PLAIN_DEPTH = 100;

/**
 * Whether `value` is made of plain objects, arrays, strings, numbers, booleans, null and undefined
 * alone, none with a `toJSON` (a Date has one): what JSON gives the same with the replacer of
 * `keyText` or without it.
 */
function isPlainData(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object' || depth > PLAIN_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (!isPlainData(item, depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** A SHA-256 of `text`, in hexadecimal. */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The `cacheKey` of a page: the digest of `keyText(parts)`. */
export function pageKey(...parts: unknown[]): string {
  return textDigest(keyText(parts));
}
