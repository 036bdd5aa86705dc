/**
 * `scanPage` runs htmlparser2's tokenizer without its parser, for speed. This holds it to what the
 * parser reads (the scan as it was written on top of it, kept here as the reference) on every page
 * of the link checker's fixtures and on the corners of HTML where the parser adds something.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { refreshUrl, scanPage, srcsetUrls, urlAttributes } from '../../src/lib/check-links.ts';

/** The scan on htmlparser2's parser, as it was before the tokenizer took over. */
function parserScan(html: string) {
  const ids = new Set<string>();
  const links = new Map<string, string>();
  let baseHref: string | undefined;
  const add = (url: string, where: string) => {
    if (!links.has(url)) links.set(url, where);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes['id']) ids.add(attributes['id']);
        if (name === 'a' && attributes['name']) ids.add(attributes['name']);
        if (name === 'base') {
          if (baseHref === undefined && attributes['href'] !== undefined) baseHref = attributes['href'].trim();
          return;
        }
        if (name === 'meta') {
          const content = attributes['content'];
          if (attributes['http-equiv']?.toLowerCase() === 'refresh' && content !== undefined) {
            const url = refreshUrl(content);
            if (url !== undefined) add(url, 'meta refresh');
          }
          return;
        }
        for (const attribute of urlAttributes.get(name) ?? []) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          const where = `${name} ${attribute}`;
          if (attribute.endsWith('srcset')) for (const url of srcsetUrls(value)) add(url, where);
          else add(value.trim(), where);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { ids, links, baseHref };
}

const corners: Record<string, string> = {
  'upper-case names': '<A HREF="/a/" ID="One" NAME="two">x</A><IMG SRC="/i.png" SrcSet="/i2.png 2x">',
  'repeated attributes': '<a href="/first/" href="/second/" id="a" id="b">x</a>',
  'entities in attributes': '<a href="/a/?x=1&amp;y=2&#x26;z=&quot;q&quot;" id="caf&eacute;">x</a>',
  'legacy and numeric references in attributes, by the attribute rules':
    '<a href="/q/?a=1&copy=2&not;x&amp&lt" id="&#47;&#x2F;&#0;&#xD800;&#128;">x</a><a href=/u/?p=1&amp;q=2 id=&quot;u>y</a>',
  'ampersands in text and in values kept or not':
    '<p>A &amp; B &copy 2023 &#60;a href="/no/"&#62;</p><a class="&x" href="&">z</a>',
  'unquoted and valueless attributes': '<a href=/u/ id=u>x</a><a href>y</a><a id>z</a>',
  'tags inside script, style, title and textarea are text':
    '<script>var s = "<a href=\'/no/\'>";</script><style>a[href="/no2/"]{}</style><title><a href="/no3/"></title><textarea><a href="/no4/"></textarea><a href="/yes/">y</a>',
  'tags inside comments and CDATA are not tags': '<!-- <a href="/no/"> --><![CDATA[<a href="/no2/">]]><a href="/yes/">',
  'svg holds tags in title and style':
    '<svg><title><a href="/in-title/">t</a></title><style><a id="in-style"></a></style><a href="/svg-link/">s</a></svg><a href="/after/">a</a>',
  'math too': '<math><mtext><a href="/mtext/" id="m">x</a></mtext></math><title><a href="/not/"></title>',
  'image is img in HTML': '<image src="/image.png" srcset="/image-2x.png 2x"><svg><image href="/svg-image.png"/></svg>',
  'base and meta refresh':
    '<base href="/docs/"><base href="/second/"><meta http-equiv="Refresh" content="5; URL=/next/"><meta content="0;url=/no/">',
  'every URL attribute':
    '<link rel=stylesheet href=/s.css imagesrcset="/a.png 1x, /b.png 2x"><script src=/x.js></script><video src=/v.mp4 poster=/p.png><source src=/s.webm srcset="/s1.webm, /s2.webm"><track src=/t.vtt></video><audio src=/a.ogg></audio><iframe src=/f/></iframe><embed src=/e.swf><object data=/o.bin></object><input type=image src=/in.png><form action=/go/></form><area href=/area/>',
  'self-closing and void tags': '<br/><img src="/a.png"/><a href="/b/"/><input src="/c.png">',
  'broken markup': '<a href="/x/"<b id="y">text</a><a href="/z/ id=w>unclosed',
  'spaces around urls': '<a href="  /spaced/  ">x</a><img srcset="  /s1.png 1x ,  /s2.png 2x ">',
};

const fixtures = 'tests/fixtures/check-links';

describe('scanPage agrees with the parser', () => {
  it.each(Object.entries(corners))('%s', (_, html) => {
    expect(scanPage(html)).toEqual(parserScan(html));
  });

  it('on every page of the link checker fixtures', () => {
    const pages = readdirSync(fixtures, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && entry.name.endsWith('.html'),
    );
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = readFileSync(join(page.parentPath, page.name), 'utf8');
      expect({ page: page.name, scan: scanPage(html) }).toEqual({ page: page.name, scan: parserScan(html) });
    }
  });
});
