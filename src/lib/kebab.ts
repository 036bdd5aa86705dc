/**
 * Turning names and titles into the ASCII words of file names and URLs, one way for the whole site:
 * `npm run new`, the importer and the author pages.
 */

/** Letters Unicode does not decompose into a base letter and an accent, spelt the usual way. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lowercase, accents dropped, the letters above spelt out: `Søren Straße` → `soren strasse`. */
export function foldLetters(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTERS[letter] ?? letter);
}

/**
 * Lowercase ASCII words joined by single hyphens; anything that is not a letter or digit separates
 * words: `Zoë’s Ångström — v1.2` → `zoe-s-angstrom-v1-2`. Empty when nothing is left.
 */
export function kebabCase(text: string): string {
  return foldLetters(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
