/** Site URLs, all built here so the base path is applied in exactly one place. */

/** A base path as Astro wants it, with leading and trailing slash: `postmortems` -> `/postmortems/`, `` -> `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Joins the base path (`/` or `/x/`) and a site path (`postmortems/003/`). */
export function withBase(base: string, path: string): string {
  return `${base}${path.replace(/^\/+/, '')}`;
}

export function postmortemPath(base: string, id: string, fragment?: string): string {
  return withBase(base, `postmortems/${id}/${fragment ? `#${fragment}` : ''}`);
}
