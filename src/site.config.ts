/**
 * The one place where Hindsight is configured: site identity, where the sources live, and every
 * vocabulary the content model uses. Each vocabulary is a single `as const` table; types, guards,
 * labels and colours are derived from it (see `src/lib/vocabulary.ts`), never repeated.
 */
import { normaliseBase } from './lib/urls.ts';
import { DEFAULT_SEARCH_SHARD_SIZE } from './lib/search-shards.ts';

export const site = {
  /** Shown in the header and the browser tab. */
  title: 'Hindsight',
  /** One line under the title on the home page and in the page description. */
  description: 'Postmortems and incident history, written by the people who were there.',
  /**
   * Path the site is served under, with leading and trailing slash. Set `HINDSIGHT_BASE` to host
   * it elsewhere (for example `/postmortems/` on an internal host).
   */
  base: normaliseBase(process.env['HINDSIGHT_BASE'] ?? '/'),
  /**
   * Origin the site is served from, for the absolute links that the RSS feed and
   * `postmortems.json` need. Set `HINDSIGHT_SITE_URL` when deploying (the path, if any, goes in
   * `HINDSIGHT_BASE`); the default is where `npm start` serves the site.
   */
  url: normaliseSiteUrl(process.env['HINDSIGHT_SITE_URL'] ?? 'http://localhost:4321'),
  /** Where the sources are hosted, for "edit this page" links. */
  repository: {
    url: process.env['HINDSIGHT_REPOSITORY_URL'] ?? 'https://github.com/hindsight-postmortems/hindsight',
    branch: process.env['HINDSIGHT_REPOSITORY_BRANCH'] ?? 'main',
  },
  /**
   * Folder of the postmortem files, relative to the project root or absolute. Set
   * `HINDSIGHT_CONTENT_DIR` to build the site, and run the validator, over another folder: the
   * benchmark builds a generated set this way, without touching `content/postmortems/`, and the
   * build-level tests build hostile postmortems.
   */
  contentDir: process.env['HINDSIGHT_CONTENT_DIR'] || 'content/postmortems',
  /**
   * Astro's and Vite's build caches (content store, rendered Markdown, Vite's optimised
   * dependencies). Unset, Astro keeps them in `node_modules/.astro` and `node_modules/.vite`; set
   * `HINDSIGHT_CACHE_DIR` to keep them elsewhere, as the benchmark does to build cold and warm
   * without touching the caches of other builds.
   */
  cacheDir: process.env['HINDSIGHT_CACHE_DIR'] || undefined,
  /**
   * Give drafts pages in a production build too (with a banner), for previewing them: set
   * `HINDSIGHT_DRAFTS=1`. `astro dev` always shows them.
   */
  drafts: process.env['HINDSIGHT_DRAFTS'] === '1',
  /**
   * How many worker threads render the Markdown bodies of a content sync. Unset, one per core when
   * there are at least 100 bodies per worker to render (a worker takes over half a second to set up),
   * else none; `0` renders every body on the main thread, as Astro does on its own.
   */
  renderWorkers: parseRenderWorkers(process.env['HINDSIGHT_RENDER_WORKERS']),
  /**
   * Postmortems per part of the search index (src/lib/search-shards.ts), from
   * `HINDSIGHT_SEARCH_SHARD_SIZE`: Pagefind's memory while it indexes grows with the part, about
   * 400 kB per postmortem.
   */
  searchShardSize: parseSearchShardSize(process.env['HINDSIGHT_SEARCH_SHARD_SIZE']),
} as const;

/**
 * Incident levels. The defaults are the ones the seed's organisation uses. They are listed from
 * least to most severe: a chart that counts each postmortem once puts it under its most severe level.
 */
export const levels = {
  internal: {
    label: 'Internal',
    description: 'Affected only internal systems or environments; no customer saw it.',
    colour: '#2f6fb3',
  },
  outage: {
    label: 'Outage',
    description: 'A service was unavailable or badly degraded.',
    colour: '#b3541e',
  },
  corruption: {
    label: 'Corruption',
    description: 'Data was lost, damaged or made inconsistent.',
    colour: '#8a3fb3',
  },
  breach: {
    label: 'Breach',
    description: 'Data or systems were exposed to someone who should not have had access.',
    colour: '#b31e3a',
  },
} as const;

/**
 * Typed relations between postmortems. `label` is shown on the page that declares the relation,
 * `inverse` on the page it points at.
 */
export const relations = {
  recurrence: { label: 'Recurrence of', inverse: 'Recurred in' },
  continues: { label: 'Continues', inverse: 'Continued by' },
  'caused-by': { label: 'Caused by', inverse: 'Caused' },
  'follow-up': { label: 'Follow-up to', inverse: 'Followed up by' },
  similar: { label: 'Similar to', inverse: 'Similar to' },
} as const;

/** Kinds of timeline event, in the order an incident usually runs through them. */
export const eventKinds = {
  outage: { label: 'Outage' },
  detection: { label: 'Detection' },
  investigation: { label: 'Investigation' },
  mitigation: { label: 'Mitigation' },
  fix: { label: 'Fix' },
  deploy: { label: 'Deploy' },
  note: { label: 'Note' },
} as const;

/** Review status of a postmortem. Drafts are validated but not published. */
export const statuses = {
  draft: { label: 'Draft' },
  'in-review': { label: 'In review' },
  published: { label: 'Published' },
} as const;

/** Status of an action item. */
export const actionStatuses = {
  open: { label: 'Open' },
  'in-progress': { label: 'In progress' },
  done: { label: 'Done' },
  'wont-do': { label: "Won't do" },
} as const;

/**
 * Display order of environments. Any kebab-case environment is accepted; these come first, in this
 * order, and the rest follow alphabetically.
 */
export const environmentOrder = ['production', 'staging', 'development'] as const;

/**
 * The global timeline's pages hold whole months, newest first, with at most this many events
 * each (a busier month gets a page of its own), so a page stays readable, and cheap to build, at
 * any size of collection.
 */
export const timelineEventsPerPage = 1_000;

/** Body sections, as `##` headings, in reading order. */
export const bodySections = {
  required: ['Summary', 'Cause', 'Prevention'],
  optional: ['Detection', 'Response'],
  /** Rendered from frontmatter; a body section of the same name would say it twice. */
  forbidden: ['Timeline'],
} as const;

/** `HINDSIGHT_RENDER_WORKERS` as a count, `undefined` when unset, or a clear error. */
export function parseRenderWorkers(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,3}$/.test(value)) {
    throw new Error(
      `HINDSIGHT_RENDER_WORKERS: received "${value}"; expected a whole number of worker threads, such as 2, ` +
        'or 0 to render on the main thread (unset: one per core for a large sync).',
    );
  }
  return Number(value);
}

/** `HINDSIGHT_SEARCH_SHARD_SIZE` as a count (unset: 1,000), or a clear error. */
export function parseSearchShardSize(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SEARCH_SHARD_SIZE;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) {
    throw new Error(
      `HINDSIGHT_SEARCH_SHARD_SIZE: received "${value}"; expected a whole number of postmortems per part of ` +
        `the search index, at least 1 (unset: ${DEFAULT_SEARCH_SHARD_SIZE}).`,
    );
  }
  return Number(value);
}

/** `https://host[:port]`, or a clear error naming the variable, what it got and what it needs. */
export function normaliseSiteUrl(value: string): string {
  const problem = (reason: string) =>
    new Error(
      `HINDSIGHT_SITE_URL: received "${value}"; expected the origin the site is served from, such as ` +
        `https://postmortems.example.com (${reason}). A path goes in HINDSIGHT_BASE instead.`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem(`${url.protocol} is not http: or https:`);
  if (url.pathname !== '/' || url.search || url.hash) throw problem('it has a path, query or fragment');
  return url.origin;
}
