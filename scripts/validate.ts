/**
 * `npm run validate [-- --dir DIR]`: checks every postmortem without an Astro build, with the same
 * code the build runs (src/lib/validate.ts). Prints `file:line:col: message` for every problem in
 * every file, `::error` annotations when GITHUB_ACTIONS=true, and exits 1 on any problem.
 */
import { site } from '../src/site.config.ts';
import { validationReport } from '../src/lib/validate-report.ts';
import { readPostmortemFiles } from '../src/lib/validate-fs.ts';
import { validatePostmortems } from '../src/lib/validate.ts';
import { parseCommandLine } from './lib/cli.ts';

const { values } = parseCommandLine(
  { dir: { type: 'string', default: site.contentDir } },
  `Usage: npm run validate [-- --dir DIR]

Checks every postmortem in ${site.contentDir} (or DIR): frontmatter schema, vocabularies,
dates, required sections, references between postmortems and the fragments of their links.
Prints file:line:col: message per problem; on GitHub Actions also ::error annotations.
Exits 1 when there is any problem.`,
);

const files = await readPostmortemFiles(process.cwd(), values.dir);
const { issues } = validatePostmortems(files);
const report = validationReport(issues, {
  fileCount: files.length,
  annotations: process.env['GITHUB_ACTIONS'] === 'true',
});
for (const line of report.lines) console.log(line);
process.exitCode = report.exitCode;
