/**
 * Astro's prerenderer, with each page's bytes read once (src/lib/read-once.ts).
 *
 * Astro's own prerenderer, with the incremental build on, reads each page into bytes inside a
 * scope that records the content entries the page used (`collectPrerenderMetadata`), then
 * makes a new `Response` of them. This one renders through Astro's, without its reading, inside
 * the same scope, and reads the body with `readOnce`: the same bytes and the same record, in
 * fewer copies. Both functions are Astro's public API (`astro/app`), as is `setPrerenderer` in the
 * `astro:build:start` hook.
 *
 * It also tells what it sees to its observers (`PrerenderObserver`): the paths Astro is about to
 * generate, and each render as it starts and as it returns with its bytes.
 * Astro takes one prerenderer: integrations that follow the build this way are observers here
 * rather than prerenderers of their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer, PathWithRoute, RouteData } from 'astro';
import { collectPrerenderMetadata, installRenderScope } from 'astro/app';
import { ReadResponse, readOnce } from './lib/read-once.ts';

/** What an integration is told of page generation (see the top of this file). */
export interface PrerenderObserver {
  /** The paths Astro will generate, in the order it generates them. */
  paths?(paths: readonly PathWithRoute[]): void;
  /** A page starts to render (one Astro copies from its incremental build never does). */
  rendering?(request: Request, route: RouteData): void;
  /** A page has rendered: its bytes, or undefined when it has none or they were not read here. */
  rendered?(request: Request, route: RouteData, bytes: Uint8Array | undefined): void;
}

/** The response of a render, whether Astro's prerenderer returned it bare or with its metadata. */
function responseOf(rendered: Response | { response: Response }): Response {
  return rendered instanceof Response ? rendered : rendered.response;
}

/** `base`, rendering every page that records metadata through `readOnce`, and telling `observers`. */
export function readingOnce(
  base: AstroPrerenderer,
  logger: AstroIntegrationLogger,
  observers: readonly PrerenderObserver[] = [],
): AstroPrerenderer {
  let scopeInstalled = false;
  const render = async (request: Request, options: Parameters<AstroPrerenderer['render']>[1]) => {
    if (!options.collectMetadata) return base.render(request, options);
    // The scope Astro's prerenderer installs before its first collecting render (first wins).
    if (!scopeInstalled) installRenderScope(new AsyncLocalStorage());
    scopeInstalled = true;
    const { value, metadata } = await collectPrerenderMetadata(
      async () => readOnce(responseOf(await base.render(request, { routeData: options.routeData }))),
      // Astro's logger type; it is only told that no scope is installed, which the line above rules out.
      logger as never,
    );
    return metadata ? { response: value, metadata } : value;
  };
  return {
    ...base,
    name: 'hindsight:read-once',
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      for (const observer of observers) observer.paths?.(paths);
      return paths;
    },
    async render(request, options) {
      for (const observer of observers) observer.rendering?.(request, options.routeData);
      const rendered = await render(request, options);
      const response = responseOf(rendered);
      const bytes = response instanceof ReadResponse ? await response.bytes() : undefined;
      for (const observer of observers) observer.rendered?.(request, options.routeData, bytes);
      return rendered;
    },
  };
}

/** The integration that sets `readingOnce`, telling `observers`, as the build's prerenderer. */
export function prerenderReadingOnce(observers: readonly PrerenderObserver[] = []): AstroIntegration {
  return {
    name: 'hindsight-prerender-read-once',
    hooks: {
      'astro:build:start': ({ setPrerenderer, logger }) => {
        setPrerenderer((base) => readingOnce(base, logger, observers));
      },
    },
  };
}
