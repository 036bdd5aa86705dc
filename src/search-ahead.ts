/**
 * The parts of the search index that a warm build's edits changed, indexed while Astro still
 * writes the build's other pages.
 *
 * The search index is built after `astro build`, in a process of its own (scripts/search-index.ts),
 * and a warm build takes each part whose pages are unchanged from the cache; a part holding an
 * edited postmortem is indexed again, a Pagefind run over its thousand pages (2 to 2.5 s at 10,000
 * postmortems), once Astro's process has exited. But the postmortem pages are among the first
 * Astro generates: once they are written, the timeline, taxonomy and list pages still follow, and
 * in a warm build the second core is mostly idle. So, in a build that kept the last output
 * (src/out-dir.ts), this integration follows page generation (an observer of
 * src/prerender-once.ts), and once every postmortem page it rendered is on disk it starts Pagefind
 * on those pages' parts, in processes that outlive Astro's (`startIndexingAhead`). The index step
 * after the build puts the other parts in place meanwhile, then waits for those, and takes each
 * whose pages are still those Pagefind read; any other it indexes itself, as before, and checks.
 *
 * Only a few parts are indexed this way (`MAX_PARTS_AHEAD`): a cold build, or a warm one that
 * renders most postmortem pages again, has the index built after Astro's process has exited, as
 * before, so that Pagefind's memory (about 400 kB a page) never comes on top of Astro's. Anything
 * that goes wrong here is a warning, and the part is indexed after the build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { searchCacheDir, startIndexingAhead, stopIndexingAhead } from '../scripts/lib/search-index.ts';
import { RouteProgress } from './lib/route-progress.ts';
import type { PrerenderObserver } from './prerender-once.ts';

/** The page of each postmortem: src/pages/postmortems/[id].astro. */
export const POSTMORTEM_PAGE = 'src/pages/postmortems/[id].astro';

/** Parts of the index at most indexed while Astro writes pages (see the top of this file). */
export const MAX_PARTS_AHEAD = 2;

/** Postmortem pages rendered again beyond which none is indexed ahead: their bytes are kept until then. */
const MAX_PAGES_AHEAD = 200;

/** How long to wait for Astro to write a rendered page, and how often to look. */
const WRITE_WAIT_MS = 5000;
const WRITE_POLL_MS = 10;

/** The postmortem id a page's request is for: the last part of its path (`/postmortems/<id>/`). */
export function postmortemIdOf(request: Request): string {
  const parts = new URL(request.url).pathname.split('/').filter((part) => part !== '');
  return decodeURIComponent(parts.at(-1) ?? '');
}

/**
 * Waits until each file holds the bytes given for it, as Astro writes it once its page rendered;
 * false when one does not within `timeoutMs`.
 */
export async function waitForFiles(
  files: ReadonlyMap<string, Uint8Array>,
  timeoutMs = WRITE_WAIT_MS,
  pollMs = WRITE_POLL_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (const [file, bytes] of files) {
    for (;;) {
      const written = await readFile(file).catch(() => undefined);
      if (written?.equals(bytes)) break;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  return true;
}

export interface SearchAheadOptions {
  /** Whether this build kept the last output (src/out-dir.ts): only such a build indexes ahead. */
  outputKept: () => boolean;
}

/** The integration, and the observer to give src/prerender-once.ts. */
export function searchIndexAhead(options: SearchAheadOptions): {
  integration: AstroIntegration;
  observer: PrerenderObserver;
} {
  let outDir = '';
  let cacheDir = '';
  let logger: AstroIntegrationLogger | undefined;
  let progress: RouteProgress | undefined;
  /** The routes whose pages have keys, but the postmortems': a page of one renders only when changed. */
  let keyedRoutes = new Set<string>();
  /** The bytes of each postmortem page rendered, by id; undefined once there are too many. */
  let pages: Map<string, Uint8Array> | undefined = new Map();
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  /** Whether a changed page of another keyed route has started to render. */
  let othersChanged = false;

  const start = (): void => {
    const rendered = pages;
    pages = undefined;
    if (rendered === undefined || rendered.size === 0 || othersChanged) return;
    const files = new Map([...rendered].map(([id, bytes]) => [join(outDir, 'postmortems', id, 'index.html'), bytes]));
    starting = (async () => {
      if (!(await waitForFiles(files))) return;
      const parts = await startIndexingAhead(outDir, rendered.keys(), { cacheDir, maxParts: MAX_PARTS_AHEAD });
      if (parts.length > 0)
        logger?.info(`indexing part ${parts.map((part) => part + 1).join(' and ')} of the search index ahead`);
    })().catch((error: unknown) => {
      logger?.warn(
        `could not start indexing the edited postmortems' part of the search index ahead; it is indexed after the build: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    });
  };

  // A keyed page other than a postmortem's renders only when what it shows changed: lists,
  // taxonomy pages, the export, the timeline, some of them megabytes at 10,000 postmortems.
  // Pagefind then stops (or never starts), so that its memory does not come on top of theirs.
  const stop = (): void => {
    othersChanged = true;
    if (starting === undefined || stopping !== undefined) return;
    stopping = starting.then(async () => {
      if ((await stopIndexingAhead(cacheDir)) > 0)
        logger?.info(`other pages changed too: the edited postmortems' search part is indexed after the build`);
    });
  };

  const observer: PrerenderObserver = {
    paths(paths) {
      progress = options.outputKept()
        ? new RouteProgress(
            paths.map(({ route }) => route),
            POSTMORTEM_PAGE,
          )
        : undefined;
      keyedRoutes = new Set(
        paths
          .filter(({ route, cacheKey }) => cacheKey !== undefined && route.component !== POSTMORTEM_PAGE)
          .map(({ route }) => route.component),
      );
    },
    rendering(_request, route) {
      if (progress === undefined) return;
      const over = progress.started(route.component);
      // Only once the postmortem pages are over: a keyed page before them is written already.
      if (keyedRoutes.has(route.component) && (over || pages === undefined)) stop();
      if (over) start();
    },
    rendered(request, route, bytes) {
      if (progress === undefined) return;
      if (route.component === POSTMORTEM_PAGE && pages !== undefined) {
        if (bytes === undefined || pages.size >= MAX_PAGES_AHEAD) pages = undefined;
        else pages.set(postmortemIdOf(request), bytes);
      }
      if (progress.rendered(route.component)) start();
    },
  };

  const integration: AstroIntegration = {
    name: 'hindsight-search-index-ahead',
    hooks: {
      'astro:config:done': ({ config, logger: integrationLogger }) => {
        outDir = fileURLToPath(config.outDir);
        cacheDir = searchCacheDir(fileURLToPath(config.root));
        logger = integrationLogger;
      },
      'astro:build:generated': () => {
        if (progress?.ended()) start();
      },
      // Pagefind is started (or stopped) by then, not waited for: the index step after the build does that.
      'astro:build:done': async () => {
        await starting;
        await stopping;
      },
    },
  };
  return { integration, observer };
}
