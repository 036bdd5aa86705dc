import { describe, expect, it } from 'vitest';
import { keyText, pageKey } from '../../src/lib/page-key.ts';

describe('page keys', () => {
  it('are equal for equal data, however it was made', () => {
    const a = { id: '001-x', data: { title: 'T', tags: ['a', 'b'] }, labels: new Map([['002-y', '002 · Y']]) };
    const b = structuredClone(a);
    expect(pageKey(a, 'postmortem')).toBe(pageKey(b, 'postmortem'));
    expect(pageKey(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differ when anything differs, inside Maps and Sets too', () => {
    const base = { title: 'T', labels: new Map([['002-y', '002 · Y']]), ids: new Set(['a']) };
    const keys = [
      pageKey(base),
      pageKey({ ...base, title: 'U' }),
      pageKey({ ...base, labels: new Map([['002-y', '002 · Y, retitled']]) }),
      pageKey({ ...base, labels: new Map() }),
      pageKey({ ...base, ids: new Set(['b']) }),
      pageKey({ ...base, ids: new Set() }),
      pageKey(base, 'timeline'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tell a Map from an object and a Set from an array', () => {
    expect(keyText(new Map([['a', 1]]))).not.toBe(keyText([['a', 1]]));
    expect(keyText(new Set(['a']))).not.toBe(keyText(['a']));
    expect(keyText({ at: new Date('2024-01-02T03:04:05Z') })).toBe('{"at":"2024-01-02T03:04:05.000Z"}');
  });

  it('refuse a function, which is no data', () => {
    expect(() => pageKey({ render: () => '' })).toThrow('A page key cannot hold a function (at "render"): only data.');
  });

  it('give plain data as JSON gives it, and the same text however deep the data', () => {
    const plain = { id: '001-x', n: [1, -0, Number.NaN], none: null, gone: undefined, list: [undefined, 'a<b'] };
    expect(keyText(plain)).toBe(JSON.stringify(plain));
    expect(keyText(Object.assign(Object.create(null) as object, { a: 1 }))).toBe('{"a":1}');
    let deep: unknown = 'bottom';
    for (let level = 0; level < 150; level += 1) deep = [deep];
    expect(keyText(deep)).toBe(JSON.stringify(deep));
    expect(keyText([[deep, new Set(['a'])]])).toBe(`[[${JSON.stringify(deep)},{"(Set)":["a"]}]]`);
  });

  it('find a Map, a function or a cycle wherever it is', () => {
    expect(keyText({ a: [{ b: new Map([['c', 1]]) }] })).toBe('{"a":[{"b":{"(Map)":[["c",1]]}}]}');
    expect(() => keyText({ a: [{ b: [() => ''] }] })).toThrow('A page key cannot hold a function (at "0"): only data.');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(() => keyText(cyclic)).toThrow(/circular/);
  });

  it('leave out undefined fields, as the page cannot show them', () => {
    expect(pageKey({ a: 1, b: undefined })).toBe(pageKey({ a: 1 }));
  });
});
