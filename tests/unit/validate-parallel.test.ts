import { describe, expect, it } from 'vitest';
import { validateInParallel } from '../../src/lib/validate-parallel.ts';
import { fromPortable, toPortable } from '../../src/lib/validate-portable.ts';
import { validatePostmortems, type CheckedPostmortem } from '../../src/lib/validate.ts';
import { fixtureFile, fixtureNames, validCollection } from './fixtures.ts';

const everything = [...validCollection(), ...fixtureNames('invalid').map((name) => fixtureFile(`invalid/${name}`))];

/** Every path of a postmortem's frontmatter, and some that do not exist, with and without `key`. */
function positions(postmortem: CheckedPostmortem) {
  const paths: PropertyKey[][] = [[], ['nope'], ['timeline', 0, 'nope'], ['related', 9, 'id']];
  const visit = (value: unknown, path: PropertyKey[]): void => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(postmortem.input, []);
  return paths.map((path) => [postmortem.locate(path), postmortem.locate(path, { key: true })]);
}

describe('a postmortem as plain data', () => {
  it('locates every value and key, and every missing one, as the original does', () => {
    const { postmortems } = validatePostmortems(everything);
    expect(postmortems.length).toBeGreaterThan(5);
    const sources = new Map(everything.map((file) => [file.file, file]));
    for (const postmortem of postmortems) {
      const restored = fromPortable(
        structuredClone(toPortable(postmortem)),
        sources.get(postmortem.file) as (typeof everything)[number],
      );
      expect(positions(restored)).toEqual(positions(postmortem));
      expect({ ...restored, locate: undefined }).toEqual({ ...postmortem, locate: undefined });
    }
  });
});

describe('validateInParallel', () => {
  it('finds the same issues and postmortems in worker threads as in one thread', async () => {
    const alone = validatePostmortems(everything);
    const together = await validateInParallel(everything, { threads: 2, minFilesPerWorker: 1 });
    expect(together.issues).toEqual(alone.issues);
    expect(together.postmortems.map(({ id }) => id)).toEqual(alone.postmortems.map(({ id }) => id));
    expect(alone.issues.length).toBeGreaterThan(20);
  });
});
