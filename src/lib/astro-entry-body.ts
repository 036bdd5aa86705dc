/**
 * The body Astro's Markdown entry type reads from a file's text (`getEntryInfo` in
 * astro/dist/vite-plugin-markdown/content-entry-type.js): the text with its frontmatter blanked out
 * (`parseFrontmatter` with `frontmatter: 'empty-with-spaces'`), trimmed. Astro parses the
 * frontmatter's YAML on the way, which the postmortem loader has already done while checking the
 * file; this finds the same body without it. The expressions are Astro's own
 * (@astrojs/internal-helpers/frontmatter), and a test holds the two to the same result.
 */

/** The frontmatter block and what precedes it: a byte order mark, or blank lines. */
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;
const DELIMITER = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)/;

/** The body Astro's Markdown entry type gives `contents`. */
export function astroEntryBody(contents: string): string {
  const raw = FRONTMATTER.exec(contents)?.[1];
  if (raw === undefined) return contents.trim();
  const delimiter = DELIMITER.exec(contents)?.[1] === '+++' ? '+++' : '---';
  return contents.replace(`${delimiter}${raw}${delimiter}`, `   ${raw.replace(/[^\r\n]/g, ' ')}   `).trim();
}

/** The frontmatter's text as Astro's entry type gives it (`rawData`): `''` when there is none. */
export function astroEntryRawData(contents: string): string {
  return FRONTMATTER.exec(contents)?.[1] ?? '';
}
