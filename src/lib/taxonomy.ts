/**
 * Taxonomies: the ways to group postmortems that have a page per value (`/levels/outage/`,
 * `/services/engine/`, `/environments/staging/`, `/tags/memory-leak/`, `/authors/david-ellis/`), and
 * the facets of the filterable list, which adds the year and the review status.
 *
 * Levels, services, environments and tags are kebab-case already, so a value is its own slug.
 * Authors are people's names, so each gets a readable ASCII slug made from the name, unique across
 * the collection (see `authorSlugs`).
 */
import type { PostmortemData } from '../schemas/postmortem.ts';
import { levels, statuses } from '../site.config.ts';
import { timelineDurations, type Duration } from './durations.ts';
import type { ListEntry, ListFacet } from './list-filter.ts';
import { withBase } from './urls.ts';
import { compareEnvironments, humanise, levelKeys, statusKeys, type Level, type Status } from './vocabulary.ts';
import { compareStrings } from './compare.ts';
import { foldLetters, kebabCase } from './kebab.ts';

/** Each taxonomy: its path segment, its title (the index page's heading) and its name in a sentence. */
export const taxonomies = {
  level: { path: 'levels', title: 'Levels', noun: 'level' },
  service: { path: 'services', title: 'Services', noun: 'service' },
  environment: { path: 'environments', title: 'Environments', noun: 'environment' },
  tag: { path: 'tags', title: 'Tags', noun: 'tag' },
  author: { path: 'authors', title: 'Authors', noun: 'author' },
} as const satisfies Record<string, { path: string; title: string; noun: string }>;

export type Taxonomy = keyof typeof taxonomies;
export const taxonomyKeys = Object.keys(taxonomies) as [Taxonomy, ...Taxonomy[]];

/** The fields of a postmortem the taxonomies read; a full `PostmortemData` fits. */
export type TaxonomyData = Pick<PostmortemData, 'level' | 'services' | 'environments' | 'tags' | 'authors'>;

export interface TaxonomyInput {
  readonly id: string;
  readonly data: TaxonomyData;
}

/** One value of a taxonomy and the postmortems that have it. */
export interface Term {
  readonly taxonomy: Taxonomy;
  /** The URL segment: the value itself, or an author's slug. */
  readonly slug: string;
  /** As written in the frontmatter (an author's name). */
  readonly value: string;
  /** As shown: a level's label, an environment humanised, an author's name. */
  readonly label: string;
  /** Ids of the postmortems with this value, in the order they were given. */
  readonly ids: readonly string[];
  /** An author's email addresses, as written across postmortems. */
  readonly emails: readonly string[];
}

export interface TaxonomyIndex {
  /** Every term of each taxonomy in display order. Levels include the configured ones nobody used. */
  readonly terms: Readonly<Record<Taxonomy, readonly Term[]>>;
  /** The slug of a value (for authors, of a name); throws for a value no postmortem has. */
  slugOf(taxonomy: Taxonomy, value: string): string;
  /** The slug of a value, or undefined when no published postmortem has it (a draft's own value). */
  findSlug(taxonomy: Taxonomy, value: string): string | undefined;
}

/** `/services/engine/`, or the taxonomy's index page `/services/` without a slug. */
export function taxonomyPath(base: string, taxonomy: Taxonomy, slug?: string): string {
  return withBase(base, `${taxonomies[taxonomy].path}/${slug === undefined ? '' : `${slug}/`}`);
}

/** The values of one taxonomy for a postmortem, each once, as written. */
export function valuesOf(data: TaxonomyData, taxonomy: Taxonomy): readonly string[] {
  switch (taxonomy) {
    case 'level':
      return data.level;
    case 'service':
      return data.services;
    case 'environment':
      return data.environments;
    case 'tag':
      return data.tags;
    case 'author':
      return [...new Set(data.authors.map((author) => author.name))];
  }
}

export function buildTaxonomy(postmortems: readonly TaxonomyInput[]): TaxonomyIndex {
  const groups = Object.fromEntries(taxonomyKeys.map((taxonomy) => [taxonomy, new Map<string, string[]>()])) as Record<
    Taxonomy,
    Map<string, string[]>
  >;
  const emails = new Map<string, Set<string>>();
  for (const level of levelKeys) groups.level.set(level, []);
  for (const { id, data } of postmortems) {
    for (const taxonomy of taxonomyKeys) {
      for (const value of valuesOf(data, taxonomy)) {
        let ids = groups[taxonomy].get(value);
        if (!ids) groups[taxonomy].set(value, (ids = []));
        // A value listed twice in one postmortem counts once. Ids are unique in a collection, so
        // only the id just added can be a repeat: looking through the whole list made this
        // quadratic (0.6 s of every build at 10,000 postmortems, where one environment has 8,400 of them).
        if (ids[ids.length - 1] !== id) ids.push(id);
      }
    }
    for (const author of data.authors)
      emails.set(author.name, (emails.get(author.name) ?? new Set()).add(author.email));
  }
  const authors = authorSlugs([...groups.author.keys()]);
  const slugs: Record<Taxonomy, (value: string) => string | undefined> = {
    level: (value) => (groups.level.has(value) ? value : undefined),
    service: (value) => (groups.service.has(value) ? value : undefined),
    environment: (value) => (groups.environment.has(value) ? value : undefined),
    tag: (value) => (groups.tag.has(value) ? value : undefined),
    author: (value) => authors.get(value),
  };
  const terms = Object.fromEntries(
    taxonomyKeys.map((taxonomy): [Taxonomy, Term[]] => {
      const list = [...groups[taxonomy]].map(([value, ids]): Term => ({
        taxonomy,
        slug: slugs[taxonomy](value) as string,
        value,
        label: termLabel(taxonomy, value),
        ids,
        emails: [...(taxonomy === 'author' ? (emails.get(value) ?? []) : [])].sort(),
      }));
      return [taxonomy, list.sort(compareTerms(taxonomy))];
    }),
  ) as Record<Taxonomy, Term[]>;
  return {
    terms,
    findSlug(taxonomy, value) {
      return slugs[taxonomy](value);
    },
    slugOf(taxonomy, value) {
      const slug = slugs[taxonomy](value);
      if (slug === undefined) throw new RangeError(`No postmortem has the ${taxonomies[taxonomy].noun} "${value}"`);
      return slug;
    },
  };
}

function termLabel(taxonomy: Taxonomy, value: string): string {
  if (taxonomy === 'level') return levels[value as Level].label;
  if (taxonomy === 'environment') return humanise(value);
  return value;
}

function compareTerms(taxonomy: Taxonomy): (a: Term, b: Term) => number {
  if (taxonomy === 'level') return (a, b) => levelKeys.indexOf(a.value as Level) - levelKeys.indexOf(b.value as Level);
  if (taxonomy === 'environment') return (a, b) => compareEnvironments(a.value, b.value);
  return (a, b) => a.label.localeCompare(b.label, 'en') || compareStrings(a.value, b.value);
}

/**
 * A readable ASCII slug of a name: `José Núñez-Ortiz` → `jose-nunez-ortiz`, `Søren Æbelø` →
 * `soren-aebelo`. A name with no Latin letters at all keeps its own letters (`李雷` → `李雷`), which
 * is still a valid URL and more readable than a number. (github-slugger keeps accents, so it is not
 * used here.) The same folding names files: see `src/lib/kebab.ts`.
 */
export function slugifyName(name: string): string {
  const ascii = kebabCase(name);
  if (ascii !== '') return ascii;
  const own = foldLetters(name)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return own === '' ? 'author' : own;
}

/**
 * A unique slug for each name. Names are taken in code-unit order, so the result does not depend on
 * the order postmortems were read; when two names make the same slug (`Jose Diaz`, `José Díaz`) the
 * later one gets `-2`, then `-3`.
 */
export function authorSlugs(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const name of [...new Set(names)].sort(compareStrings)) {
    const slug = slugifyName(name);
    let unique = slug;
    for (let n = 2; taken.has(unique); n += 1) unique = `${slug}-${n}`;
    taken.add(unique);
    slugs.set(name, unique);
  }
  return slugs;
}

/** The fields of a postmortem the list reads. */
export interface ListInput extends TaxonomyInput {
  readonly number: number;
  readonly data: TaxonomyData & Pick<PostmortemData, 'date' | 'status' | 'timeline'>;
}

/** What the list shows and filters on for one postmortem; author facets hold author slugs. */
export function listEntry(postmortem: ListInput, taxonomy: TaxonomyIndex): ListEntry {
  const { data } = postmortem;
  const durations = timelineDurations(data.timeline);
  const facet = (name: Taxonomy) => valuesOf(data, name).map((value) => taxonomy.slugOf(name, value));
  return {
    facets: {
      level: facet('level'),
      environment: facet('environment'),
      service: facet('service'),
      tag: facet('tag'),
      author: facet('author'),
      year: [data.date.slice(0, 4)],
      status: [data.status],
    },
    date: data.date,
    number: postmortem.number,
    window: minutes(durations.window),
    resolve: minutes(durations.timeToResolve),
  };
}

/** One choice of a facet's control on the list page. */
export interface FacetOption {
  readonly value: string;
  readonly label: string;
  /** How many postmortems of the list have it. */
  readonly count: number;
}

/**
 * The choices of each facet: the values the list's postmortems have, each with its count, in the
 * order of the taxonomy (years newest first, statuses in vocabulary order).
 */
export function facetOptions(entries: readonly ListEntry[], taxonomy: TaxonomyIndex): Record<ListFacet, FacetOption[]> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const [facet, values] of Object.entries(entry.facets)) {
      for (const value of values) counts.set(`${facet}\u0000${value}`, (counts.get(`${facet}\u0000${value}`) ?? 0) + 1);
    }
  }
  const count = (facet: ListFacet, value: string) => counts.get(`${facet}\u0000${value}`) ?? 0;
  const fromTerms = (name: Taxonomy) =>
    taxonomy.terms[name]
      .map((term) => ({ value: term.slug, label: term.label, count: count(name, term.slug) }))
      .filter((option) => option.count > 0);
  const years = [...new Set(entries.flatMap((entry) => entry.facets.year))].sort().reverse();
  return {
    level: fromTerms('level'),
    environment: fromTerms('environment'),
    service: fromTerms('service'),
    tag: fromTerms('tag'),
    author: fromTerms('author'),
    year: years.map((year) => ({ value: year, label: year, count: count('year', year) })),
    status: statusKeys
      .map((status) => ({ value: status, label: statuses[status as Status].label, count: count('status', status) }))
      .filter((option) => option.count > 0),
  };
}

function minutes(duration: Duration | undefined): number | undefined {
  if (!duration) return undefined;
  return duration.unit === 'days' ? duration.days * 24 * 60 : duration.minutes;
}
