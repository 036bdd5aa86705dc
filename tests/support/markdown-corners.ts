/**
 * Corners of CommonMark and GFM where two Markdown parsers could read a body differently: the
 * outline parity test (tests/unit/body-parity.test.ts) and the render parity test
 * (tests/unit/render-parity.test.ts) hold Sätteri's parser to micromark's on each.
 */
export const corners: Record<string, string> = {
  'setext headings': 'Title\n=====\n\nSub *title*\n---\n\nText\n',
  'headings in lists and quotes': '- ## In a list\n\n> ### In a quote\n>\n> [quoted](./001-a.md)\n',
  'closing hashes and escapes': '## Cause ##\n\n## \\# not a hash\n\n## A \\*star\\*\n',
  'inline code, emphasis and entities in headings':
    '## The `etcd` lease &amp; *its* **renewal**\n\n## Caf&eacute; &#35;1\n',
  'links and images in headings': '## See [the runbook](./002-b.md#x) ![alt text](./img.png)\n',
  'duplicate and empty headings': '## Cause\n\n## Cause\n\n##\n\n## Cause 1\n\n## Cause\n',
  'punctuation and unicode in headings': '## What went wrong? (part 1/2)\n\n## Éditions — 2024\n\n## 日本語の見出し\n',
  'code is not an outline': '```\n## not a heading\n[not](./x.md)\n```\n\n~~~md\n# nor this\n~~~\n\n    ## indented\n',
  'html blocks':
    '<div>\n\n## Inside html\n\n</div>\n\n<!-- [hidden](./h.md) -->\n\n<details><summary>x</summary>\n\n[shown](./s.md)\n\n</details>\n',
  'reference links and definitions':
    '[one][a], [two][], [three]\n\n[a]: ./001-a.md "Title"\n[two]: <./002 b.md>\n[three]:\n  ./003-c.md#cause\n',
  autolinks: '<https://example.com/x> and <mail@example.com>\n',
  'autolink literals': 'See www.example.com/a, https://example.com/b. and ops@example.com\n',
  'nested brackets and titles':
    '[a [nested] text](./001-a.md#cause "t") and [b](<./002-b.md> \'t\') and [c](./003-c.md (t))\n',
  'escaped and broken links': '\\[not](./x.md) and [not (./y.md) and [ok](./z.md\n',
  'tables with links and pipes': '| a | b |\n|---|:-:|\n| [x](./001-a.md) | `a \\| b` |\n| [y](./002-b.md#c) |\n',
  footnotes: 'Text[^1] and more[^note].\n\n[^1]: The [first](./001-a.md) note.\n[^note]: Second.\n',
  'task lists and strikethrough': '- [x] ~~done~~ [link](./001-a.md)\n- [ ] todo\n  - [ ] nested [deep](./002-b.md)\n',
  'TODO paragraphs':
    '## Summary\n\nTODO: write it\n\n- TODO: in a list\n\n> TODO: in a quote\n\n```\nTODO: in code\n```\n',
  'summary across lines': 'Intro\n\n## Summary\n\nFirst  line\nsecond *line* with `code`.\n\n## Cause\n',
  'crlf line endings': '## Summary\r\n\r\nText [a](./001-a.md)\r\n\r\n## Cause\r\n\r\n- [b](./002-b.md)\r\n',
  'tabs and deep indentation': '-\tItem [a](./001-a.md)\n\n  1. sub [b](./002-b.md)\n\n     ### Deep heading\n',
  'hard breaks and trailing spaces': '## Summary  \n\nLine one  \nline two\\\nline three [x](./x.md)\n',
  'images and links in image alt': '![a [b](./001-a.md) c](./img.png)\n\n[![badge](./b.png)](./002-b.md)\n',
};
