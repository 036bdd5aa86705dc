import { describe, expect, it } from 'vitest';
import { eventKinds, levels, relations } from '../../src/site.config.ts';
import {
  compareEnvironments,
  eventKindKeys,
  humanise,
  levelKeys,
  relationKeys,
  statusKeys,
} from '../../src/lib/vocabulary.ts';

describe('vocabularies', () => {
  it('are derived from the site configuration', () => {
    expect(levelKeys).toEqual(Object.keys(levels));
    expect(relationKeys).toEqual(Object.keys(relations));
    expect(eventKindKeys).toEqual(Object.keys(eventKinds));
    expect(levelKeys).toEqual(['internal', 'outage', 'corruption', 'breach']);
    expect(statusKeys).toEqual(['draft', 'in-review', 'published']);
  });

  it('sort configured environments first, in order, then the rest alphabetically', () => {
    expect(['qa', 'staging', 'development', 'canary', 'production'].sort(compareEnvironments)).toEqual([
      'production',
      'staging',
      'development',
      'canary',
      'qa',
    ]);
  });

  it('humanise kebab-case values', () => {
    expect(humanise('memory-leak')).toBe('memory leak');
  });
});
