import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getPublishedPostmortems, getSummaries } from '../data/postmortems.ts';
import { feedItems } from '../lib/feed.ts';
import { withBase } from '../lib/urls.ts';
import { site } from '../site.config.ts';

/** `/rss.xml`: the most recent published postmortems (see `src/lib/feed.ts`). */
export const GET: APIRoute = async () => {
  const [postmortems, summaries] = await Promise.all([getPublishedPostmortems(), getSummaries()]);
  const items = feedItems(
    postmortems.map((postmortem) => ({ ...postmortem, summary: summaries.get(postmortem.id) })),
    site,
  );
  return rss({
    title: site.title,
    description: site.description,
    site: new URL(withBase(site.base, ''), site.url).href,
    items,
    customData: '<language>en</language>',
  });
};
