/**
 * Links that leave the site get `rel="noopener noreferrer"`: the page they open cannot reach back
 * into ours through `window.opener`, and is not told which postmortem the reader came from (an
 * internal URL, often with an incident's name in it). `target` is left as the author wrote it.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** A stand-in origin: relative and root-relative links resolve to it, so they are not external. */
const SITE = 'https://hindsight.invalid/';
const SITE_HOST = new URL(SITE).host;
export const EXTERNAL_REL = ['noopener', 'noreferrer'] as const;

/** `https://…`, `http://…` or `//host/…`: a link to another host. */
export function isExternalUrl(href: string): boolean {
  const url = URL.parse(href.trim(), SITE);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== SITE_HOST;
}

/** The `rel` tokens a link to `href` should carry: its own, plus ours when it leaves the site. */
export function relFor(href: string | undefined, rel: readonly string[] = []): string[] | undefined {
  if (href === undefined || !isExternalUrl(href)) return rel.length > 0 ? [...rel] : undefined;
  return [...new Set([...rel, ...EXTERNAL_REL])];
}

/** Adds the external `rel` to every `<a>` and `<area>` of a hast tree that leaves the site. */
export function addExternalRel(tree: Root | Element): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'a' && node.tagName !== 'area') return;
    const href = node.properties['href'];
    if (typeof href !== 'string') return;
    // hast keeps `rel` as a list of tokens.
    const current = node.properties['rel'];
    const own = Array.isArray(current) ? current.map(String) : [];
    const rel = relFor(href, own.filter(Boolean));
    if (rel) node.properties['rel'] = rel;
  });
}
