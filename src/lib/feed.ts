/**
 * The items of `/rss.xml`: the most recent postmortems with status `published` (not those still in
 * review, which may change before they are final), newest first, with absolute links. Rendering to
 * XML is `@astrojs/rss`'s job; this only decides what goes in.
 */
import { levels } from '../site.config.ts';
import type { PostmortemData } from '../schemas/postmortem.ts';
import { postmortemPath } from './urls.ts';

/** How many postmortems the feed carries: readers poll it for what is new, not for the archive. */
export const feedLength = 50;

export interface FeedInput {
  readonly id: string;
  readonly data: Pick<PostmortemData, 'title' | 'date' | 'status' | 'level' | 'tags' | 'authors'>;
  readonly summary: string | undefined;
}

export interface FeedItem {
  readonly title: string;
  readonly link: string;
  /** Midnight UTC of the write-up date, so the day reads the same in every time zone. */
  readonly pubDate: Date;
  readonly description?: string;
  /** Level labels, then tags. */
  readonly categories: string[];
  /** RSS 2.0 wants an address: `email (Name)` of the first author. */
  readonly author?: string;
}

/** Feed items from postmortems in the site's order (newest first). */
export function feedItems(
  postmortems: readonly FeedInput[],
  site: { readonly url: string; readonly base: string },
): FeedItem[] {
  return postmortems
    .filter((postmortem) => postmortem.data.status === 'published')
    .slice(0, feedLength)
    .map(({ id, data, summary }) => {
      const [author] = data.authors;
      return {
        title: data.title,
        link: new URL(postmortemPath(site.base, id), site.url).href,
        pubDate: new Date(`${data.date}T00:00:00Z`),
        ...(summary ? { description: summary } : {}),
        categories: [...data.level.map((level) => levels[level].label), ...data.tags],
        ...(author ? { author: `${author.email} (${author.name})` } : {}),
      };
    });
}
