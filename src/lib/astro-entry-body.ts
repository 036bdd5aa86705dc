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

/** What Astro's Markdown entry type reads from `contents`: its body, and its frontmatter's text (`rawData`, `''` when none). */
export function astroEntryText(contents: string): { body: string; rawData: string } {
  const raw = FRONTMATTER.exec(contents)?.[1];
  if (raw === undefined) return { body: contents.trim(), rawData: '' };
  const delimiter = DELIMITER.exec(contents)?.[1] === '+++' ? '+++' : '---';
  const body = contents.replace(`${delimiter}${raw}${delimiter}`, `   ${raw.replace(/[^\r\n]/g, ' ')}   `).trim();
  return { body, rawData: raw };
}
