/**
 * A site with no postmortem to list, as a team's first checkout may be, or a draft preview with
 * drafts only: it builds, search index included, and its search page says there is nothing to
 * search instead of failing to load an index.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmortemTemplate } from '../../src/lib/template.ts';
import { buildSite } from '../../scripts/lib/build.ts';
import { projectWorkFolder, ROOT } from '../support/build-folders.ts';

let work: string;
const builds: Record<'empty' | 'draftsOnly', string> = { empty: '', draftsOnly: '' };

beforeAll(() => {
  work = projectWorkFolder('empty-');
  const contents = { empty: join(work, 'empty'), draftsOnly: join(work, 'drafts-only') };
  for (const folder of Object.values(contents)) mkdirSync(folder);
  const draft = postmortemTemplate({
    title: 'Queue stalled on billing',
    date: '2024-03-07',
    author: 'Tomás Lindqvist <tomas@larkspur.example>',
  });
  writeFileSync(join(contents.draftsOnly, '001-queue-stalled-on-billing.md'), draft);
  for (const build of ['empty', 'draftsOnly'] as const) {
    builds[build] = join(work, `${build}-dist`);
    buildSite(builds[build], {
      HINDSIGHT_CONTENT_DIR: relative(ROOT, contents[build]),
      HINDSIGHT_DRAFTS: build === 'draftsOnly' ? '1' : '',
    });
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a site with no postmortem to list', () => {
  it.each(['empty', 'draftsOnly'] as const)('%s: builds an empty index and says so on /search/', (build) => {
    const entry = JSON.parse(readFileSync(join(builds[build], 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    expect(entry.languages).toEqual({});
    const search = readFileSync(join(builds[build], 'search', 'index.html'), 'utf8');
    expect(search).toContain('There is nothing to search yet: no postmortem has been published.');
    expect(search).not.toContain('data-search-results');
  });

  it('still gives the draft its page in a draft preview', () => {
    expect(existsSync(join(builds.draftsOnly, 'postmortems', '001-queue-stalled-on-billing', 'index.html'))).toBe(true);
  });
});
