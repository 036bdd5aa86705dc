/**
 * Wraps each `##` section of a postmortem body in a `<section class="hs-section hs-section--cause">`
 * (named after its heading), so the page can set Cause and Prevention apart and style every
 * section as a unit. Only top-level `h2`s start a section; anything before the first one stays as
 * it is. Files outside the postmortems folder are left alone.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import { isInContentDir } from './files.ts';

export interface RehypePostmortemSectionsOptions {
  /** Folder of the postmortems, relative to the project root. */
  contentDir: string;
}

export const rehypePostmortemSections: Plugin<[RehypePostmortemSectionsOptions], Root> = ({ contentDir }) => {
  return (tree, file) => {
    if (!isInContentDir(file, contentDir)) return;
    const slugger = new GithubSlugger();
    const children: RootContent[] = [];
    let section: Element | undefined;
    for (const node of tree.children) {
      if (node.type === 'element' && node.tagName === 'h2') {
        section = {
          type: 'element',
          tagName: 'section',
          properties: { className: ['hs-section', `hs-section--${slugger.slug(toString(node))}`] },
          children: [],
        };
        children.push(section);
      }
      if (section) section.children.push(node as ElementContent);
      else children.push(node);
    }
    tree.children = children;
  };
};
