/**
 * The postmortem collection's loader: Astro's `glob()` loader, with Hindsight's validation in front.
 *
 * Before anything is loaded, every file is validated by the same code as `npm run validate`; any
 * problem fails the build with every issue listed. The per-file checks' results are kept in the
 * cache folder, and reused for files whose text has not changed (`validation-cache.ts`). Astro's own frontmatter parser turns `2023-02-30`
 * into a Date of 2 March, so each entry's data is replaced by the frontmatter as Hindsight read it
 * (dates as strings) before the collection schema sees it. When any postmortem's set of link
 * targets (ids, headings, events) changes, the cached renderings are dropped, because rewritten
 * links and event references in *other* files depend on it. The link targets and body outlines
 * found while validating are shared with the remark plugin and the pages (see
 * `shared-collection.ts`), so the build validates and parses each file once. When there are many
 * bodies to render, they are rendered on worker threads (`render-pool.ts`). Neither the Markdown
 * nor the rendered HTML of a body is kept in Astro's content store: the HTML goes to a pack file
 * beside it (`rendered-bodies.ts`), which the postmortem's page reads.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import type { Loader, LoaderContext } from 'astro/loaders';
import { capsHeapGrowth, collectGarbage } from '../gc-tuning.ts';
import { astroEntryText } from '../lib/astro-entry-body.ts';
import { ContentValidationError } from '../lib/errors.ts';
import type { BodyOutline } from '../lib/body.ts';
import { fragmentIndex, type FragmentIndex } from '../lib/links.ts';
import { shareCollection } from '../lib/shared-collection.ts';
import { projectPath, readPostmortemFile, readPostmortemFiles } from '../lib/validate-fs.ts';
import { checkPostmortem, validatePostmortems, type PostmortemFile } from '../lib/validate.ts';
import { ValidationCache } from '../lib/validation-cache.ts';
import { validationStore, validatorCodeDigest } from '../lib/validation-cache-fs.ts';
import { collectEvery, RenderPool, renderingThrough, rendererOptions, workerCount } from './render-pool.ts';
import { bodyLocation, missingBodies, RenderedBodies, storeWithBodiesOutside } from './rendered-bodies.ts';

export interface PostmortemLoaderOptions {
  /** Folder of the postmortems, relative to the project root. */
  base: string;
  /** Path the site is served under (`site.base`), for the links the render workers rewrite. */
  siteBase: string;
  /** Render workers to use (`site.renderWorkers`); unset, as many as pay off (`workerCount`). */
  renderWorkers?: number | undefined;
}

export function postmortemLoader(options: PostmortemLoaderOptions): Loader {
  // The Markdown source is not kept in the store: the pages get each body's outline from the
  // shared collection, and its rendered HTML from `RenderedBodies`.
  const inner = glob({ pattern: '**/[^_]*.{md,mdx}', base: options.base, retainBody: false });
  return {
    name: 'hindsight-postmortems',
    load: async (context) => {
      const held = holdStoreSaves(context.meta);
      try {
        await loadPostmortems(context);
      } finally {
        held.release();
      }
    },
  };

  async function loadPostmortems(context: LoaderContext): Promise<void> {
    const root = fileURLToPath(context.config.root);
    // Astro passes the loader the entry types, though its public type does not list them.
    const { entryTypes } = context as typeof context & { entryTypes?: Map<string, ContentEntryType> };
    const startPool = (bodies: number): RenderPool | undefined => {
      const workers = entryTypes ? workerCount(bodies, options.renderWorkers) : 0;
      if (workers === 0) return undefined;
      const pipeline = {
        base: options.siteBase,
        contentDir: resolve(root, options.base),
        root: context.config.root.href,
      };
      poolBodies = bodies;
      return new RenderPool(
        workers,
        { pipeline, renderer: rendererOptions(context.config), collectEvery: collectEvery(bodies) },
        (error) => context.logger.warn(`Rendering the remaining postmortems on the main thread: ${error.message}`),
      );
    };
    let pool: RenderPool | undefined;
    let poolBodies = 0;
    // The files the glob loader read as they were when checked: those need no reading again.
    const unchangedSinceChecked = new Set<string>();
    // `astro dev` (the only one to watch files) and `astro build` keep content stores of their
    // own, so each keeps its bodies in a folder of its own.
    const bodiesDir = `hindsight/bodies-${context.watcher ? 'dev' : 'build'}/`;
    const rendered = new RenderedBodies(fileURLToPath(new URL(bodiesDir, context.config.cacheDir)));
    try {
      const { checked, index, outlines } = await checkFiles(context, root, options.base, (files) => {
        // A sync with nothing stored (a cold build) renders every body: its workers start now, and
        // set up (about a second) while the files are checked, rather than after.
        if (context.store.keys().length === 0)
          pool = startPool(files.filter(({ file }) => file.endsWith('.md')).length);
      });
      // What the checks made and dropped (every file's text, trees and results) is collected
      // before the bodies render, while it is garbage, and the pages it took are given back. V8
      // sets its next limit from what a full collection finds alive: at 10,000 postmortems, one
      // that came while the checks' results were alive let content sync's heap hold 750 to
      // 1,070 MB, and made it the build's peak (1.8 to 2.2 GB); after this collection (0.5 s), 450
      // to 500 MB (docs/PERFORMANCE.md, sixteenth round).
      if (capsHeapGrowth(poolBodies)) collectGarbage({ reduceMemory: true });
      shareCollection(resolve(root, options.base), { index, outlines, rendered });
      const targets = JSON.stringify([...index].map(([id, set]) => [id, [...set]]));
      const targetsDigest = context.generateDigest(targets);
      if (context.meta.get('link-targets') !== targetsDigest) {
        context.store.clear();
        context.meta.set('link-targets', targetsDigest);
      }
      // An entry whose rendered body is not on disk any more is rendered again.
      for (const id of missingBodies(context.store, rendered)) context.store.delete(id);

      // The Markdown bodies this sync renders: those new or changed since the store was written.
      // (A cold sync has an empty store, so its pool has started already.)
      pool ??= startPool(
        [...checked].filter(
          ([file, { id, digest }]) => file.endsWith('.md') && context.store.get(id)?.digest !== digest,
        ).length,
      );
      pool?.share(index);

      // What the glob loader read of a file, when it is the text that was checked: the file need
      // not be read again before its data is parsed, nor its frontmatter parsed again, which the
      // checks did. When the store has the entry of that very text, the glob loader skips it,
      // needing no more than its id (2 s of a warm sync at 10,000 postmortems); otherwise it
      // renders the body, read as Astro's Markdown entry type reads it (0.45 s of the main
      // thread's YAML parsing in a cold sync at 1,000). The data is the frontmatter as checked,
      // which is what `parseData` below parses; the renderer is given it too, and none of our
      // plugins reads it. The text is known by its digest (Astro's, as the store keeps it).
      const infoAsChecked = (filePath: string, contents: string): EntryInfo | undefined => {
        const file = projectPath(root, filePath);
        const known = checked.get(file);
        if (!known) return undefined;
        const digest = context.generateDigest(contents);
        if (known.digest !== digest) return undefined;
        unchangedSinceChecked.add(filePath);
        const data = known.input;
        const slug = typeof data['slug'] === 'string' ? data['slug'] : '';
        if (context.store.get(known.id)?.digest === digest) return { data, body: '', slug, rawData: '' };
        // MDX's entry type reads its body otherwise.
        if (!file.endsWith('.md')) return undefined;
        return { data, slug, ...astroEntryText(contents) };
      };
      await inner.load({
        ...context,
        store: storeWithBodiesOutside(context.store, rendered),
        ...(entryTypes
          ? { entryTypes: knowingEntries(pool ? renderingThrough(entryTypes, pool) : entryTypes, infoAsChecked) }
          : {}),
        parseData: async (entry) => {
          if (!entry.filePath) return context.parseData(entry);
          const file = projectPath(root, entry.filePath);
          let known = checked.get(file);
          if (unchangedSinceChecked.delete(entry.filePath) && known) {
            return context.parseData({ ...entry, data: known.input as typeof entry.data });
          }
          const onDisk = await readPostmortemFile(root, file);
          const digest = context.generateDigest(onDisk.source);
          if (known?.digest !== digest) {
            // The file changed after the full pass (as under `astro dev`): check it again on its own.
            const single = checkPostmortem(onDisk);
            if (!single.postmortem) throw new ContentValidationError(single.issues);
            known = { id: single.postmortem.id, input: single.postmortem.input, digest };
            checked.set(file, known);
            outlines.set(single.postmortem.id, structuredClone(single.postmortem.outline));
          }
          return context.parseData({ ...entry, data: known.input as typeof entry.data });
        },
      });
      rendered.finish();
      // The packs no stored entry points into any more: all their postmortems were rendered
      // again, deleted or renamed.
      rendered.prune(context.store.values().map(bodyLocation));
    } finally {
      await pool?.close();
      // What the workers' heaps held, which an ordinary collection would keep, is given back
      // before Astro writes its store: at 10,000 postmortems, 0.5 GB of the 2.2 GB resident then.
      if (pool && capsHeapGrowth(poolBodies)) collectGarbage({ reduceMemory: true });
      rendered.finish();
      unchangedSinceChecked.clear();
    }
  }
}

/**
 * What a sync keeps of a file once it is checked: not its text, nor the trees and positions the
 * checks made of it. At 10,000 postmortems, holding every file's text, its body twice over (once
 * behind the slices of its outline, once for the positions an error would be reported at) and its
 * frontmatter's text through the glob loader's pass took some 250 MB of the heap at the end of
 * content sync (docs/PERFORMANCE.md, tenth round).
 */
interface CheckedFile {
  readonly id: string;
  /** The frontmatter as written, which Astro's schema parses. */
  readonly input: Record<string, unknown>;
  /** Astro's digest of the file's text, as its store keeps it. */
  readonly digest: string;
}

/**
 * Reads and checks every postmortem (`beforeChecks` hears of the files read first), throws the
 * issues found, keeps the per-file checks in the cache folder, and returns what the sync needs:
 * each file's `CheckedFile`, the link targets and each body's outline (a copy: an outline's texts
 * and URLs are slices of its file's text, which V8 would keep whole for them for as long as the
 * build runs). Nothing else of the files is kept once it returns.
 */
async function checkFiles(
  context: LoaderContext,
  root: string,
  base: string,
  beforeChecks: (files: readonly PostmortemFile[]) => void,
): Promise<{ checked: Map<string, CheckedFile>; index: FragmentIndex; outlines: Map<string, BodyOutline> }> {
  const files = await readPostmortemFiles(root, base);
  beforeChecks(files);
  // The per-file checks of the files unchanged since the last sync are not run again.
  const validated = `hindsight/validated-${context.watcher ? 'dev' : 'build'}/`;
  const validation = new ValidationCache(
    validatorCodeDigest(root),
    validationStore(fileURLToPath(new URL(validated, context.config.cacheDir))),
  );
  const { postmortems, issues } = validatePostmortems(files, (file) => validation.reuse(file));
  if (issues.length > 0) throw new ContentValidationError(issues);
  const sources = new Map(files.map(({ file, source }) => [file, source]));
  validation.keep(postmortems, sources);
  const checked = new Map(
    postmortems.map(({ file, id, input }) => [
      file,
      { id, input, digest: context.generateDigest(sources.get(file) ?? '') },
    ]),
  );
  const outlines = new Map(postmortems.map((postmortem) => [postmortem.id, structuredClone(postmortem.outline)]));
  return { checked, index: fragmentIndex(postmortems), outlines };
}

/** How often `holdStoreSaves` puts off Astro's save: well within its 500 ms. */
const HOLD_EVERY_MS = 200;

/**
 * Puts off the save Astro makes of its content store while the loader runs, until `release()`.
 *
 * Astro saves the store 500 ms after its last change, and once more when sync ends if it changed
 * since; each save serialises the whole store (0.85 s at 10,000 postmortems). It changes the store
 * as every sync starts (three values of its own metadata, set whether they changed or not), so the
 * first save came while this loader was still reading and checking files, and a sync that then
 * changed an entry (any edit) serialised the store a second time at its end: 1.6 s of an edited
 * warm build (docs/PERFORMANCE.md, eighth round). Setting one of the loader's own values to what it
 * already holds, more often than every 500 ms, starts Astro's wait again, so the store is saved
 * once, as sync ends. Nothing is set before there is such a value (a first build).
 */
export function holdStoreSaves(
  meta: Pick<LoaderContext['meta'], 'get' | 'set'>,
  key = 'link-targets',
): { release(): void } {
  const timer = setInterval(() => {
    const value = meta.get(key);
    if (value !== undefined) meta.set(key, value);
  }, HOLD_EVERY_MS);
  // Never what keeps a process alive.
  timer.unref();
  return { release: () => clearInterval(timer) };
}

type EntryInfo = Awaited<ReturnType<ContentEntryType['getEntryInfo']>>;

/**
 * `entryTypes` whose `getEntryInfo` first asks `known` about the text the glob loader read from a
 * file, and parses it only when `known` has nothing to say.
 */
function knowingEntries(
  entryTypes: ReadonlyMap<string, ContentEntryType>,
  known: (filePath: string, contents: string) => EntryInfo | undefined,
): Map<string, ContentEntryType> {
  const types = new Map(entryTypes);
  for (const [extension, type] of entryTypes) {
    const { getEntryInfo } = type;
    types.set(extension, {
      ...type,
      getEntryInfo(params) {
        return known(fileURLToPath(params.fileUrl), params.contents) ?? getEntryInfo.call(type, params);
      },
    });
  }
  return types;
}
