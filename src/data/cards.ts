/**
 * Each postmortem's card (`PostmortemCard.astro`) rendered once per build and reused on every page
 * that lists it: the list of all postmortems and one page per level, environment, service, tag and
 * author it has. At 10,000 postmortems that is some 100,000 cards, each half a dozen components,
 * rendered again and again for the same HTML. Astro's container API renders the component on its
 * own, with its scoped styles; the pages put the HTML in with `set:html`.
 */
import { experimental_AstroContainer } from 'astro/container';
import pLimit from 'p-limit';
import PostmortemCard from '../components/PostmortemCard.astro';
import type { Postmortem } from './postmortems.ts';

let container: Promise<experimental_AstroContainer> | undefined;
const cards = new Map<string, Promise<string>>();

/**
 * Cards rendered at a time. The first page that lists every postmortem asks for all the cards at
 * once; rendered all together, each render's state was alive until the last finished: at 10,000
 * postmortems `/postmortems/` added some 450 MB to the build's memory in 3 s, its peak.
 */
export const CARDS_AT_ONCE = 16;
const rendering = pLimit(CARDS_AT_ONCE);

/** The card of `postmortem` with its title as an `h2` (or `heading`), rendered once per build. */
export function cardHtml(postmortem: Postmortem, summary: string | undefined, heading?: 'h2' | 'h3'): Promise<string> {
  const key = `${heading ?? 'h2'} ${postmortem.id}`;
  let html = cards.get(key);
  if (!html) {
    container ??= experimental_AstroContainer.create();
    html = container.then((made) =>
      rendering(() =>
        made.renderToString(PostmortemCard, { props: { postmortem, summary, ...(heading ? { heading } : {}) } }),
      ),
    );
    cards.set(key, html);
  }
  return html;
}

/** The cards of `postmortems`, in order. */
export function cardsHtml(
  postmortems: readonly Postmortem[],
  summaries: ReadonlyMap<string, string | undefined>,
  heading?: 'h2' | 'h3',
): Promise<string[]> {
  return Promise.all(postmortems.map((postmortem) => cardHtml(postmortem, summaries.get(postmortem.id), heading)));
}
