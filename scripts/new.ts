/**
 * `npm run new -- "Title"`: starts the next-numbered postmortem as a draft from the template, with
 * today's date and the author from git, and prints its path. Never overwrites a file.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { site } from '../src/site.config.ts';
import { calendarDateProblem } from '../src/lib/dates.ts';
import { kebabTitle, nextFreeNumber, postmortemId } from '../src/lib/postmortem-file.ts';
import { postmortemTemplate } from '../src/lib/template.ts';
import { parseCommandLine } from './lib/cli.ts';

const usage = `Usage: npm run new -- "Title of the incident" [--date YYYY-MM-DD] [--dir DIR] [--mdx]

Creates ${site.contentDir}/NNN-title-of-the-incident.md with the next free number, as a draft.`;

const { values, positionals } = parseCommandLine(
  {
    date: { type: 'string' },
    dir: { type: 'string', default: site.contentDir },
    mdx: { type: 'boolean', default: false },
  },
  usage,
  { positionals: true },
);

const title = positionals.join(' ').trim();
const date = values.date ?? localDate(new Date());
const problem =
  title === ''
    ? 'a title is needed'
    : kebabTitle(title) === ''
      ? `the title ${JSON.stringify(title)} has no letters or digits to name the file with`
      : calendarDateProblem(date)
        ? `--date received ${JSON.stringify(date)}; expected a calendar date YYYY-MM-DD (${calendarDateProblem(date)})`
        : undefined;
if (problem) {
  console.error(`npm run new: ${problem}.\n\n${usage}`);
  process.exit(2);
}

await mkdir(values.dir, { recursive: true });
const id = postmortemId(nextFreeNumber(await readdir(values.dir)), title);
const path = join(values.dir, `${id}.${values.mdx ? 'mdx' : 'md'}`);
try {
  await writeFile(path, postmortemTemplate({ title, date, author: gitAuthor() }), { flag: 'wx' });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  console.error(`npm run new: ${path} already exists; nothing was written.`);
  process.exit(1);
}
console.log(path);

/** The author's calendar day, in the machine's time zone. */
function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `Name <email>` from git's configuration, or undefined when either is not set. */
function gitAuthor(): string | undefined {
  const read = (key: string) => {
    try {
      return execFileSync('git', ['config', key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const [name, email] = [read('user.name'), read('user.email')];
  return name && email ? `${name} <${email}>` : undefined;
}
