/**
 * Reads a built site from disk for the link checker: lists every file once and parses every HTML
 * page once; the checks themselves are in check-links.ts. Synchronous on purpose: the work is
 * parsing, one page at a time, and a plain loop is both the fastest and the easiest to time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkSite, isHtmlFile, scanPage, type LinkReport, type ScannedPage, type SiteOptions } from './check-links.ts';

export interface CheckLinksOptions extends SiteOptions {
  /** The build folder, such as `dist`. */
  readonly dir: string;
}

/** Checks every internal link, fragment and asset of the site built into `dir`. */
export function checkLinks(options: CheckLinksOptions): LinkReport {
  const { dir } = options;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${dir} is not a folder: build the site first (npm run build), or pass --dir.`);
  }
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
  const pages = new Map<string, ScannedPage>();
  for (const file of files) {
    if (isHtmlFile(file)) pages.set(file, scanPage(readFileSync(join(dir, file), 'utf8')));
  }
  if (pages.size === 0) throw new Error(`${dir} holds no HTML pages: build the site first (npm run build).`);
  return checkSite({ files, pages }, options);
}
