/**
 * Finds what rendered Markdown must never contain, by parsing the HTML (htmlparser2) rather than
 * matching strings, so `<ScRiPt>`, entity-encoded schemes and attributes without quotes are seen
 * as a browser sees them. Used by the sanitiser's unit tests and by the build-level test.
 */
import { Parser } from 'htmlparser2';

/** Elements that run code, embed another document or change how the page loads. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'form',
  'svg',
  'math',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'cite', 'longdesc', 'poster', 'data']);

/** What a browser would take as the URL's scheme: control characters and whitespace are ignored. */
function scheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase();
}

/**
 * Every unsafe element and attribute in `html`, described in words (empty when it is safe).
 * `style` is allowed only inside a syntax-highlighted code block (`<pre class="astro-code">`),
 * whose styles our pipeline writes; `class` only from `allowedClasses`.
 */
export function unsafeParts(html: string, allowedClasses: readonly string[] = []): string[] {
  const found: string[] = [];
  const stack: boolean[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const inCode = stack.at(-1) === true || (name === 'pre' && /\bastro-code\b/.test(attributes['class'] ?? ''));
        stack.push(inCode);
        if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}>`);
        for (const [key, value] of Object.entries(attributes)) {
          if (key.startsWith('on')) found.push(`${key} on <${name}>`);
          if (URL_ATTRIBUTES.has(key) && ['javascript', 'data', 'vbscript'].includes(scheme(value) ?? '')) {
            found.push(`${key}="${value}" on <${name}>`);
          }
          if (key === 'style' && !inCode) found.push(`style="${value}" on <${name}>`);
          if (key === 'hidden') found.push(`hidden on <${name}>`);
          if (key === 'class' && !inCode) {
            for (const token of value.split(/\s+/).filter(Boolean)) {
              if (!allowedClasses.includes(token) && !/^language-./.test(token)) {
                found.push(`class "${token}" on <${name}>`);
              }
            }
          }
        }
      },
      onclosetag() {
        stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}
