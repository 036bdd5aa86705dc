/**
 * Hands each postmortem page Astro renders during `astro build` to the search index, as it is
 * rendered (see `src/integrations/search-index-session.ts`). Every other request, and every request
 * under `astro dev`, passes through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { getPostmortemPages } from './data/postmortems.ts';
import { searchIndexSession } from './integrations/search-index-session.ts';
import { postmortemPage } from './integrations/pagefind.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const session = searchIndexSession();
  const id = context.params['id'];
  if (!session || context.routePattern !== postmortemPage.route || !id || !response.ok) return response;
  const html = await response.text();
  session.add(postmortemPage.file(id), html, (await getPostmortemPages()).length);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
