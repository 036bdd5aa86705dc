/**
 * Garbage-collector tuning for the process that builds the site, applied by astro.config.mjs.
 *
 * Astro renders every page into a web `Response` and reads it back as bytes, so each page leaves a
 * few copies of itself in `ArrayBuffer`s, memory outside V8's heap. By default V8 starts a full
 * mark-compact of the whole heap every time that outside memory has grown by some 64 MB since the
 * last one, however large the heap is. With the content store of 10,000 postmortems the heap holds
 * about 1.6 GB, and the timeline and taxonomy pages are hundreds of kilobytes each: the build ran a
 * full collection about every 0.8 s, reclaiming some 40 MB each time, and spent two thirds of its
 * page generation collecting (65 mark-compacts, 64 to 81 s of page generation).
 *
 * With `--external-memory-accounted-in-global-limit` V8 counts that memory in the same growing
 * limit as its heap, so a collection comes when the two together have grown in proportion to what
 * is live: at 10,000 postmortems, 13 mark-compacts and 47 s of page generation, for about 0.5 GB
 * more at the peak (docs/PERFORMANCE.md). The flag is a V8 option Node does not take in
 * NODE_OPTIONS; set at run time it applies from the next collection on, and it only changes when
 * collections start, never what they keep.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags the build runs with. */
export const buildV8Flags = ['--external-memory-accounted-in-global-limit'] as const;

/** Applies `buildV8Flags` to this process. */
export function tuneGarbageCollection(): void {
  for (const flag of buildV8Flags) setFlagsFromString(flag);
}
