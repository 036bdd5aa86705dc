import { kebabCase } from './kebab.ts';

/** What a postmortem's file name says: its id (the file name without extension) and its number. */

const FILE_NAME = /^(\d{3,})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXTENSION = /\.(md|mdx)$/;

export interface PostmortemName {
  readonly id: string;
  readonly number: number;
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The id and number of `content/postmortems/003-some-title.md`, or undefined if it is misnamed. */
export function parsePostmortemFileName(file: string): PostmortemName | undefined {
  const id = baseName(file).replace(EXTENSION, '');
  const match = FILE_NAME.exec(id);
  if (!match) return undefined;
  return { id, number: Number(match[1]) };
}

export function isPostmortemFile(file: string): boolean {
  return EXTENSION.test(file) && !baseName(file).startsWith('_');
}

/**
 * The kebab-case words of a title, as used in file names (see `kebabCase`), apostrophes dropped
 * rather than splitting a word: `Postmortem for v0.0.26 release` gives
 * `postmortem-for-v0-0-26-release`, `Søren’s cron` gives `sorens-cron`. Empty when the title has
 * no letters or digits.
 */
export function kebabTitle(title: string): string {
  return kebabCase(title.replace(/['’]/g, ''));
}

/** `003-postmortem-for-v0-0-26-release`: the number padded to three digits, then the title's words. */
export function postmortemId(number: number, title: string): string {
  return `${String(number).padStart(3, '0')}-${kebabTitle(title)}`;
}

/** The number after the highest one in use, or 1 for an empty collection. */
export function nextFreeNumber(files: readonly string[]): number {
  let highest = 0;
  for (const file of files) highest = Math.max(highest, parsePostmortemFileName(file)?.number ?? 0);
  return highest + 1;
}
