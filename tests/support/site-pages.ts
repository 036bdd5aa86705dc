/**
 * Every page of the built site, found on disk rather than listed by hand, and the route (the file
 * in `src/pages/`) each comes from. The browser checks visit every page; the accessibility checks
 * visit one page per route, since pages of one route share their template. A page or route added
 * later is covered without touching the tests.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { withBase } from '../../src/lib/urls.ts';

export interface BuiltPage {
  /** The file under `dist/`, with forward slashes: `postmortems/003-x/index.html`. */
  readonly file: string;
  /** The page's path on the server, base included: `/postmortems/003-x/`. */
  readonly url: string;
  /** The route it is built from, as a pattern: `/postmortems/[id]/`. */
  readonly route: string;
  /** The 404 page, served for addresses that have no page, with status 404. */
  readonly notFound: boolean;
}

/** Page files Astro turns into HTML; endpoints (`rss.xml.ts`) make other formats. */
const PAGE_FILE = /\.(astro|md|mdx|html)$/;

/** Route patterns of `src/pages/` files: `postmortems/[id].astro` is `/postmortems/[id]/`. */
export function routePattern(pageFile: string): string {
  const segments = pageFile.replace(PAGE_FILE, '').split('/');
  if (segments.at(-1) === 'index') segments.pop();
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** The segments of a page's path without the base, from its file: `a/b/index.html` is `a/b`. */
function pathSegments(distFile: string): string[] {
  const segments = distFile.replace(/\.html$/, '').split('/');
  if (segments.at(-1) === 'index') segments.pop();
  return segments;
}

function matches(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split('/').filter(Boolean);
  for (const [index, part] of parts.entries()) {
    if (/^\[\.\.\..+\]$/.test(part)) return index === parts.length - 1;
    const segment = segments[index];
    if (segment === undefined) return false;
    if (!/^\[.+\]$/.test(part) && part !== segment) return false;
  }
  return parts.length === segments.length;
}

/** Static segments first, then dynamic, then rest parameters: Astro's own route priority. */
function specificity(pattern: string): number[] {
  return pattern
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\[\.\.\./.test(part) ? 0 : /^\[/.test(part) ? 1 : 2));
}

function bySpecificity(a: string, b: string): number {
  const [left, right] = [specificity(a), specificity(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (right[index] ?? -1) - (left[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The route a built file comes from. A file no pattern explains (one written by an integration)
 * is its own route, so it is still checked.
 */
export function routeOf(distFile: string, patterns: readonly string[]): string {
  const segments = pathSegments(distFile);
  const route = [...patterns].sort(bySpecificity).find((pattern) => matches(pattern, segments));
  return route ?? `/${segments.join('/')}${segments.length > 0 ? '/' : ''}`;
}

/** An address with no page, where the server answers with the not-found page. */
export function missingAddress(base: string): string {
  return withBase(base, 'no-page-at-this-address/');
}

/** Where a browser loads a built page: its URL, or for the not-found page an address with no page. */
export function addressOf(page: BuiltPage, base: string): string {
  return page.notFound ? missingAddress(base) : page.url;
}

/** A built HTML file as a page of the site served under `base`. */
export function builtPage(distFile: string, base: string, patterns: readonly string[]): BuiltPage {
  const route = routeOf(distFile, patterns);
  const notFound = distFile === '404.html';
  const path = distFile.endsWith('index.html') ? distFile.slice(0, -'index.html'.length) : distFile;
  return { file: distFile, url: withBase(base, path), route, notFound };
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Every HTML page in `distDir`, sorted by file. */
export function builtPages(distDir: string, pagesDir: string, base: string): BuiltPage[] {
  const patterns = filesUnder(pagesDir, PAGE_FILE).map(routePattern);
  return filesUnder(distDir, /\.html$/).map((file) => builtPage(file, base, patterns));
}

/** One page per route: the first of each, by file name. */
export function onePagePerRoute(pages: readonly BuiltPage[]): BuiltPage[] {
  const seen = new Map<string, BuiltPage>();
  for (const page of pages) if (!seen.has(page.route)) seen.set(page.route, page);
  return [...seen.values()];
}
