import type { APIRoute } from 'astro';
import { getIncidentGraph } from '../data/graph.ts';
import { exportPageKey } from '../data/page-keys.ts';
import { getPublishedPostmortems, getSummaries, postmortemNumber } from '../data/postmortems.ts';
import { buildExport, exportJsonStream } from '../lib/export.ts';
import { site } from '../site.config.ts';

/**
 * `/postmortems.json` alone: a route with a parameter only so that the file has a key, which lets
 * Astro's incremental build copy it from the last build (src/data/page-keys.ts): at 10,000
 * postmortems it is some 86 MB.
 */
export async function getStaticPaths() {
  return [{ params: { export: 'postmortems' }, cacheKey: await exportPageKey() }];
}

/** `/postmortems.json`: every published postmortem and the incident graph (see `src/lib/export.ts`). */
export const GET: APIRoute = async () => {
  const [postmortems, summaries, graph] = await Promise.all([
    getPublishedPostmortems(),
    getSummaries(),
    getIncidentGraph(),
  ]);
  const data = buildExport(
    postmortems.map((postmortem) => ({
      id: postmortem.id,
      number: postmortemNumber(postmortem),
      data: postmortem.data,
      summary: summaries.get(postmortem.id),
    })),
    graph,
    site,
  );
  // Streamed in pieces, not made into one string: at 10,000 postmortems the file is 86 MB.
  return new Response(exportJsonStream(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
