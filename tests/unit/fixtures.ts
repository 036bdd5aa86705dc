/** Loads the invented postmortems in tests/fixtures as the validator sees files on disk. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContentIssue } from '../../src/lib/errors.ts';
import { validatePostmortems, type PostmortemFile } from '../../src/lib/validate.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** `tests/fixtures/<path>`, as if it were `content/postmortems/<its file name>`. */
export function fixtureFile(path: string): PostmortemFile {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { file: `content/postmortems/${name}`, source: readFileSync(`${fixtures}${path}`, 'utf8') };
}

export function fixtureNames(dir: 'postmortems' | 'invalid'): string[] {
  return readdirSync(`${fixtures}${dir}`)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

/** The valid collection: 101, 102 and 103, which link to one another. */
export function validCollection(): PostmortemFile[] {
  return fixtureNames('postmortems').map((name) => fixtureFile(`postmortems/${name}`));
}

/** Every issue of the valid collection plus `tests/fixtures/invalid/<name>`. */
export function issuesWith(name: string): readonly ContentIssue[] {
  return validatePostmortems([...validCollection(), fixtureFile(`invalid/${name}`)]).issues;
}
