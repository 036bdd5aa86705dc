/**
 * Counts the pages a build renders, for the cap on the heap's growth that a warm build applies only
 * once it has rendered many, and, in a cold build of many postmortems, gives back the memory the
 * heap no longer uses when the process has grown too much since the last time (src/gc-tuning.ts).
 * It changes nothing of a page. Added by `pageGenerationGcTuning()` to `astro build` alone.
 */
import type { MiddlewareHandler } from 'astro';
import { pageRendered } from './gc-tuning.ts';

export const onRequest: MiddlewareHandler = (_context, next) => {
  pageRendered();
  return next();
};
