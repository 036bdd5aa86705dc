/**
 * The search index of one `astro build`, built while the pages are generated rather than after.
 * Pagefind indexes in a process of its own, so every postmortem page handed to it as Astro renders
 * it (by `src/middleware.ts`) is indexed on another core while Astro goes on with the rest of the
 * site, and the index is written as soon as the last postmortem page is in: at 10,000 postmortems,
 * half a minute that used to follow the build now runs beside it. Pagefind reads exactly the HTML
 * that goes to disk, as it did when it read the built files.
 *
 * The integration (`pagefind.ts`) starts a session when a build starts and finishes it when the
 * build is done; the middleware, which Astro loads in another module graph, finds it on
 * `globalThis` (as the content loader's results are shared, see `src/lib/shared-collection.ts`).
 * There is no session under `astro dev`, so the middleware does nothing there.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';

const KEY = Symbol.for('hindsight.search-index-session');

export interface IndexedSite {
  /** Pages Pagefind indexed. */
  readonly pages: number;
  /** Every error Pagefind reported, for any page or for writing the index. */
  readonly errors: readonly string[];
}

export class SearchIndexSession {
  private readonly index = pagefind.createIndex({}).then(({ index, errors }) => {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    return index;
  });
  /** Pages go to Pagefind one after another, in the order Astro renders them: the index is the
   * same on every build of the same site. */
  private queue: Promise<void> = Promise.resolve();
  private readonly errors: string[] = [];
  private pages = 0;
  private written: Promise<void> | undefined;

  /** The build's output folder; the index goes to its `pagefind/`. */
  private readonly outDir: string;

  constructor(outDir: string) {
    this.outDir = outDir;
  }

  /**
   * Indexes a built page, `sourcePath` being its file relative to the output folder (Pagefind
   * makes the result's URL from it). Once `expected` pages are in, the index is written.
   */
  add(sourcePath: string, html: string, expected: number): void {
    if (this.written) {
      this.errors.push(`${sourcePath} came after the index was written, with all ${expected} pages in it`);
      return;
    }
    this.queue = this.queue
      .then(() => this.index)
      .then((index) => index.addHTMLFile({ sourcePath, content: html }))
      .then(({ errors }) => {
        this.errors.push(...errors.map((error) => `${sourcePath}: ${error}`));
        this.pages += 1;
        if (this.pages === expected) this.written = this.write();
      })
      // Kept for finish(): a rejection nobody awaits yet would stop the build without a word.
      .catch((error: unknown) => {
        this.errors.push(`${sourcePath}: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  /** Waits for every page and for the written index (writing it now if no page asked to). */
  async finish(): Promise<IndexedSite> {
    try {
      await this.queue;
      this.written ??= this.write();
      await this.written;
      return { pages: this.pages, errors: this.errors };
    } finally {
      await pagefind.close();
    }
  }

  /** Writes the index; never rejects, so it can run unawaited: what goes wrong is in `errors`. */
  private async write(): Promise<void> {
    try {
      const index = await this.index;
      const { errors } = await index.writeFiles({ outputPath: join(this.outDir, 'pagefind') });
      this.errors.push(...errors.map((error) => `writing the index: ${error}`));
    } catch (error) {
      this.errors.push(`writing the index: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

type Holder = { [KEY]?: SearchIndexSession | undefined };

/** Starts the session of a build writing to `outDir`. */
export function startSearchIndex(outDir: string): SearchIndexSession {
  const session = new SearchIndexSession(outDir);
  (globalThis as Holder)[KEY] = session;
  return session;
}

/** The running build's session, or undefined outside `astro build`. */
export function searchIndexSession(): SearchIndexSession | undefined {
  return (globalThis as Holder)[KEY];
}

/** Ends the running build's session, so nothing more is indexed. */
export function endSearchIndex(): void {
  (globalThis as Holder)[KEY] = undefined;
}
