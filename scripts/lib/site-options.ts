/**
 * The base path and trailing-slash setting the site is built with, read from astro.config.mjs
 * itself (which takes the base from src/site.config.ts and HINDSIGHT_BASE), so the link checker can
 * never disagree with the build about them.
 */
import { isTrailingSlash, type SiteOptions } from '../../src/lib/check-links.ts';

export async function loadSiteOptions(): Promise<SiteOptions> {
  const { default: config } = await import('../../astro.config.mjs');
  // Astro's own defaults, for settings the config leaves out.
  const base = config.base ?? '/';
  const trailingSlash = config.trailingSlash ?? 'ignore';
  if (!isTrailingSlash(trailingSlash)) throw new Error(`astro.config.mjs: unknown trailingSlash "${trailingSlash}"`);
  return { base, trailingSlash };
}
