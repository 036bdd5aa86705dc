import type { AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { getInstalledRenderScope } from 'astro/app';
import { describe, expect, it, vi } from 'vitest';
import { joinPieces, readOnce, ReadResponse } from '../../src/lib/read-once.ts';
import { readingOnce } from '../../src/prerender-once.ts';

const encoder = new TextEncoder();

/** A response whose body arrives in `pieces`, each enqueued as the reader asks for it. */
function piecewise(pieces: readonly Uint8Array[], init: ResponseInit = {}): Response {
  let next = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < pieces.length) controller.enqueue(pieces[next++]!);
        else controller.close();
      },
    }),
    init,
  );
}

/** `text` in pieces of `size` bytes, cutting through multi-byte characters. */
function cut(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.slice(at, at + size));
  return pieces;
}

const PAGE = '<!doctype html><p>Réplica lag — 3 × 10⁴ ms 🔥</p>\n'.repeat(50);

describe('joinPieces', () => {
  it('joins pieces in order into a buffer of exactly their length', () => {
    const joined = joinPieces([Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3)], 3);
    expect([...joined]).toEqual([1, 2, 3]);
    expect(joined.buffer.byteLength).toBe(3);
  });
});

describe('readOnce', () => {
  it('keeps the bytes of a body that arrives in pieces, characters cut across them included', async () => {
    const read = await readOnce(piecewise(cut(PAGE, 7)));
    expect(new TextDecoder().decode(await read.arrayBuffer())).toBe(PAGE);
  });

  it('hands the same buffer, of the body’s exact length, to every arrayBuffer() call', async () => {
    const read = await readOnce(piecewise(cut(PAGE, 100)));
    const first = await read.arrayBuffer();
    expect(first.byteLength).toBe(encoder.encode(PAGE).byteLength);
    expect(await read.arrayBuffer()).toBe(first);
    expect((await read.bytes()).buffer).toBe(first);
  });

  it('streams the same bytes to a reader of its body', async () => {
    const read = await readOnce(piecewise(cut(PAGE, 64)));
    expect(await new Response(read.body).text()).toBe(PAGE);
  });

  it('keeps the status, status text and headers', async () => {
    const read = await readOnce(
      piecewise(cut('{}', 1), {
        status: 203,
        statusText: 'Partial',
        headers: { 'Content-Type': 'application/json', 'X-Custom': 'kept' },
      }),
    );
    expect(read).toBeInstanceOf(ReadResponse);
    expect(read.status).toBe(203);
    expect(read.statusText).toBe('Partial');
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(read.headers.get('x-custom')).toBe('kept');
    expect(await read.text()).toBe('{}');
  });

  it('gives a redirect its location, and an empty body as one', async () => {
    const read = await readOnce(new Response('', { status: 301, headers: { Location: '/postmortems/' } }));
    expect(read.status).toBe(301);
    expect(read.headers.get('location')).toBe('/postmortems/');
    expect(await read.arrayBuffer()).toHaveProperty('byteLength', 0);
  });

  it('gives no body where the response has none, or its status allows none', async () => {
    expect((await readOnce(new Response(null, { status: 200 }))).body).toBeNull();
    const noContent = await readOnce(new Response(null, { status: 204 }));
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBeNull();
  });

  it('refuses a body whose pieces are not bytes, naming what it got', async () => {
    const strings = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue('text');
          controller.close();
        },
      }),
    );
    await expect(readOnce(strings)).rejects.toThrow(/not bytes \(string\); expected Uint8Array/);
  });
});

describe('readingOnce', () => {
  const logger = { warn: vi.fn() } as unknown as AstroIntegrationLogger;

  /** A prerenderer like Astro's: it records an entry as the page's body is read, inside the render scope. */
  function prerenderer(page: string, entry: string): AstroPrerenderer & { calls: unknown[] } {
    const calls: unknown[] = [];
    return {
      name: 'astro:default',
      calls,
      getStaticPaths: () => Promise.resolve([]),
      render(_request, options) {
        calls.push(options);
        const pieces = cut(page, 16);
        let next = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            getInstalledRenderScope()?.getStore()?.contentEntries?.add(entry);
            if (next < pieces.length) controller.enqueue(pieces[next++]!);
            else controller.close();
          },
        });
        return Promise.resolve({ response: new Response(body, { headers: { 'Content-Type': 'text/html' } }) });
      },
    };
  }

  const request = new Request('https://wiki.example.com/postmortems/');
  const routeData = { route: '/postmortems' } as never;

  it('renders through the prerenderer it wraps, and records what the page read as it is read', async () => {
    const base = prerenderer(PAGE, 'content/postmortems/101-api-outage.md');
    const result = await readingOnce(base, logger).render(request, { routeData, collectMetadata: true });
    expect(base.calls).toEqual([{ routeData }]);
    expect(result).not.toBeInstanceOf(Response);
    const { response, metadata } = result as { response: Response; metadata: { contentEntryKeys: string[] } };
    expect(metadata.contentEntryKeys).toEqual(['content/postmortems/101-api-outage.md']);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(PAGE);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('leaves a render that records nothing to the prerenderer it wraps', async () => {
    const base = prerenderer(PAGE, 'content/postmortems/102-dns.md');
    const result = await readingOnce(base, logger).render(request, { routeData });
    expect(base.calls).toEqual([{ routeData }]);
    expect(result).not.toBeInstanceOf(ReadResponse);
  });

  it('keeps the wrapped prerenderer’s other hooks', async () => {
    const base = { ...prerenderer(PAGE, 'x'), setup: vi.fn(() => Promise.resolve()) };
    const wrapped = readingOnce(base, logger);
    expect(wrapped.name).toBe('hindsight:read-once');
    await wrapped.setup?.();
    expect(base.setup).toHaveBeenCalledOnce();
    await expect(wrapped.getStaticPaths()).resolves.toEqual([]);
  });

  it('tells its observers the paths, and each render as it starts and with the bytes it read', async () => {
    const events: string[] = [];
    const paths = [{ pathname: '/postmortems/', route: routeData }];
    const base = { ...prerenderer(PAGE, 'y'), getStaticPaths: () => Promise.resolve(paths) };
    const wrapped = readingOnce(base, logger, [
      {
        paths: (given) => events.push(`paths ${given.length}`),
        rendering: (given) => events.push(`rendering ${new URL(given.url).pathname}`),
        rendered: (_given, _route, bytes) => events.push(`rendered ${bytes && new TextDecoder().decode(bytes)}`),
      },
      {},
    ]);
    await expect(wrapped.getStaticPaths()).resolves.toBe(paths);
    await wrapped.render(request, { routeData, collectMetadata: true });
    // A render that records nothing is not read here: its observers get no bytes.
    await wrapped.render(request, { routeData });
    expect(events).toEqual([
      'paths 1',
      'rendering /postmortems/',
      `rendered ${PAGE}`,
      'rendering /postmortems/',
      'rendered undefined',
    ]);
  });
});
