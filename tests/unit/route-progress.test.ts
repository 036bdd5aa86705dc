import { describe, expect, it } from 'vitest';
import { RouteProgress } from '../../src/lib/route-progress.ts';

const PAGE = 'src/pages/postmortems/[id].astro';
const paths = (...components: string[]) => components.map((component) => ({ component }));

describe('RouteProgress', () => {
  // Astro's order here: the 404 page, the actions, the postmortems, the timeline, the feed.
  const list = paths('404', 'actions', PAGE, PAGE, PAGE, 'timeline', 'timeline', 'rss');

  it('is over once a later route starts and every render of the route has returned, and says so once', () => {
    const progress = new RouteProgress(list, PAGE);
    expect(progress.started('actions')).toBe(false);
    expect(progress.started(PAGE)).toBe(false);
    expect(progress.started(PAGE)).toBe(false);
    expect(progress.rendered('actions')).toBe(false);
    expect(progress.rendered(PAGE)).toBe(false);
    // A later route starts while one postmortem page still renders: not over yet.
    expect(progress.started('timeline')).toBe(false);
    expect(progress.rendered(PAGE)).toBe(true);
    expect(progress.started('rss')).toBe(false);
    expect(progress.rendered('timeline')).toBe(false);
    expect(progress.ended()).toBe(false);
  });

  it('is over as soon as a later route starts when no page of the route renders (all copied)', () => {
    const progress = new RouteProgress(list, PAGE);
    expect(progress.started('404')).toBe(false);
    expect(progress.rendered('404')).toBe(false);
    expect(progress.started('timeline')).toBe(true);
  });

  it('is not over while only routes before it render, until generation ends', () => {
    const progress = new RouteProgress(list, PAGE);
    expect(progress.started('404')).toBe(false);
    expect(progress.started(PAGE)).toBe(false);
    expect(progress.rendered(PAGE)).toBe(false);
    expect(progress.ended()).toBe(true);
    expect(progress.ended()).toBe(false);
  });

  it('takes a route with paths on both sides of the route as before it', () => {
    const progress = new RouteProgress(paths('mixed', PAGE, 'mixed', 'later'), PAGE);
    expect(progress.started('mixed')).toBe(false);
    expect(progress.started('later')).toBe(true);
  });

  it('is over at the first render when the route has no page at all', () => {
    const progress = new RouteProgress(paths('404', 'timeline'), PAGE);
    expect(progress.started('404')).toBe(true);
  });
});
