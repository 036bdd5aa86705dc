/**
 * Lets go of the content layer Astro keeps after content sync in `astro build`.
 *
 * `astro build` syncs the content into a content layer, a module-level singleton of Astro's that
 * holds the whole content store it loaded and saved, and an xxhash instance with its WebAssembly
 * memory. The pages never read that store: they read the store's file when they load
 * (src/content-store-module.ts). Astro stops the layer's watching once the sync is done but keeps
 * the instance, which only `astro dev` reads again (to sync on a change). At 10,000 postmortems it
 * held 93 MB of live heap through page generation (a heap snapshot as the last pages were
 * written), and V8's heap grows in proportion to what is live: in trial builds that let it go
 * (with two smaller releases alongside), page generation's peak fell by about 200 MB
 * (docs/PERFORMANCE.md, fourteenth round).
 *
 * The singleton is not part of Astro's public API: it is reached by its file in Astro's package,
 * and released with its own `dispose()`, which empties it. If a later Astro moves or changes it,
 * nothing is released and `releaseContentLayer` says so; tests/unit/release-content-layer.test.ts
 * fails then.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Where Astro keeps its content layer singleton (`globalContentLayer`), as a file URL. */
export function contentLayerModuleUrl(): string {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('astro'));
  return new URL('./content/instance.js', entry).href;
}

/** Why `releaseContentLayer` released nothing when no content layer was held. */
export const NOTHING_HELD = 'no content layer is held';

interface ContentLayerSingleton {
  get(): unknown;
  dispose(): void;
}

function isSingleton(value: unknown): value is ContentLayerSingleton {
  const candidate = value as Partial<ContentLayerSingleton> | undefined;
  return typeof candidate?.get === 'function' && typeof candidate.dispose === 'function';
}

/**
 * Empties Astro's content layer singleton. Call it once content sync is over, in `astro build`
 * only. Returns whether a layer was released, or why not.
 */
export async function releaseContentLayer(
  moduleUrl = contentLayerModuleUrl(),
): Promise<{ released: true } | { released: false; why: string }> {
  let singleton: unknown;
  try {
    singleton = ((await import(/* @vite-ignore */ moduleUrl)) as { globalContentLayer?: unknown }).globalContentLayer;
  } catch (error) {
    return { released: false, why: `${moduleUrl} could not be loaded: ${(error as Error).message}` };
  }
  if (!isSingleton(singleton)) return { released: false, why: `${moduleUrl} has no globalContentLayer to dispose` };
  if (singleton.get() == null) return { released: false, why: NOTHING_HELD };
  singleton.dispose();
  return { released: true };
}
