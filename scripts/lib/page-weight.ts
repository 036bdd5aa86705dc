/**
 * How heavy a built page is for a reader, compressed as a server would send it (gzip, zlib's
 * default level 6):
 *
 * - `html`: the page's HTML document.
 * - `chrome`: the site around the content, i.e. the document with the children of `<main>` removed
 *   and the text of inline `<style>` and `<script>` elements removed (those count as CSS and JS).
 *   On a postmortem page, what is left is the head, the header, the skip link and the footer.
 * - `css`: every stylesheet the page links, each compressed on its own, plus its inline styles.
 * - `js`: every script the page loads at once (`<script src>`, `<link rel="modulepreload">`),
 *   each compressed on its own, plus its inline scripts. Code loaded only on use (a dynamic
 *   `import()`, as search does) is not counted.
 */
import { gzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

export interface PageWeight {
  readonly html: number;
  readonly chrome: number;
  readonly css: number;
  readonly js: number;
}

/** Compressed size in bytes. */
export function gzipSize(text: string | Uint8Array): number {
  return gzipSync(text, { level: 6 }).length;
}

interface Range {
  start: number;
  end: number;
}

export interface PageParts {
  readonly stylesheets: readonly string[];
  readonly scripts: readonly string[];
  readonly inlineStyles: readonly string[];
  readonly inlineScripts: readonly string[];
  /** The document without `<main>`'s children and without inline style and script text. */
  readonly chrome: string;
}

const DATA_SCRIPT = /json|template|text\/x-/i;

/** What a page is made of, read with htmlparser2 (positions of the parts it removes for `chrome`). */
export function pageParts(html: string): PageParts {
  const stylesheets: string[] = [];
  const scripts: string[] = [];
  const inlineStyles: string[] = [];
  const inlineScripts: string[] = [];
  const removed: Range[] = [];
  let mainDepth = 0;
  let mainStart = -1;
  let rawStart = -1;
  let rawTarget: string[] | undefined;

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'main') {
          if (mainDepth === 0) mainStart = parser.endIndex + 1;
          mainDepth += 1;
        }
        const rel = (attributes['rel'] ?? '').toLowerCase().split(/\s+/);
        if (name === 'link' && attributes['href'] && rel.includes('stylesheet')) stylesheets.push(attributes['href']);
        if (name === 'link' && attributes['href'] && rel.includes('modulepreload')) scripts.push(attributes['href']);
        if (name === 'script' && attributes['src']) scripts.push(attributes['src']);
        const inlineScript = name === 'script' && !attributes['src'] && !DATA_SCRIPT.test(attributes['type'] ?? '');
        if (name === 'style' || inlineScript) {
          rawStart = parser.endIndex + 1;
          rawTarget = name === 'style' ? inlineStyles : inlineScripts;
        }
      },
      onclosetag(name) {
        if (rawTarget && (name === 'style' || name === 'script')) {
          rawTarget.push(html.slice(rawStart, parser.startIndex));
          if (mainDepth === 0) removed.push({ start: rawStart, end: parser.startIndex });
          rawTarget = undefined;
        }
        if (name === 'main' && mainDepth > 0) {
          mainDepth -= 1;
          if (mainDepth === 0) removed.push({ start: mainStart, end: parser.startIndex });
        }
      },
    },
    { decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.end(html);

  let chrome = '';
  let at = 0;
  for (const range of removed.sort((a, b) => a.start - b.start)) {
    chrome += html.slice(at, range.start);
    at = range.end;
  }
  chrome += html.slice(at);
  return { stylesheets, scripts, inlineStyles, inlineScripts, chrome };
}

/**
 * The weight of one page; `asset` returns the bytes of a linked file by its URL as written in the
 * page (or undefined for one that is not part of the site, which then counts as 0).
 */
export function pageWeight(html: string, asset: (url: string) => Uint8Array | undefined): PageWeight {
  const parts = pageParts(html);
  const files = (urls: readonly string[]) =>
    [...new Set(urls)].reduce((sum, url) => {
      const bytes = asset(url);
      return sum + (bytes ? gzipSize(bytes) : 0);
    }, 0);
  const inline = (texts: readonly string[]) => (texts.join('').trim() === '' ? 0 : gzipSize(texts.join('\n')));
  return {
    html: gzipSize(html),
    chrome: gzipSize(parts.chrome),
    css: files(parts.stylesheets) + inline(parts.inlineStyles),
    js: files(parts.scripts) + inline(parts.inlineScripts),
  };
}

/**
 * The template a built page comes from, from its path in `dist/`: `/` for the home page,
 * `/postmortems/*` for `postmortems/003-x/index.html`, `/timeline/*\/*` for a filter page.
 */
export function templateOf(path: string): string {
  const segments = path
    .replaceAll('\\', '/')
    .replace(/(^|\/)index\.html$/, '')
    .split('/')
    .filter(Boolean);
  if (segments.length === 0) return '/';
  const [first, ...rest] = segments;
  if (rest.length === 0 && first?.endsWith('.html')) return `/${first}`;
  return `/${first}/${rest.map(() => '*/').join('')}`;
}
