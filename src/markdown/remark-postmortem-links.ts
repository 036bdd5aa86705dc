/**
 * Authors link postmortems to each other by file (`[the first outage](./002-disk-full.md#cause)`),
 * which works in the code host's preview but not on the site, where that page is
 * `/postmortems/002-disk-full/#cause`. This plugin rewrites such links to site URLs and fails the
 * render on a link to a missing postmortem or fragment, listing every broken link of the file with
 * its line and column. Files outside the postmortems folder are left alone.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { RemarkPlugin } from '@astrojs/markdown-remark';
import { ContentValidationError, type ContentIssue } from '../lib/errors.ts';
import { fragmentIndex, linkIssue, type FragmentIndex } from '../lib/links.ts';
import { isPostmortemFile } from '../lib/postmortem-file.ts';
import { rewritePostmortemLinks } from '../lib/rewrite-links.ts';
import { sharedCollection } from '../lib/shared-collection.ts';
import { projectPath, readPostmortemFiles } from '../lib/validate-fs.ts';
import { validatePostmortems } from '../lib/validate.ts';
import { toPath } from './files.ts';

export interface RemarkPostmortemLinksOptions {
  /** Path the site is served under, with leading and trailing slash (`site.base`). */
  base: string;
  /** Folder of the postmortems, relative to `root` (`site.contentDir`). */
  contentDir: string;
  /** Project root, as a path or a `file:` URL. Defaults to the working directory. */
  root?: string | URL;
  /**
   * The link targets of every postmortem. By default they are those the postmortem loader found
   * while validating (see `shared-collection.ts`), or else read from disk once per process; they
   * are read again when a link points at something missing (a file just added under `astro dev`).
   */
  index?: FragmentIndex;
}

export const remarkPostmortemLinks: RemarkPlugin<[RemarkPostmortemLinksOptions]> = (options) => {
  const root = resolve(toPath(options.root) ?? process.cwd());
  const contentDir = resolve(root, options.contentDir);
  const key = JSON.stringify([root, options.contentDir]);

  return async (tree, file) => {
    const path = toPath(file.path);
    if (path === undefined) return;
    const absolute = resolve(root, path);
    if (!isPostmortemFile(absolute) || !isInside(contentDir, absolute)) return;
    const fromFile = projectPath(root, absolute);

    const rewrite = (index: FragmentIndex) => rewritePostmortemLinks(tree, fromFile, index, options.base);
    const used = options.index ? Promise.resolve(options.index) : diskIndex(key, root, options.contentDir);
    let broken = rewrite(await used);
    if (broken.length > 0 && !options.index) {
      // Only the broken links are left relative, so a second pass with fresh targets revisits just those.
      broken = rewrite(await diskIndex(key, root, options.contentDir, used));
    }
    if (broken.length === 0) return;

    const locate = await sourceLocator(absolute, String(file.value));
    const issues = broken.flatMap(({ node, url, resolution }): ContentIssue[] => {
      const issue = linkIssue(resolution, { file: fromFile, ...locate(node.position?.start), field: 'body', url });
      return issue ? [issue] : [];
    });
    throw new ContentValidationError(issues);
  };
};

export default remarkPostmortemLinks;

const diskIndexes = new Map<string, Promise<FragmentIndex>>();

/**
 * The link targets of the postmortems on disk that pass validation, cached per project and folder.
 * Passing the `stale` promise a caller already used reads the disk again, unless another file's
 * render has done so meanwhile.
 */
function diskIndex(
  key: string,
  root: string,
  contentDir: string,
  stale?: Promise<FragmentIndex>,
): Promise<FragmentIndex> {
  const current = diskIndexes.get(key) ?? loaderIndex(contentDir, root);
  if (current && current !== stale) return current;
  const fresh = readPostmortemFiles(root, contentDir).then((files) =>
    fragmentIndex(validatePostmortems(files).postmortems),
  );
  diskIndexes.set(key, fresh);
  fresh.catch(() => {
    if (diskIndexes.get(key) === fresh) diskIndexes.delete(key);
  });
  return fresh;
}

const loaderIndexes = new WeakMap<FragmentIndex, Promise<FragmentIndex>>();

/** The link targets the postmortem loader found while validating, in this build, if it ran. */
function loaderIndex(contentDir: string, root: string): Promise<FragmentIndex> | undefined {
  const index = sharedCollection(resolve(root, contentDir))?.index;
  if (!index) return undefined;
  let promise = loaderIndexes.get(index);
  if (!promise) {
    promise = Promise.resolve(index);
    loaderIndexes.set(index, promise);
  }
  return promise;
}

interface Position {
  line?: number;
  column?: number;
}

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * Maps a position in the rendered text to a line and column of the file. Astro renders the body
 * without its frontmatter (and trimmed), so a node's line in the tree is not its line in the file;
 * the body is found at the end of the source on disk to shift positions back. When the source
 * cannot be read or does not contain the text, positions are kept as they are.
 */
async function sourceLocator(
  absolute: string,
  value: string,
): Promise<(point: { line: number; column: number; offset?: number | undefined } | undefined) => Position> {
  const source = await readFile(absolute, 'utf8').catch(() => undefined);
  const at = source === undefined || value === '' ? -1 : source.lastIndexOf(value);
  return (point) => {
    if (!point) return {};
    if (source === undefined || at <= 0 || point.offset === undefined) {
      return { line: point.line, column: point.column };
    }
    const before = source.slice(0, at + point.offset);
    return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
  };
}
