/**
 * Renders the Markdown bodies of a content sync on worker threads. Astro's glob loader renders
 * each entry on the main thread, one core doing what is the largest part of a cold build of
 * thousands of postmortems (at 10,000, some 60 of the 75 s of content sync), while the other cores
 * wait. The postmortem loader hands the glob loader an entry type for `.md` whose render function
 * sends each body to this pool instead; the glob loader keeps ten renders in flight, which keeps
 * every worker busy.
 *
 * Each worker makes the same processor as astro.config.mjs (`markdownProcessor`) with the options
 * Astro gives its own renderer, so a body renders to the same HTML and metadata either way (a
 * build-level test compares them); only the processor's last pass of rehype-raw is skipped where it
 * could change nothing (src/markdown/rehype-raw-when-needed.ts). A body a worker cannot render, or one sent after the pool has
 * closed (a file changed under `astro dev`), is rendered on the main thread by Astro's own render
 * function, so its errors are reported exactly as before.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import type { ContentEntryType } from 'astro';
import { capsHeapGrowth } from '../gc-tuning.ts';
import type { FragmentIndex } from '../lib/links.ts';
import type { PipelineOptions } from '../markdown/pipeline.ts';

type RenderFunction = NonNullable<Awaited<ReturnType<NonNullable<ContentEntryType['getRenderFunction']>>>>;
type DataEntry = Parameters<RenderFunction>[0];
type RenderedContent = Awaited<ReturnType<RenderFunction>>;
type AstroConfig = Parameters<NonNullable<ContentEntryType['getRenderFunction']>>[0];

/** The options Astro passes to `markdown.processor.createRenderer`, taken from its config. */
export function rendererOptions(config: AstroConfig): AstroMarkdownOptions {
  const { markdown, image } = config;
  // As Astro's Markdown entry type passes them; its config types optional fields more loosely.
  return {
    image,
    syntaxHighlight: markdown.syntaxHighlight,
    shikiConfig: markdown.shikiConfig,
    gfm: markdown.gfm,
    smartypants: markdown.smartypants,
  } as AstroMarkdownOptions;
}

export interface RenderWorkerData {
  /** What `markdownProcessor` is made from; `contentDir` an absolute path. */
  readonly pipeline: Required<Pick<PipelineOptions, 'base' | 'contentDir'>> & { readonly root: string };
  readonly renderer: AstroMarkdownOptions;
  /** Renders between two memory-reducing collections of the worker's heap (`collectEvery`); none if 0 or unset. */
  readonly collectEvery?: number;
}

/** Renders between a worker's memory-reducing collections, in a pool that renders many bodies. */
export const RENDERS_BETWEEN_COLLECTIONS = 500;

/**
 * How often a worker of a pool that renders `bodies` gives back the memory its heap no longer
 * uses (`collectGarbage` in src/gc-tuning.ts): every `RENDERS_BETWEEN_COLLECTIONS` renders when
 * there are many, else never. Left to itself, V8 let each worker's heap grow to some 300 MB at
 * 10,000 postmortems, most of it garbage it had no need yet to collect; with two workers, the
 * build held 2.2 to 2.36 GB towards the end of content sync, its peak. With a collection every 500
 * renders, under 1.8 GB there, for about 6 s of content sync's 26 s (docs/PERFORMANCE.md, tenth
 * and eleventh rounds). Bounding the workers' heaps instead (`resourceLimits`) made content sync
 * 30 % slower.
 */
export function collectEvery(bodies: number): number {
  return capsHeapGrowth(bodies) ? RENDERS_BETWEEN_COLLECTIONS : 0;
}

/** The link targets, sent to every worker before any body (`RenderPool.share`). */
export interface ShareRequest {
  readonly share: FragmentIndex;
}

export interface RenderRequest {
  readonly job: number;
  readonly body: string;
  /** Absolute path of the file. */
  readonly filePath: string;
  readonly frontmatter: Record<string, unknown>;
}

export type RenderResponse =
  | { readonly job: number; readonly rendered: RenderedContent; readonly error?: undefined }
  | { readonly job: number; readonly error: string; readonly rendered?: undefined };

/** How many bodies make a pool worth starting: each worker takes over half a second to set up. */
export const MIN_BODIES_PER_WORKER = 100;

/**
 * How many workers to start for `bodies` renders: `setting` when given (`HINDSIGHT_RENDER_WORKERS`),
 * else one per core, but none on one core or when the main thread would be as quick.
 */
export function workerCount(bodies: number, setting?: number, cores = availableParallelism()): number {
  if (bodies === 0) return 0;
  if (setting !== undefined) return setting;
  if (cores < 2) return 0;
  return Math.min(cores, Math.floor(bodies / MIN_BODIES_PER_WORKER));
}

export class RenderPool {
  readonly #workers: { worker: Worker; pending: number }[] = [];
  readonly #jobs = new Map<number, { resolve: (rendered: RenderedContent) => void; reject: (error: Error) => void }>();
  readonly #onFailure: ((error: Error) => void) | undefined;
  #next = 0;
  #closed = false;
  #shared = false;

  /**
   * Starts `size` workers. `onFailure` hears once, if a worker fails or stops on its own (as it
   * would on a Node that cannot run TypeScript in a worker), or if none can be started (options
   * that cannot be copied to a thread, a `script` that is not a file): from then on, every body
   * renders on the main thread. `script` is the workers' module; tests name another.
   */
  constructor(
    size: number,
    data: RenderWorkerData,
    onFailure?: (error: Error) => void,
    script: URL = new URL('./render-worker.ts', import.meta.url),
  ) {
    this.#onFailure = onFailure;
    for (let i = 0; i < size && !this.#closed; i++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: data });
      } catch (error) {
        // As when this module is not loaded from a file: the build goes on, on the main thread.
        this.#failed(error instanceof Error ? error : new Error(String(error)));
        break;
      }
      // A pool left open must not keep the build's process alive.
      worker.unref();
      const slot = { worker, pending: 0 };
      worker.on('message', ({ job, rendered, error }: RenderResponse) => {
        slot.pending--;
        const waiting = this.#jobs.get(job);
        this.#jobs.delete(job);
        if (rendered) waiting?.resolve(rendered);
        else waiting?.reject(new Error(error));
      });
      worker.on('error', (error) => this.#failed(error));
      worker.on('exit', (code) => this.#failed(new Error(`a render worker stopped with exit code ${code}`)));
      this.#workers.push(slot);
    }
  }

  get open(): boolean {
    return !this.#closed;
  }

  /**
   * Gives every worker the link targets its bodies' links are checked and rewritten against. The
   * workers set up while the loader checks the files, which is what finds the targets; none
   * renders a body before it has them.
   */
  share(index: FragmentIndex): void {
    for (const { worker } of this.#workers) worker.postMessage({ share: index } satisfies ShareRequest);
    this.#shared = true;
  }

  /** Renders one entry on the least busy worker. */
  render(entry: DataEntry): Promise<RenderedContent> {
    if (this.#closed || this.#workers.length === 0) return Promise.reject(new Error('the render pool is closed'));
    if (!this.#shared) return Promise.reject(new Error('the render pool has no link targets yet'));
    if (entry.filePath === undefined) return Promise.reject(new Error('an entry without a file'));
    const slot = this.#workers.reduce((best, candidate) => (candidate.pending < best.pending ? candidate : best));
    const job = this.#next++;
    const request: RenderRequest = { job, body: entry.body ?? '', filePath: entry.filePath, frontmatter: entry.data };
    return new Promise((resolve, reject) => {
      this.#jobs.set(job, { resolve, reject });
      slot.pending++;
      slot.worker.postMessage(request);
    });
  }

  /** Stops the workers; what is still waiting is rejected (and so rendered on the main thread). */
  async close(): Promise<void> {
    this.#fail(new Error('the render pool is closed'));
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }

  #failed(error: Error): void {
    if (this.#closed) return;
    this.#fail(error);
    this.#onFailure?.(error);
  }

  #fail(error: Error): void {
    this.#closed = true;
    for (const { reject } of this.#jobs.values()) reject(error);
    this.#jobs.clear();
  }
}

/**
 * `entryTypes` with the Markdown entry type rendering through `pool` while it is open, and through
 * Astro's own render function for anything the pool does not render.
 */
export function renderingThrough(
  entryTypes: ReadonlyMap<string, ContentEntryType>,
  pool: Pick<RenderPool, 'open' | 'render'>,
): Map<string, ContentEntryType> {
  const types = new Map(entryTypes);
  const markdown = entryTypes.get('.md');
  const getRenderFunction = markdown?.getRenderFunction;
  if (!markdown || !getRenderFunction) return types;
  types.set('.md', {
    ...markdown,
    async getRenderFunction(config) {
      let local: Promise<RenderFunction> | undefined;
      const onMainThread = (entry: DataEntry) =>
        (local ??= getRenderFunction.call(markdown, config)).then((render) => render(entry));
      return (entry) => (pool.open ? pool.render(entry).catch(() => onMainThread(entry)) : onMainThread(entry));
    },
  });
  return types;
}
