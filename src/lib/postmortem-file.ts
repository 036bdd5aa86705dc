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

/** Letters that Unicode does not decompose into a base letter and an accent. */
const LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  þ: 'th',
  ð: 'd',
  ı: 'i',
};

/**
 * The kebab-case words of a title, as used in file names: accents dropped, anything that is not a
 * letter or digit becomes a hyphen, apostrophes vanish. `Postmortem for v0.0.26 release` gives
 * `postmortem-for-v0-0-26-release`. Empty when the title has no letters or digits.
 */
export function kebabTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđþðı]/g, (letter) => LETTERS[letter] ?? '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
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
