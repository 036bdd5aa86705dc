/** Taxonomies and list entries of the published postmortems, computed once per build. */
import { buildTaxonomy, listEntry, type TaxonomyIndex } from '../lib/taxonomy.ts';
import type { ListEntry } from '../lib/list-filter.ts';
import { getPublishedPostmortems, postmortemNumber } from './postmortems.ts';

let taxonomy: Promise<TaxonomyIndex> | undefined;
let entries: Promise<Map<string, ListEntry>> | undefined;

/** Levels, services, environments, tags and authors, each value with its postmortems (newest first). */
export function getTaxonomy(): Promise<TaxonomyIndex> {
  taxonomy ??= getPublishedPostmortems().then(buildTaxonomy);
  return taxonomy;
}

/** What the filterable list knows of each published postmortem, by id. */
export function getListEntries(): Promise<Map<string, ListEntry>> {
  entries ??= Promise.all([getPublishedPostmortems(), getTaxonomy()]).then(
    ([postmortems, index]) =>
      new Map(
        postmortems.map((postmortem) => [
          postmortem.id,
          listEntry({ id: postmortem.id, number: postmortemNumber(postmortem), data: postmortem.data }, index),
        ]),
      ),
  );
  return entries;
}
