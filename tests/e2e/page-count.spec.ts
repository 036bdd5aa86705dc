/**
 * The build never drops a postmortem silently: every postmortem file that is not a draft (every
 * file, with HINDSIGHT_DRAFTS=1) has a page in dist/, and there is no page without a file. Files are read and parsed by the validator's own
 * code, so this check and `npm run validate` agree on what a postmortem is.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readPostmortemFiles } from '../../src/lib/validate-fs.ts';
import { validatePostmortems } from '../../src/lib/validate.ts';
import { site } from '../../src/site.config.ts';

const ROOT = join(import.meta.dirname, '../..');

test('pages out equal postmortem files in, drafts aside', async () => {
  const files = await readPostmortemFiles(ROOT, site.contentDir);
  const { postmortems, issues } = validatePostmortems(files);
  expect(issues, 'the content is valid, as the build requires').toEqual([]);
  expect(postmortems, 'every file parses as a postmortem').toHaveLength(files.length);

  const published = postmortems.filter(({ data }) => site.drafts || data.status !== 'draft').map(({ id }) => id);
  const pages = readdirSync(join(ROOT, 'dist/postmortems'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(entry.parentPath, entry.name)).includes('index.html'))
    .map((entry) => entry.name);

  expect(published.length, 'at least the seed postmortems are published').toBeGreaterThan(0);
  expect(pages.sort(), `${pages.length} pages for ${published.length} published postmortem files`).toEqual(
    published.sort(),
  );
});
