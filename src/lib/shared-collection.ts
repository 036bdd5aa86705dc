/**
 * What the postmortem loader learns while validating the collection, handed to the code that runs
 * later in the same build process: the remark plugin that rewrites links (it needs every link
 * target) and the pages (they need every body's outline). Without it, each of them read and parsed
 * every file again: validation ran twice and every body was parsed three times per build, the
 * largest cost of a build of thousands of postmortems.
 *
 * Astro loads `astro.config.mjs` (with the plugins) and `content.config.ts` (with the loader) in
 * separate module graphs, so a variable of this module would not be shared between them: the
 * collections live on `globalThis` under a registered symbol, keyed by the content folder's
 * absolute path.
 */
import type { BodyOutline } from './body.ts';
import type { FragmentIndex } from './links.ts';

export interface SharedCollection {
  /** Link targets of every postmortem that passed validation. */
  readonly index: FragmentIndex;
  /**
   * The outline of each postmortem's body, by id, as validated. The loader updates it when it
   * checks a file again on its own (a file edited under `astro dev`).
   */
  readonly outlines: Map<string, BodyOutline>;
  /** Where the loader keeps each postmortem's rendered body (`src/loaders/rendered-bodies.ts`). */
  readonly rendered?: {
    read(
      id: string,
      location: { readonly pack: string; readonly offset: number; readonly length: number } | undefined,
    ): string;
  };
}

const KEY = Symbol.for('hindsight.shared-collections');

function store(): Map<string, SharedCollection> {
  const holder = globalThis as { [KEY]?: Map<string, SharedCollection> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Publishes the collection of the content folder `dir` (an absolute path). */
export function shareCollection(dir: string, collection: SharedCollection): void {
  store().set(dir, collection);
}

/** The collection last published for `dir` (an absolute path) in this process, if any. */
export function sharedCollection(dir: string): SharedCollection | undefined {
  return store().get(dir);
}

/** How many postmortems the collections shared in this process hold, all together. */
export function sharedPostmortemCount(): number {
  let count = 0;
  for (const collection of store().values()) count += collection.outlines.size;
  return count;
}
