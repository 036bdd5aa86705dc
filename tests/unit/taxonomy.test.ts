import { describe, expect, it } from 'vitest';
import {
  authorSlugs,
  buildTaxonomy,
  facetOptions,
  listEntry,
  slugifyName,
  taxonomyPath,
  type Taxonomy,
  type TaxonomyData,
} from '../../src/lib/taxonomy.ts';
import { idOf } from '../fixtures/graph.ts';
import { browseCollection } from '../fixtures/browse.ts';

const collection = browseCollection();
const taxonomy = buildTaxonomy(collection);

/** `slug:count` of each term of a taxonomy, in display order. */
function terms(name: Taxonomy): string[] {
  return taxonomy.terms[name].map((term) => `${term.slug}:${term.ids.length}`);
}

describe('author slugs', () => {
  it('are readable ASCII made from the name', () => {
    expect(slugifyName('David Ellis')).toBe('david-ellis');
    expect(slugifyName('José Núñez-Ortiz')).toBe('jose-nunez-ortiz');
    expect(slugifyName('Søren Æbelø')).toBe('soren-aebelo');
    expect(slugifyName('Łukasz Straße')).toBe('lukasz-strasse');
    expect(slugifyName("  Mary-Jane O'Brien, Jr. ")).toBe('mary-jane-o-brien-jr');
    expect(slugifyName('Ａｙａ　Ｓａｔō')).toBe('aya-sato');
  });

  it('keep a name’s own letters when it has no Latin ones', () => {
    expect(slugifyName('李雷')).toBe('李雷');
    expect(slugifyName('Ана Петрова')).toBe('ана-петрова');
    expect(slugifyName('***')).toBe('author');
  });

  it('are unique, and do not depend on the order names come in', () => {
    const names = ['José Díaz', 'Jose Diaz', 'JOSE DIAZ', 'Ann Lee'];
    const slugs = authorSlugs(names);
    expect(Object.fromEntries(slugs)).toEqual({
      'Ann Lee': 'ann-lee',
      'JOSE DIAZ': 'jose-diaz',
      'Jose Diaz': 'jose-diaz-2',
      'José Díaz': 'jose-diaz-3',
    });
    expect(authorSlugs([...names].reverse())).toEqual(slugs);
  });

  it('do not collide with a name whose own slug ends in a number', () => {
    const slugs = authorSlugs(['Ann Lee', 'Ann Lee 2', 'Ann  Lee']);
    expect(new Set(slugs.values()).size).toBe(3);
  });
});

describe('the taxonomy of a collection', () => {
  it('lists every configured level, used or not, in vocabulary order', () => {
    expect(terms('level')).toEqual(['internal:4', 'outage:2', 'corruption:1', 'breach:0']);
    expect(taxonomy.terms.level.map((term) => term.label)).toEqual(['Internal', 'Outage', 'Corruption', 'Breach']);
  });

  it('orders environments as configured, then alphabetically, humanised', () => {
    expect(terms('environment')).toEqual(['production:2', 'staging:2', 'qa-lab:1']);
    expect(taxonomy.terms.environment.map((term) => term.label)).toEqual(['production', 'staging', 'qa lab']);
  });

  it('lists services and tags alphabetically with their postmortems in the order given', () => {
    expect(terms('service')).toEqual(['billing:2', 'gateway:2', 'ledger:1']);
    expect(terms('tag')).toEqual(['alerting:1', 'disk-space:1', 'dns:2', 'replication:1']);
    expect(taxonomy.terms.service[1]?.ids).toEqual([idOf(2), idOf(4)]);
  });

  it('keys authors by name, with slugs and every email written for them', () => {
    expect(
      taxonomy.terms.author.map((term) => ({ label: term.label, slug: term.slug, ids: term.ids, emails: term.emails })),
    ).toEqual([
      { label: 'Ada Okafor', slug: 'ada-okafor', ids: [1, 3, 4, 5].map(idOf), emails: ['ada@example.com'] },
      { label: 'Zoe Brandt', slug: 'zoe-brandt', ids: [idOf(3)], emails: ['zbrandt@example.com'] },
      { label: 'Zoë Brandt', slug: 'zoe-brandt-2', ids: [idOf(2)], emails: ['zoe@example.com'] },
    ]);
    expect(taxonomy.slugOf('author', 'Zoë Brandt')).toBe('zoe-brandt-2');
  });

  it('refuses a slug for a value no postmortem has', () => {
    expect(() => taxonomy.slugOf('service', 'payments')).toThrow('No postmortem has the service "payments"');
    expect(() => taxonomy.slugOf('author', 'Nobody')).toThrow('No postmortem has the author "Nobody"');
  });

  it('counts a value once per postmortem even if an author is listed twice', () => {
    const twice = buildTaxonomy([
      {
        id: idOf(9),
        data: {
          level: ['internal'],
          services: [],
          environments: [],
          tags: [],
          authors: [
            { name: 'Ada Okafor', email: 'ada@example.com' },
            { name: 'Ada Okafor', email: 'ada.okafor@example.com' },
          ],
        },
      },
    ]);
    expect(twice.terms.author[0]?.ids).toEqual([idOf(9)]);
    expect(twice.terms.author[0]?.emails).toEqual(['ada.okafor@example.com', 'ada@example.com']);
  });

  it('lists each postmortem once under a value, in the order given, however often it repeats the value', () => {
    const data = (services: string[]): TaxonomyData => ({
      level: ['internal'],
      services,
      environments: [],
      tags: [],
      authors: [],
    });
    const repeated = buildTaxonomy([
      { id: idOf(3), data: data(['queue', 'queue']) },
      { id: idOf(1), data: data(['cache', 'queue', 'cache']) },
      { id: idOf(2), data: data(['queue']) },
    ]);
    expect(repeated.terms.service.map(({ value, ids }) => [value, ids])).toEqual([
      ['cache', [idOf(1)]],
      ['queue', [idOf(3), idOf(1), idOf(2)]],
    ]);
    expect(repeated.terms.level.find((term) => term.value === 'internal')?.ids).toEqual([idOf(3), idOf(1), idOf(2)]);
  });
});

describe('taxonomy paths', () => {
  it('are base-aware, for a value and for the index', () => {
    expect(taxonomyPath('/', 'service', 'billing')).toBe('/services/billing/');
    expect(taxonomyPath('/postmortems/', 'author', 'zoe-brandt-2')).toBe('/postmortems/authors/zoe-brandt-2/');
    expect(taxonomyPath('/postmortems/', 'level')).toBe('/postmortems/levels/');
  });
});

describe('list entries', () => {
  it('carry each facet, author slugs, year and status', () => {
    const entry = listEntry(collection[2]!, taxonomy);
    expect(entry.facets).toEqual({
      level: ['internal', 'corruption'],
      environment: ['production', 'qa-lab'],
      service: ['ledger'],
      tag: ['dns', 'replication'],
      author: ['ada-okafor', 'zoe-brandt'],
      year: ['2024'],
      status: ['published'],
    });
  });

  it('measure durations in minutes, whether the timeline has days or instants', () => {
    const [days, instants, unresolved, , single] = collection.map((postmortem) => listEntry(postmortem, taxonomy));
    expect([days?.window, days?.resolve]).toEqual([3 * 1440, 3 * 1440]);
    expect([instants?.window, instants?.resolve]).toEqual([23 * 60, 180]);
    expect([unresolved?.window, unresolved?.resolve]).toEqual([10 * 1440, undefined]);
    expect([single?.window, single?.resolve]).toEqual([undefined, undefined]);
  });
});

describe('facet options of the list', () => {
  const options = facetOptions(
    collection.map((postmortem) => listEntry(postmortem, taxonomy)),
    taxonomy,
  );
  const compact = (facet: keyof typeof options) =>
    options[facet].map((option) => `${option.value}=${option.label}:${option.count}`);

  it('offer only values the list has, with counts, in taxonomy order', () => {
    expect(compact('level')).toEqual(['internal=Internal:4', 'outage=Outage:2', 'corruption=Corruption:1']);
    expect(compact('author')).toEqual([
      'ada-okafor=Ada Okafor:4',
      'zoe-brandt=Zoe Brandt:1',
      'zoe-brandt-2=Zoë Brandt:1',
    ]);
  });

  it('list years newest first and statuses in vocabulary order', () => {
    expect(compact('year')).toEqual(['2024=2024:3', '2023=2023:2']);
    expect(compact('status')).toEqual(['in-review=In review:1', 'published=Published:4']);
  });
});
