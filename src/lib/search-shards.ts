/**
 * The search index in parts. Pagefind holds about 400 kB per page while it indexes, whatever the
 * page holds (4 GB for 10,000 postmortems), and it cannot index less than a whole index at a time.
 * So a site of many postmortems gets one index per thousand of them, each built by a Pagefind run of
 * its own, and the search page searches them all. A site of up to a thousand has the single index
 * it always had, at `pagefind/`; the others are at `pagefind/shard-1/`, `pagefind/shard-2/`, ...
 *
 * A postmortem's part is chosen by a hash of its id, not by its place in a list, so adding one moves
 * no other between parts (until the count passes a multiple of the part size).
 */

/** The folder of the search index in the built site, where the search page loads it from. */
export const SEARCH_INDEX_FOLDER = 'pagefind';

/** Postmortems per part, unless `HINDSIGHT_SEARCH_SHARD_SIZE` says otherwise (see site.config.ts). */
export const DEFAULT_SEARCH_SHARD_SIZE = 1000;

/** How many parts the index of `postmortems` published postmortems has: at least one. */
export function searchShardCount(postmortems: number, shardSize: number): number {
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new RangeError(`search shard size: received ${shardSize}; expected a whole number of at least 1`);
  return Math.max(1, Math.ceil(postmortems / shardSize));
}

/**
 * The part (0 to `count - 1`) a postmortem's page is indexed in: FNV-1a of its id, mixed by
 * MurmurHash3's finaliser. FNV-1a alone spreads its low bits poorly: its lowest bit is the parity of
 * the characters' lowest bits, so `001-a-1` and `002-a-2` would always share a part of two.
 */
export function searchShardOf(id: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % count;
}

/** Folder of a part within the index folder (`pagefind/`): `''` for the first, `shard-N/` for the rest. */
export function searchShardFolder(shard: number): string {
  return shard === 0 ? '' : `shard-${shard}/`;
}

/** Which postmortem pages the whole index is made from, relative to the built site. */
export const POSTMORTEM_PAGES_GLOB = 'postmortems/*/index.html';

/**
 * The pages of one part as a glob Pagefind reads (`postmortems/{id-1,id-2}/index.html`), so that it
 * indexes just those from the built site itself. An id is kebab-case, as its file name (a character
 * a glob gives meaning to could never match): any other is an error rather than a page left out.
 */
export function searchShardGlob(ids: readonly string[]): string {
  if (ids.length === 0) throw new RangeError('search shard glob: received no postmortem; expected at least one');
  for (const id of ids) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      throw new RangeError(`search shard glob: received the id ${JSON.stringify(id)}; expected a kebab-case id`);
  }
  return ids.length === 1 ? `postmortems/${ids[0]}/index.html` : `postmortems/{${ids.join(',')}}/index.html`;
}

/** The ids of each part, in the order given. */
export function assignSearchShards(ids: readonly string[], count: number): string[][] {
  const shards: string[][] = Array.from({ length: count }, () => []);
  for (const id of ids) shards[searchShardOf(id, count)]?.push(id);
  return shards;
}
