/**
 * A postmortem links to dashboards, tickets and vendor status pages. Each such link gets
 * `rel="noopener noreferrer"` (see `src/lib/external-links.ts`), as hand-written links in the
 * templates do, so a page opened from a postmortem can neither script it back nor learn its URL.
 * Files outside the postmortems folder are left alone.
 */
import type { Root } from 'hast';
import type { Plugin } from 'unified';
import { addExternalRel } from '../lib/external-links.ts';
import { isInContentDir } from './files.ts';

export interface RehypeExternalLinksOptions {
  /** Folder of the postmortems, relative to the project root. */
  contentDir: string;
}

export const rehypeExternalLinks: Plugin<[RehypeExternalLinksOptions], Root> = ({ contentDir }) => {
  return (tree, file) => {
    if (isInContentDir(file, contentDir)) addExternalRel(tree);
  };
};
