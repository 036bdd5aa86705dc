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
 *
 * Once the content is synced (in a build that keeps the last output, once its first page renders:
 * `CAP_AFTER_RENDERS`), if it holds many postmortems (`capsHeapGrowth`), the heap may grow by at
 * most 30 % of what is live before the next full collection (`--heap-growing-percent`; V8
 * otherwise lets it grow up to fourfold when collections are quick). Page generation keeps little
 * alive from page to page, so by the end of a 10,000 build the heap was about 2 GB of which 850 MB
 * live, and the process's peak was 3.5 GB; with the limit it is 2.7 to 2.9 GB, for no measurable
 * time. Content sync keeps V8's default: there the live heap grows as files are read and
 * rendered, and the same limit made it 40 % slower.
 *
 * A cold build of many postmortems also gives back to the system, as its pages start and whenever
 * the process has grown much since, the pages of the heap it no longer uses, which ordinary
 * collections keep (`collectGarbage` with `reduceMemory`, `watchResidentMemory`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AstroIntegration } from 'astro';
import { sharedPostmortemCount } from './lib/shared-collection.ts';
import { NOTHING_HELD, releaseContentLayer } from './release-content-layer.ts';

/** The V8 flags the build runs with from the start. */
export const buildV8Flags = ['--external-memory-accounted-in-global-limit'] as const;

/** The V8 flags added once the content is synced, for bundling and page generation. */
export const pageGenerationV8Flags = ['--heap-growing-percent=30'] as const;

/** Applies `buildV8Flags` to this process. */
export function tuneGarbageCollection(): void {
  for (const flag of buildV8Flags) setFlagsFromString(flag);
}

/**
 * Postmortems above which the heap's growth is capped through page generation. A small heap grows
 * by little anyway, and capping it only adds collections: at 1,000 postmortems page generation took
 * about 0.5 s longer with the cap; at 10,000 the cap saves 1 to 1.4 GB of the peak for no
 * measurable time. The count decides, not the heap in use as the build starts: that swings with
 * whether a collection has just run (at 10,000, 0.3 GB in one build and 1.1 GB in the next), and a
 * build that missed the cap that way peaked at 4.4 GB instead of 3.0 GB (docs/PERFORMANCE.md).
 */
export const CAP_GROWTH_ABOVE_POSTMORTEMS = 3000;

/** Whether page generation should run with `pageGenerationV8Flags`, given the postmortems loaded. */
export function capsHeapGrowth(postmortems: number): boolean {
  return postmortems > CAP_GROWTH_ABOVE_POSTMORTEMS;
}

/**
 * Pages rendered in a warm build before its heap's growth is capped: the cap comes with the first
 * page it renders rather than as it starts. A build that keeps the last output (src/out-dir.ts)
 * usually renders a handful of pages and copies the rest, and the cap made the work before them
 * (bundling, and the collection, graph and keys every page needs) collect more often: after one
 * edit at 10,000 postmortems, 2.0 s of collections against 2.4 to 2.7 s in CPU profiles, and
 * Astro's part about 13 s against 14.8 s. Leaving the cap off altogether was not kept: a warm build
 * that rendered the 124 taxonomy pages again (each lists hundreds of cards) peaked at 3.9 GB,
 * against 2.8 GB with the cap from its first page.
 */
export const CAP_AFTER_RENDERS = 1;

/** When page generation caps the heap's growth: as it starts, once `CAP_AFTER_RENDERS` pages have rendered, or never. */
export type HeapCapPlan = 'now' | 'after renders' | 'never';

/** The plan for a build that loaded `postmortems`, into an output folder kept from the last build or not. */
export function heapCapPlan(postmortems: number, outputKept: boolean): HeapCapPlan {
  if (!capsHeapGrowth(postmortems)) return 'never';
  return outputKept ? 'after renders' : 'now';
}

/** Applies `pageGenerationV8Flags` to this process. */
export function capHeapGrowth(): void {
  for (const flag of pageGenerationV8Flags) setFlagsFromString(flag);
}

/**
 * Runs a full collection of the heap now (with `gc`, which `--expose-gc` set at run time gives a
 * new context). V8 sets the heap's next limit only as a full collection ends, so a cap set between
 * two applies only from the next. Bundling used to run one just after content sync, with Astro's
 * store a 36 MB module (src/content-store-module.ts); without it, a cold build at 10,000
 * postmortems kept content sync's limit well into page generation: the heap grew to 1.5 GB before
 * its first collection, and the build peaked at 3.2 GB, against 1.8 GB resident through page
 * generation and a 2.75 GB peak with this collection (0.2 s) as pages start.
 *
 * With `reduceMemory`, it is V8's memory-reducing collection (its `last-resort` flavour, the one V8
 * runs when memory is short): it also gives back to the system the pages the heap no longer uses.
 * An ordinary full collection keeps them, for the heap to grow into again: at 10,000 postmortems,
 * some 600 MB of the process's resident memory through page generation was such pages (the render
 * workers' heaps and content sync's), held in no JavaScript object, which one memory-reducing
 * collection (about 1 s) gave back (docs/PERFORMANCE.md, tenth round).
 */
export function collectGarbage(options: { reduceMemory?: boolean } = {}): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
  if (options.reduceMemory) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else gc();
}

/**
 * How much the process's resident memory may grow through page generation before a
 * memory-reducing collection gives back what the heap has stopped using (`watchResidentMemory`).
 * Each such collection takes 1 to 1.5 s at 10,000 postmortems; with this much growth, a cold build
 * there runs two or three, the last as the pages that list every postmortem begin.
 */
export const RESIDENT_GROWTH_BEFORE_REDUCING = 448 * 1024 * 1024;

/** Whether memory should be given back, with `rss` resident now and `baseline` after the last time. */
export function shouldReduceMemory(rss: number, baseline: number, growth = RESIDENT_GROWTH_BEFORE_REDUCING): boolean {
  return rss > baseline + growth;
}

/**
 * The renders left before the cap, and the resident memory watched through page generation, kept
 * on `globalThis`: the middleware that counts renders (src/gc-middleware.ts) is bundled with the
 * pages, a module of its own apart from this one.
 */
const PENDING = Symbol.for('hindsight.gc.pending-cap');
const WATCH = Symbol.for('hindsight.gc.resident-watch');

interface PendingCap {
  left: number;
  apply: () => void;
}

interface ResidentWatch {
  /** Resident memory after the last memory-reducing collection, or as the watch began. */
  baseline: number;
  readonly growth: number;
  readonly reduce: () => void;
  readonly rss: () => number;
}

type GcState = { [PENDING]?: PendingCap; [WATCH]?: ResidentWatch };

const state = globalThis as GcState;

/** Caps the heap's growth (`apply`) once `renders` more pages have rendered (`pageRendered`). */
export function capAfterRenders(renders = CAP_AFTER_RENDERS, apply: () => void = capHeapGrowth): void {
  state[PENDING] = { left: renders, apply };
}

/**
 * From now on, before each page, gives back the memory the heap no longer uses (`reduce`, a
 * memory-reducing collection) whenever the process's resident memory has grown by more than
 * `growth` since the last time, or since now. `rss` is how it is read; tests give their own.
 */
export function watchResidentMemory(
  growth = RESIDENT_GROWTH_BEFORE_REDUCING,
  reduce: () => void = () => collectGarbage({ reduceMemory: true }),
  rss: () => number = () => process.memoryUsage.rss(),
): void {
  state[WATCH] = { baseline: rss(), growth, reduce, rss };
}

/** Stops `watchResidentMemory`. */
export function stopWatchingResidentMemory(): void {
  delete state[WATCH];
}

/**
 * Counts one rendered page: caps the heap's growth when it is the last one waited for, and gives
 * back unused memory when the resident memory watched has grown too much.
 */
export function pageRendered(): void {
  const watch = state[WATCH];
  if (watch && shouldReduceMemory(watch.rss(), watch.baseline, watch.growth)) {
    watch.reduce();
    watch.baseline = watch.rss();
  }
  const cap = state[PENDING];
  if (!cap) return;
  cap.left -= 1;
  if (cap.left > 0) return;
  delete state[PENDING];
  cap.apply();
}

export interface PageGenerationGcOptions {
  /** Whether the build keeps the last output, as `keptOutDir()` (src/out-dir.ts) says once the build has started. */
  outputKept?: () => boolean;
}

/**
 * An integration that, when `astro build` starts, after content sync, first lets go of the content
 * layer Astro keeps from the sync (`releaseContentLayer`, in every build: the pages never read it),
 * then applies `pageGenerationV8Flags` if the loader loaded many postmortems, with a
 * memory-reducing collection for the cap to apply at once and the memory content sync left behind
 * to be given back (`collectGarbage`), and then watches the resident memory through page
 * generation (`watchResidentMemory`). In a build that keeps the last output it caps the heap only
 * once `CAP_AFTER_RENDERS` pages have rendered (counted by src/gc-middleware.ts), with neither:
 * there the peak is well below a cold build's, and each collection would be a second taken from
 * the warm build. It must come after `keptOutDir()` in the integrations, whose `astro:build:start`
 * decides whether the output is kept.
 */
export function pageGenerationGcTuning(options: PageGenerationGcOptions = {}): AstroIntegration {
  return {
    name: 'hindsight-page-generation-gc',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build')
          addMiddleware({ entrypoint: new URL('./gc-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': async ({ logger }) => {
        // Content sync is over: its layer, with the store it held, is Astro's to let go of.
        const release = await releaseContentLayer();
        if (!release.released && release.why !== NOTHING_HELD)
          logger.warn(`Astro's content layer was kept through page generation: ${release.why}.`);
        const plan = heapCapPlan(sharedPostmortemCount(), options.outputKept?.() ?? false);
        if (plan === 'now') {
          capHeapGrowth();
          collectGarbage({ reduceMemory: true });
          watchResidentMemory();
        } else if (plan === 'after renders') capAfterRenders();
      },
    },
  };
}
