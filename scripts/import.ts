/**
 * Converts postmortems in the legacy Markdown format into Hindsight files. See docs/importing.md.
 *
 * Usage: npm run import -- [--out DIR] [--status STATUS] [--dry-run] FILE_OR_FOLDER...
 *
 * Exits 1 when any file could not be imported (or on a usage error), 0 otherwise; a file that was
 * imported but needs a human says so in the report.
 */
import { parseArgs } from 'node:util';
import { importLegacyFiles } from '../src/lib/import/import-fs.ts';
import { formatImportReport, importFailed } from '../src/lib/import/report.ts';
import { site } from '../src/site.config.ts';
import { statusKeys, type Status } from '../src/lib/vocabulary.ts';

const usage = `Usage: npm run import -- [options] FILE_OR_FOLDER...

Converts legacy postmortems (# NNN - Title, ## Level, ## Author(s), ## Timeline) into
Hindsight files. A folder stands for the .md files in it. Never overwrites a file.

Options:
  --out DIR        where to write the new files (default: ${site.contentDir})
  --status STATUS  status of the new files: ${statusKeys.join(', ')} (default: in-review)
  --dry-run        print the report, write nothing
  -h, --help       show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      status: { type: 'string', default: 'in-review' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
if (positionals.length === 0) fail('No files to import.');
const status = values.status as Status;
if (!statusKeys.includes(status)) fail(`--status ${values.status}: expected one of ${statusKeys.join(', ')}.`);

// npm runs scripts from the project root; INIT_CWD is where the user typed the command.
const cwd = process.cwd();
const run = await importLegacyFiles({
  cwd,
  from: process.env['INIT_CWD'] ?? cwd,
  inputs: positionals,
  outDir: values.out ?? site.contentDir,
  status,
  dryRun: values['dry-run'],
});
process.stdout.write(formatImportReport(run));
process.exitCode = importFailed(run.files) ? 1 : 0;
