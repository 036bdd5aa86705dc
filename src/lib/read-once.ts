/**
 * A page's bytes read once, for Astro's prerenderer (src/prerender-once.ts).
 *
 * With the incremental build on, Astro reads each rendered page's `Response` into an `ArrayBuffer`,
 * makes a new `Response` of it and reads that again as it writes the file (`renderForPrerender`,
 * then `generatePath`). Each read gathers the body's pieces, joins them and copies the joined bytes
 * into the buffer it returns, and the new `Response` takes a copy of its own: measured on its own,
 * five copies of the page at once outside V8's heap, kept until the next full collection. At
 * 10,000 postmortems `/postmortems.json` is 86 MB, and its copies added 0.45 to 0.5 GB at once.
 *
 * `readOnce` gathers the pieces and joins them into one `ArrayBuffer` of the body's exact length;
 * the `Response` it returns hands that same buffer to whoever asks for its `arrayBuffer()`, and
 * streams it, uncopied, to whoever reads its `body`: two copies at the most, the pieces and the
 * joined bytes, and the pieces are garbage once they are joined.
 */

/** Statuses whose response has no body: the list Astro's own prerenderer uses. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A `Response` over bytes already read: `arrayBuffer()` returns them without copying. */
export class ReadResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit) {
    // A stream, not the bytes: undici copies a buffer it is given as a body.
    super(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      init,
    );
    this.#bytes = bytes;
  }

  /** The body's bytes, as they were read: the same buffer at every call. */
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.buffer);
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(this.#bytes);
  }
}

/** Joins `pieces` into one `Uint8Array` whose buffer is exactly `length` bytes. */
export function joinPieces(pieces: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.byteLength;
  }
  return joined;
}

/**
 * Reads `response`'s body to its end and returns a response with the same status and headers that
 * holds it (`ReadResponse`), or with no body when it has none or its status allows none, as Astro's
 * own prerenderer does.
 */
export async function readOnce(response: Response): Promise<Response> {
  const init: ResponseInit = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (response.body === null) return new Response(null, init);
  const pieces: Uint8Array[] = [];
  let length = 0;
  for await (const piece of response.body) {
    if (!(piece instanceof Uint8Array))
      throw new TypeError(
        `A page's body gave a piece that is not bytes (${typeof piece}); expected Uint8Array pieces.`,
      );
    pieces.push(piece);
    length += piece.byteLength;
  }
  if (NULL_BODY_STATUSES.has(response.status)) return new Response(null, init);
  return new ReadResponse(joinPieces(pieces, length), init);
}
