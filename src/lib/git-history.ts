/**
 * When each file was last changed, read from `git log` output. The parsing is pure; running git is
 * in git-history-fs.ts.
 */

/** The arguments for `git log` whose output `lastChanged` reads: newest first, one date then the files. */
export function gitLogArguments(dir: string): string[] {
  return ['log', '--no-renames', '--format=%x00%cs', '--name-only', '--', dir];
}

/**
 * Maps each file (path relative to the repository root) to the committer date (`YYYY-MM-DD`, in the
 * committer's own time zone, so the same on every machine) of the newest commit that touched it.
 */
export function lastChanged(log: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const record of log.split('\0')) {
    const [date, ...files] = record.split('\n');
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) continue;
    for (const file of files) {
      const path = file.trim();
      if (path !== '' && !dates.has(path)) dates.set(path, date.trim());
    }
  }
  return dates;
}
