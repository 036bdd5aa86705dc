/**
 * The link checker's core, with no file system: what a built page links to and which ids it has
 * (`scanPage`, one pass of htmlparser2's streaming parser), and whether every internal link of a
 * built site resolves (`checkSite`): the page or file exists under the site's base path and
 * trailing-slash setting, and its `#fragment` names an element of the target page.
 *
 * URLs are resolved as a browser does: the WHATWG URL parser, against the page's own URL (or its
 * `<base href>`), then the fragment is looked up as the HTML spec says, first as written, then
 * percent-decoded. The fs glue is `check-links-fs.ts`; the CLI is `scripts/check-links.ts`.
 */
import { decodeHTMLAttribute } from 'entities';
import { Tokenizer } from 'htmlparser2';
import { normaliseBase } from './urls.ts';
import { compareStrings } from './compare.ts';

/** Astro's `trailingSlash` setting: whether links to pages must end with `/`. */
export const trailingSlashes = ['always', 'never', 'ignore'] as const;
export type TrailingSlash = (typeof trailingSlashes)[number];

export function isTrailingSlash(value: unknown): value is TrailingSlash {
  return trailingSlashes.includes(value as TrailingSlash);
}

export interface SiteOptions {
  /** Path the site is served under: `/` or `/postmortems/` (normalised, so `postmortems` works too). */
  readonly base: string;
  readonly trailingSlash: TrailingSlash;
}

/** What the checker needs to know of one built HTML page. */
export interface ScannedPage {
  /** Every `id`, and every `name` of an `<a>`: both are fragment targets in HTML. */
  readonly ids: ReadonlySet<string>;
  /** Each distinct URL of the page once, with where it was first found (`a href`, `img srcset`). */
  readonly links: ReadonlyMap<string, string>;
  /** The first `<base href>`, which the page's relative URLs resolve against. */
  readonly baseHref: string | undefined;
}

/** The attributes that hold a URL, by element. `srcset`s hold several; `<meta>` refresh is read apart. */
export const urlAttributes: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href']],
  ['area', ['href']],
  ['link', ['href', 'imagesrcset']],
  ['script', ['src']],
  ['img', ['src', 'srcset']],
  ['source', ['src', 'srcset']],
  ['video', ['src', 'poster']],
  ['audio', ['src']],
  ['track', ['src']],
  ['iframe', ['src']],
  ['embed', ['src']],
  ['object', ['data']],
  ['input', ['src']],
  ['form', ['action']],
]);

const srcsetAttributes = new Set(['srcset', 'imagesrcset']);

/** The attributes `scanPage` reads, each with its slot. */
const readAttributes = [
  'id',
  'name',
  'href',
  'src',
  'srcset',
  'imagesrcset',
  'poster',
  'data',
  'action',
  'content',
  'http-equiv',
];
const attributeSlot = new Map(readAttributes.map((name, slot) => [name, slot]));
/** Their lengths: most attributes (`class`, `data-…`) are passed over without reading their names. */
const readLengths = new Set(readAttributes.map((name) => name.length));

/**
 * Parses one built page, once, keeping only its ids and the URLs it refers to. It runs
 * htmlparser2's tokenizer alone, without the parser on top (which keeps a stack of open elements
 * and an object of every attribute of every tag): the link check of a large site is nearly all
 * parsing, and this is nearly half as much work. What the parser would add and matters here is
 * kept: names are lower-cased, the first of a repeated attribute counts, `<image>` is `<img>` in
 * HTML, and inside `<svg>` or `<math>` a `<style>` or `<title>` holds tags, not text. Character
 * references are decoded only in the attribute values kept (`decodeHTMLAttribute`, the same
 * decoder and attribute rules as the tokenizer's own): with decoding on, the tokenizer steps
 * through every character of text and values one by one, and a fifth of the scan went to that.
 * `tests/unit/check-links-scan.test.ts` compares it with the parser on every fixture.
 */
export function scanPage(html: string): ScannedPage {
  const ids = new Set<string>();
  const links = new Map<string, string>();
  let baseHref: string | undefined;
  const add = (url: string, where: string) => {
    if (!links.has(url)) links.set(url, where);
  };
  let tag: string | undefined;
  const values: (string | undefined)[] = readAttributes.map(() => undefined);
  const attribute = (name: string) => values[attributeSlot.get(name) as number];
  let slot: number | undefined;
  let value = '';
  /** Open `<svg>` and `<math>` elements, where raw-text elements hold tags. */
  let foreign = 0;

  const finishTag = () => {
    const name = tag;
    if (name === undefined) return;
    tag = undefined;
    const id = attribute('id');
    if (id) ids.add(id);
    const anchorName = attribute('name');
    if (name === 'a' && anchorName) ids.add(anchorName);
    if (name === 'base') {
      const href = attribute('href');
      if (baseHref === undefined && href !== undefined) baseHref = href.trim();
      return;
    }
    if (name === 'meta') {
      const content = attribute('content');
      if (attribute('http-equiv')?.toLowerCase() === 'refresh' && content !== undefined) {
        const url = refreshUrl(content);
        if (url !== undefined) add(url, 'meta refresh');
      }
      return;
    }
    for (const attributeName of urlAttributes.get(name) ?? []) {
      const url = attribute(attributeName);
      if (url === undefined) continue;
      const where = `${name} ${attributeName}`;
      if (srcsetAttributes.has(attributeName)) for (const each of srcsetUrls(url)) add(each, where);
      else add(url.trim(), where);
    }
  };

  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        finishTag();
        const name = html.slice(start, end).toLowerCase();
        tag = name === 'image' && foreign === 0 ? 'img' : name;
        if (name === 'svg' || name === 'math') foreign += 1;
        values.fill(undefined);
      },
      onattribname(start, end) {
        slot =
          tag === undefined || !readLengths.has(end - start)
            ? undefined
            : attributeSlot.get(html.slice(start, end).toLowerCase());
        value = '';
      },
      onattribdata(start, end) {
        if (slot !== undefined) value += html.slice(start, end);
      },
      onattribentity: ignore,
      onattribend() {
        if (slot !== undefined && values[slot] === undefined) {
          values[slot] = value.includes('&') ? decodeHTMLAttribute(value) : value;
        }
        slot = undefined;
      },
      onopentagend: finishTag,
      onselfclosingtag: finishTag,
      onclosetag(start, end) {
        finishTag();
        const name = html.slice(start, end).toLowerCase();
        if ((name === 'svg' || name === 'math') && foreign > 0) foreign -= 1;
      },
      onend: finishTag,
      isInForeignContext: () => foreign > 0,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onprocessinginstruction: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return { ids, links, baseHref };
}

const isSpace = (char: string | undefined) =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';

/**
 * The URLs of a `srcset`, split as the HTML spec's parser does: a URL runs to the next whitespace
 * (so it may contain commas, as `data:` URLs do), a comma right after it ends the candidate, and
 * descriptors run to the next comma outside parentheses.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let at = 0;
  while (at < srcset.length) {
    while (at < srcset.length && (isSpace(srcset[at]) || srcset[at] === ',')) at++;
    const start = at;
    while (at < srcset.length && !isSpace(srcset[at])) at++;
    const url = srcset.slice(start, at);
    if (url.endsWith(',')) {
      const trimmed = url.replace(/,+$/, '');
      if (trimmed !== '') urls.push(trimmed);
      continue;
    }
    if (url !== '') urls.push(url);
    let depth = 0;
    for (; at < srcset.length; at++) {
      const char = srcset[at];
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      else if (char === ',' && depth === 0) break;
    }
  }
  return urls;
}

/**
 * The URL of a `<meta http-equiv="refresh" content="5; url=/next/">`, read as browsers do (the
 * `url=` and the quotes are optional), or undefined when it only reloads the page.
 */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*\d*(?:\.[\d.]*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*)$/is.exec(content);
  if (!match) return undefined;
  const [, quote = '', rest = ''] = match;
  const end = quote === '' ? -1 : rest.indexOf(quote);
  const url = (end === -1 ? rest : rest.slice(0, end)).trim();
  return url === '' ? undefined : url;
}

/**
 * Why a link is broken. Each kind says what to do, so the report is actionable without reading
 * the checker's code.
 */
export const brokenLinkKinds = {
  'missing-target': { hint: 'Link to a page or file that the build produces.' },
  'missing-fragment': { hint: 'Link to an id that exists on the target page.' },
  'outside-base': { hint: 'Build the URL with the base path (src/lib/urls.ts: withBase, postmortemPath).' },
  'no-trailing-slash': { hint: 'End links to pages with a slash, as trailingSlash "always" requires.' },
  'extra-trailing-slash': { hint: 'Drop the trailing slash, as trailingSlash "never" requires.' },
  'unsafe-url': { hint: 'Remove the javascript: URL; use a real link or a button.' },
  'malformed-url': { hint: 'Fix the URL: it cannot be parsed or decoded.' },
  'relative-on-404': {
    hint: 'The 404 page is served at any missing address: use root-relative links (withBase) there.',
  },
} as const satisfies Record<string, { hint: string }>;

export type BrokenLinkKind = keyof typeof brokenLinkKinds;

export interface BrokenLink {
  /** The page the link is on, relative to the build folder (`timeline/index.html`). */
  readonly page: string;
  /** The URL as written in the page. */
  readonly url: string;
  /** Where it was found: `a href`, `img srcset`, `meta refresh`. */
  readonly attribute: string;
  readonly kind: BrokenLinkKind;
  /** Why, in words, naming the file or id that was looked for. */
  readonly reason: string;
}

export interface ExternalLink {
  readonly url: string;
  /** The pages it is on, sorted. */
  readonly pages: readonly string[];
}

export interface LinkReport {
  /** HTML pages parsed. */
  readonly pages: number;
  /** Files in the build, pages included. */
  readonly files: number;
  /** Internal links checked, each distinct URL counted once per page. */
  readonly checked: number;
  /** `mailto:`, `tel:` and `data:` URLs, which point at nothing in the build. */
  readonly ignored: number;
  /** Sorted by page, then URL. */
  readonly broken: readonly BrokenLink[];
  /** Links to other sites, listed, never fetched. Sorted by URL. */
  readonly external: readonly ExternalLink[];
}

export interface BuiltSite {
  /** Every file of the build, relative to its folder, with `/` separators. */
  readonly files: ReadonlySet<string>;
  /** Every HTML page of the build, scanned, by the same relative path. */
  readonly pages: ReadonlyMap<string, ScannedPage>;
}

/**
 * Any origin works as long as no real link uses it: `.invalid` is reserved for that (RFC 6761).
 * Links to it are internal; links to any other origin are external.
 */
const ORIGIN = 'http://hindsight.invalid';

const IGNORED_PROTOCOLS = new Set(['mailto:', 'tel:', 'data:']);

export function isHtmlFile(file: string): boolean {
  return /\.html?$/i.test(file);
}

/**
 * The URL path a built page is served at, which its relative links resolve against:
 * `timeline/index.html` is `/base/timeline/` (or `/base/timeline` when trailingSlash is "never"),
 * any other file is served under its own name.
 */
export function pageUrlPath(file: string, options: SiteOptions): string {
  const base = normaliseBase(options.base);
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  if (file !== 'index.html' && !file.endsWith('/index.html')) return `${base}${encoded}`;
  const directory = `${base}${encoded.slice(0, -'index.html'.length)}`;
  return options.trailingSlash === 'never' && directory !== '/' ? directory.slice(0, -1) : directory;
}

type Resolution =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'external'; readonly url: string }
  | { readonly kind: 'broken'; readonly broken: BrokenLinkKind; readonly reason: string }
  | { readonly kind: 'internal'; readonly file: string; readonly fragment: string };

const broken = (kind: BrokenLinkKind, reason: string): Resolution => ({ kind: 'broken', broken: kind, reason });

/**
 * Where an absolute URL points in the build, or why it points nowhere. A link to a page must match
 * the trailing-slash setting; a link to a file by its name (`/favicon.svg`, `/x/index.html`)
 * need not. `/x` may be served from `x/index.html` or `x.html`, as static hosts and `astro preview`
 * do.
 */
function locate(url: URL, files: ReadonlySet<string>, base: string, trailingSlash: TrailingSlash): Resolution {
  const fragment = url.hash.slice(1);
  const path = url.pathname;
  const rootWithoutSlash = base !== '/' && path === base.slice(0, -1);
  if (!path.startsWith(base) && !rootWithoutSlash) return broken('outside-base', `it is outside the base path ${base}`);
  let rest: string;
  try {
    rest = rootWithoutSlash ? '' : decodeURIComponent(path.slice(base.length));
  } catch {
    return broken('malformed-url', 'its path is not valid percent-encoding');
  }

  if (rest === '' || rest.endsWith('/')) {
    const file = `${rest}index.html`;
    if (!files.has(file)) return broken('missing-target', `there is no ${file} in the build`);
    if (trailingSlash === 'always' && rootWithoutSlash) {
      return broken('no-trailing-slash', `trailingSlash is "always": link to ${base}`);
    }
    if (trailingSlash === 'never' && rest !== '') {
      return broken('extra-trailing-slash', `trailingSlash is "never": link to ${path.slice(0, -1)}`);
    }
    return { kind: 'internal', file, fragment };
  }
  if (files.has(rest)) return { kind: 'internal', file: rest, fragment };
  for (const file of [`${rest}/index.html`, `${rest}.html`]) {
    if (!files.has(file)) continue;
    if (trailingSlash === 'always') {
      const fixed = file.endsWith('/index.html') ? `${path}/` : `${path}.html`;
      return broken('no-trailing-slash', `trailingSlash is "always": link to ${fixed}`);
    }
    return { kind: 'internal', file, fragment };
  }
  return broken('missing-target', `there is no ${rest}, ${rest}/index.html or ${rest}.html in the build`);
}

/** A URL that does not start with a scheme, `/`, `#` or `?` depends on the address of the page it is on. */
const PATH_RELATIVE = /^(?![a-z][a-z0-9+.-]*:|[/#?\\])./i;

/** The 404 page, which a server sends for any missing address: its relative links resolve from there. */
const NOT_FOUND_PAGE = '404.html';

/** Whether `fragment` (as in the URL, percent-encoded) names an element of a page with these ids. */
export function hasFragment(ids: ReadonlySet<string>, fragment: string): boolean {
  if (fragment === '' || ids.has(fragment)) return true;
  const decoded = decodeFragment(fragment);
  // The HTML spec scrolls to the top for `#top` when no element has that id.
  return ids.has(decoded) || decoded.toLowerCase() === 'top';
}

/** A fragment, percent-decoded; one that is not valid UTF-8 percent-encoding is kept as written, as browsers do. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Checks every link of every page of a built site. Root-relative URLs resolve the same on every
 * page, so each is resolved once; the work is linear in the number of distinct links per page.
 */
export function checkSite(site: BuiltSite, options: SiteOptions): LinkReport {
  const checker = new SiteChecker(site.files, options);
  for (const [page, scanned] of site.pages) checker.add(page, scanned);
  return checker.report();
}

/** A link to a fragment of a page not yet added to a `SiteChecker`, checked once all are. */
interface PendingFragment {
  readonly page: string;
  readonly url: string;
  readonly attribute: string;
  readonly file: string;
  readonly fragment: string;
}

/**
 * `checkSite` a page at a time, in any order, for pages read on other threads to be checked as they
 * come: a fragment in a page not added yet is checked in `report`, and the report is the same
 * whatever the order.
 */
export class SiteChecker {
  private readonly files: ReadonlySet<string>;
  private readonly options: SiteOptions;
  private readonly base: string;
  private readonly pages = new Map<string, ScannedPage>();
  private readonly rootRelative = new Map<string, Resolution>();
  private readonly brokenLinks: BrokenLink[] = [];
  private readonly external = new Map<string, string[]>();
  private readonly pending: PendingFragment[] = [];
  private checked = 0;
  private ignored = 0;

  constructor(files: ReadonlySet<string>, options: SiteOptions) {
    this.files = files;
    this.options = options;
    this.base = normaliseBase(options.base);
  }

  add(page: string, scanned: ScannedPage): void {
    this.pages.set(page, scanned);
    const pageUrl = `${ORIGIN}${pageUrlPath(page, { base: this.base, trailingSlash: this.options.trailingSlash })}`;
    const documentUrl = scanned.baseHref === undefined ? pageUrl : resolveBase(scanned.baseHref, pageUrl);
    // A `<base href>` on another origin makes even root-relative links external.
    const internalDocument = documentUrl.startsWith(`${ORIGIN}/`);
    for (const [url, attribute] of scanned.links) {
      let resolution: Resolution;
      if (page === NOT_FOUND_PAGE && scanned.baseHref === undefined && PATH_RELATIVE.test(url)) {
        resolution = broken('relative-on-404', 'a relative link on the 404 page breaks at any deeper address');
      } else if (url.startsWith('#') && documentUrl === pageUrl) {
        resolution = { kind: 'internal', file: page, fragment: new URL(url, ORIGIN).hash.slice(1) };
      } else if (internalDocument && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) {
        let known = this.rootRelative.get(url);
        if (known === undefined) {
          known = this.resolve(url, ORIGIN);
          this.rootRelative.set(url, known);
        }
        resolution = known;
      } else {
        resolution = this.resolve(url, documentUrl);
      }

      if (resolution.kind === 'ignored') {
        this.ignored++;
        continue;
      }
      if (resolution.kind === 'external') {
        const on = this.external.get(resolution.url);
        if (on) on.push(page);
        else this.external.set(resolution.url, [page]);
        continue;
      }
      this.checked++;
      if (resolution.kind === 'broken') {
        this.brokenLinks.push({ page, url, attribute, kind: resolution.broken, reason: resolution.reason });
        continue;
      }
      if (resolution.fragment === '') continue;
      const link = { page, url, attribute, file: resolution.file, fragment: resolution.fragment };
      if (this.pages.has(resolution.file)) this.checkFragment(link);
      else this.pending.push(link);
    }
  }

  report(): LinkReport {
    for (const link of this.pending.splice(0)) this.checkFragment(link);
    return {
      pages: this.pages.size,
      files: this.files.size,
      checked: this.checked,
      ignored: this.ignored,
      broken: [...this.brokenLinks].sort((a, b) => compareStrings(a.page, b.page) || compareStrings(a.url, b.url)),
      external: [...this.external]
        .map(([url, on]) => ({ url, pages: [...on].sort(compareStrings) }))
        .sort((a, b) => compareStrings(a.url, b.url)),
    };
  }

  private resolve(url: string, documentUrl: string): Resolution {
    let parsed: URL;
    try {
      parsed = new URL(url, documentUrl);
    } catch {
      return broken('malformed-url', 'it is not a valid URL');
    }
    if (parsed.protocol === 'javascript:') return broken('unsafe-url', 'javascript: URLs run code instead of linking');
    if (IGNORED_PROTOCOLS.has(parsed.protocol)) return { kind: 'ignored' };
    if (parsed.origin !== ORIGIN) return { kind: 'external', url: parsed.href };
    return locate(parsed, this.files, this.base, this.options.trailingSlash);
  }

  /** A link to a fragment of a page of the site (one that is not a page, such as a file, has no ids to check). */
  private checkFragment(link: PendingFragment): void {
    const target = this.pages.get(link.file);
    if (!target || hasFragment(target.ids, link.fragment)) return;
    const { page, url, attribute, file, fragment } = link;
    const reason = `${file} has no element with id "${decodeFragment(fragment)}"`;
    this.brokenLinks.push({ page, url, attribute, kind: 'missing-fragment', reason });
  }
}

/** A `<base href>` that cannot be parsed is ignored, as browsers do. */
function resolveBase(href: string, pageUrl: string): string {
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

export interface FormatOptions {
  /** How to name the build folder in the report: `dist`. */
  readonly dir: string;
  /** List every external link, not only their count. */
  readonly verbose?: boolean;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/**
 * The report: one line per broken link, `dist/page: url — why (where)`, grouped by page, then a
 * summary line. With `verbose`, every external link and the pages it is on.
 */
export function formatReport(report: LinkReport, options: FormatOptions): string {
  const dir = options.dir.replace(/\/+$/, '');
  const lines: string[] = [];
  for (const link of report.broken) lines.push(`${dir}/${link.page}: ${link.url} — ${link.reason} (${link.attribute})`);
  const kinds = new Set(report.broken.map((link) => link.kind));
  if (kinds.size > 0)
    lines.push('', 'To fix:', ...[...kinds].sort().map((kind) => `  ${kind}: ${brokenLinkKinds[kind].hint}`));
  if (options.verbose && report.external.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('External links (not fetched):');
    for (const link of report.external) {
      const [first] = link.pages;
      const more = link.pages.length > 1 ? ` and ${plural(link.pages.length - 1, 'other page')}` : '';
      lines.push(`  ${link.url} (on ${dir}/${first}${more})`);
    }
  }
  if (lines.length > 0) lines.push('');
  const brokenPages = new Set(report.broken.map((link) => link.page)).size;
  const outcome =
    report.broken.length === 0
      ? 'no broken links'
      : `${plural(report.broken.length, 'broken link')} on ${plural(brokenPages, 'page')}`;
  const externalNote = `${plural(report.external.length, 'external link')} listed, not fetched${
    options.verbose || report.external.length === 0 ? '' : ' (--verbose lists them)'
  }`;
  lines.push(
    `${dir}: ${outcome}. Checked ${plural(report.checked, 'internal link')} on ${plural(report.pages, 'page')} ` +
      `against ${plural(report.files, 'file')}; ${externalNote}; ${plural(report.ignored, 'mailto:, tel: or data: URL', 'mailto:, tel: and data: URLs')} skipped.`,
  );
  return lines.join('\n');
}
