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

/** A SHA-256 of `text`, in hexadecimal. */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The `cacheKey` of a page: the digest of `keyText(parts)`. */
export function pageKey(...parts: unknown[]): string {
  return textDigest(keyText(parts));
}
