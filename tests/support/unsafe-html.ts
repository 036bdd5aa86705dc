/**
 * Finds what rendered Markdown must never contain, by parsing the HTML (htmlparser2) rather than
 * matching strings, so `<ScRiPt>`, entity-encoded schemes and attributes without quotes are seen
 * as a browser sees them. Used by the sanitiser's unit tests and by the build-level test.
 */
import { Parser } from 'htmlparser2';

/** Elements that run code, embed another document or change how the page loads. */
const EMBEDDING = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base'];
/** Elements rendered Markdown has no business with, though a page's head has them. */
const FORBIDDEN_IN_CONTENT = new Set([...EMBEDDING, 'meta', 'link', 'style', 'form', 'svg', 'math']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'cite', 'longdesc', 'poster', 'data']);
const SCRIPT_SCHEMES = ['javascript', 'data', 'vbscript'];

/** What a browser would take as the URL's scheme: control characters and whitespace are ignored. */
function scheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase();
}

/** Event handlers and script URLs on one element, described in words. */
function scriptingAttributes(name: string, attributes: Record<string, string>): string[] {
  return Object.entries(attributes).flatMap(([key, value]) => [
    ...(key.startsWith('on') ? [`${key} on <${name}>`] : []),
    ...(URL_ATTRIBUTES.has(key) && SCRIPT_SCHEMES.includes(scheme(value) ?? '')
      ? [`${key}="${value}" on <${name}>`]
      : []),
  ]);
}

export interface UnsafeOptions {
  /** Classes the pipeline writes (besides `language-*`); any other is reported. */
  allowedClasses?: readonly string[];
  /** Check only inside the elements this accepts (for a whole page: its rendered Markdown). */
  within?: (name: string, attributes: Record<string, string>) => boolean;
}

/**
 * Every unsafe element and attribute of rendered Markdown in `html`, described in words (empty
 * when it is safe). `style` is allowed only inside a syntax-highlighted code block
 * (`<pre class="astro-code">`), whose styles our pipeline writes.
 */
export function unsafeParts(html: string, options: UnsafeOptions = {}): string[] {
  const { allowedClasses = [], within } = options;
  const found: string[] = [];
  const stack: { checked: boolean; inCode: boolean }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const parent = stack.at(-1);
        const checked = parent?.checked === true || (within ? within(name, attributes) : true);
        const inCode =
          parent?.inCode === true || (checked && name === 'pre' && /\bastro-code\b/.test(attributes['class'] ?? ''));
        stack.push({ checked, inCode });
        if (!checked || (within && parent?.checked !== true)) return;
        if (FORBIDDEN_IN_CONTENT.has(name)) found.push(`<${name}>`);
        found.push(...scriptingAttributes(name, attributes));
        for (const [key, value] of Object.entries(attributes)) {
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

export interface PageScripting {
  /** Event handlers, script URLs and embedding elements other than `<script>`, anywhere in the page. */
  readonly problems: readonly string[];
  /** Each `<script>`: its `src`, or its inline text. */
  readonly scripts: readonly string[];
}

/** What in a whole built page could run code. */
export function pageScripting(html: string): PageScripting {
  const problems: string[] = [];
  const scripts: string[] = [];
  let inScript: { text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        problems.push(...scriptingAttributes(name, attributes));
        if (name === 'script') {
          inScript = { text: attributes['src'] ?? '' };
          scripts.push('');
        } else if (EMBEDDING.includes(name)) problems.push(`<${name}>`);
      },
      ontext(text) {
        if (inScript) inScript.text += text;
      },
      onclosetag(name) {
        if (name === 'script' && inScript) {
          scripts[scripts.length - 1] = inScript.text;
          inScript = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { problems, scripts };
}

/** The decoded text and attributes of every `tag` element in `html`, in order. */
export function elementsNamed(html: string, tag: string): { text: string; attributes: Record<string, string> }[] {
  const found: { text: string; attributes: Record<string, string> }[] = [];
  let open: { text: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== tag) return;
        const element = { text: '', attributes };
        found.push(element);
        open.push(element);
      },
      ontext(text) {
        for (const element of open) element.text += text;
      },
      onclosetag(name) {
        if (name === tag) open = open.slice(0, -1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}
