/**
 * Astro's prerenderer, with each page's bytes read once (src/lib/read-once.ts).
 *
 * Astro's own prerenderer, with the incremental build on, reads each page into bytes inside a
 * scope that records the content entries the page used (`collectPrerenderMetadata`), then
 * makes a new `Response` of them. This one renders through Astro's, without its reading, inside
 * the same scope, and reads the body with `readOnce`: the same bytes and the same record, in
 * fewer copies. Both functions are Astro's public API (`astro/app`), as is `setPrerenderer` in the
 * `astro:build:start` hook.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { collectPrerenderMetadata, installRenderScope } from 'astro/app';
import { readOnce } from './lib/read-once.ts';

/** The response of a render, whether Astro's prerenderer returned it bare or with its metadata. */
function responseOf(rendered: Response | { response: Response }): Response {
  return rendered instanceof Response ? rendered : rendered.response;
}

/** `base`, rendering every page that records metadata through `readOnce`. */
export function readingOnce(base: AstroPrerenderer, logger: AstroIntegrationLogger): AstroPrerenderer {
  let scopeInstalled = false;
  return {
    ...base,
    name: 'hindsight:read-once',
    async render(request, options) {
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
    },
  };
}

/** The integration that sets `readingOnce` as the build's prerenderer. */
export function prerenderReadingOnce(): AstroIntegration {
  return {
    name: 'hindsight-prerender-read-once',
    hooks: {
      'astro:build:start': ({ setPrerenderer, logger }) => {
        setPrerenderer((base) => readingOnce(base, logger));
      },
    },
  };
}
