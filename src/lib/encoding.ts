/**
 * Postmortem files are UTF-8. Reading one with `readFile(path, 'utf8')` turns any byte that is not
 * UTF-8 (a file saved as Latin-1, a truncated paste) into U+FFFD without a word, so the page would
 * show "�" where the author wrote "é". Files are decoded strictly instead, and the first bad byte
 * is located so the validator can say where it is.
 */

export interface InvalidUtf8 {
  /** 0-based offset of the first byte that is not UTF-8. */
  readonly offset: number;
  /** 1-based line and column (in characters) of that byte. */
  readonly line: number;
  readonly column: number;
  /** The bad byte, as `0xE9`. */
  readonly byte: string;
}

export type DecodedText = { readonly text: string; readonly invalid?: undefined } | DecodedWithErrors;

export interface DecodedWithErrors {
  /** The text with each bad sequence replaced by U+FFFD, for messages only. */
  readonly text: string;
  readonly invalid: InvalidUtf8;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = [0xef, 0xbf, 0xbd] as const;

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    return { text, invalid: firstInvalidByte(bytes, text) };
  }
}

/**
 * Where the first bad sequence is. Every U+FFFD before it was written as such (as EF BF BD), so the
 * UTF-8 length of the text before a U+FFFD is its byte offset, until the first one that is not.
 */
function firstInvalidByte(bytes: Uint8Array, text: string): InvalidUtf8 {
  const encoder = new TextEncoder();
  for (let index = text.indexOf(REPLACEMENT); index !== -1; index = text.indexOf(REPLACEMENT, index + 1)) {
    const before = text.slice(0, index);
    const offset = encoder.encode(before).length;
    if (ENCODED_REPLACEMENT.every((byte, position) => bytes[offset + position] === byte)) continue;
    const lineStart = before.lastIndexOf('\n') + 1;
    return {
      offset,
      line: before.split('\n').length,
      column: index - lineStart + 1,
      byte: `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`,
    };
  }
  // Only reached if the decoders disagree, which they do not; the whole file is then the place.
  return { offset: 0, line: 1, column: 1, byte: `0x${(bytes[0] ?? 0).toString(16).toUpperCase().padStart(2, '0')}` };
}
