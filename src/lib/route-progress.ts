/**
 * When every page of one route has been rendered, as Astro's page generation goes
 * (src/search-ahead.ts watches the postmortem pages' route this way).
 *
 * Astro generates the paths its prerenderer lists in that order, a few at a time, each one starting
 * as soon as an earlier one is done; a page its incremental build copies is never rendered, so only
 * some of the route's pages are. The route's renders are over once a page of a later route has
 * started to render (every page before it has started by then) and every render of the route
 * started has returned; or once generation is over.
 */

/** A path Astro generates: the page's component (`src/pages/…`) is what names its route. */
export interface GeneratedPath {
  component: string;
}

export class RouteProgress {
  readonly #component: string;
  /** The place of the route's last path in Astro's list (-1: the route has none). */
  readonly #last: number;
  /** The place of each other route's first path. */
  readonly #firstOf = new Map<string, number>();
  #rendering = 0;
  #passed = false;
  #reported = false;

  /** Follows the pages of `component` among `paths`, the list Astro generates, in its order. */
  constructor(paths: readonly GeneratedPath[], component: string) {
    this.#component = component;
    let last = -1;
    for (const [index, path] of paths.entries()) {
      if (path.component === component) last = index;
      else if (!this.#firstOf.has(path.component)) this.#firstOf.set(path.component, index);
    }
    this.#last = last;
  }

  /** A page of `component` starts to render; true when the route's renders are over now. */
  started(component: string): boolean {
    if (component === this.#component) this.#rendering += 1;
    else if ((this.#firstOf.get(component) ?? -1) > this.#last) this.#passed = true;
    return this.#over();
  }

  /** A page of `component` has rendered; true when the route's renders are over now. */
  rendered(component: string): boolean {
    if (component === this.#component) this.#rendering -= 1;
    return this.#over();
  }

  /** Page generation is over; true when the route's renders are over now and were not before. */
  ended(): boolean {
    this.#passed = true;
    return this.#over();
  }

  /** True once, at the first call after the route's renders are over. */
  #over(): boolean {
    if (this.#reported || !this.#passed || this.#rendering > 0) return false;
    this.#reported = true;
    return true;
  }
}
