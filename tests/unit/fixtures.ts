/** Loads the invented postmortems in tests/fixtures as the validator sees files on disk. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContentIssue } from '../../src/lib/errors.ts';
import { decodePostmortemFile } from '../../src/lib/validate-fs.ts';
import { validatePostmortems, type PostmortemFile } from '../../src/lib/validate.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * `tests/fixtures/<path>`, as if it were `content/postmortems/<its file name>`, decoded as
 * `readPostmortemFile` decodes files on disk.
 */
export function fixtureFile(path: string): PostmortemFile {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return decodePostmortemFile(`content/postmortems/${name}`, readFileSync(`${fixtures}${path}`));
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

/** Every issue of the valid collection plus `tests/fixtures/invalid/<name>` (and any more named). */
export function issuesWith(...names: string[]): readonly ContentIssue[] {
  return validatePostmortems([...validCollection(), ...names.map((name) => fixtureFile(`invalid/${name}`))]).issues;
}
