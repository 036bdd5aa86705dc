/**
 * Rewrites relative links between postmortem files in an mdast tree to site URLs. The remark
 * plugin (bodies) and the inline renderer (timeline event texts) both call it, so a link behaves
 * the same wherever it is written. Links in code are `inlineCode`/`code` nodes, not links, so they
 * are never touched.
 */
import type { Definition, Link, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { resolvePostmortemLink, type FragmentIndex, type LinkResolution } from './links.ts';
import { postmortemPath } from './urls.ts';

export interface BrokenLink {
  readonly node: Link | Definition;
  /** The url as written. */
  readonly url: string;
  readonly resolution: Extract<LinkResolution, { kind: 'missing-file' | 'missing-fragment' }>;
}

/**
 * Rewrites, in place, every `link` and `definition` of `tree` that points at another postmortem,
 * and returns the ones that point at a missing file or fragment, in document order, untouched.
 * Rewritten urls are absolute, so running it again (with a fresher index) only revisits the broken
 * ones.
 */
export function rewritePostmortemLinks(
  tree: Nodes,
  fromFile: string,
  index: FragmentIndex,
  base: string,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const resolution = resolvePostmortemLink(node.url, fromFile, index);
    if (resolution.kind === 'ok') node.url = postmortemPath(base, resolution.id, resolution.fragment);
    else if (resolution.kind !== 'other') broken.push({ node, url: node.url, resolution });
  });
  return broken;
}
