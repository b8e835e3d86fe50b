/**
 * WTF-8: UTF-8 extended so that every JavaScript string, lone surrogates included, has a byte form.
 *
 * Well-formed text encodes to exactly its UTF-8 bytes. A lone surrogate (U+D800–U+DFFF with no partner)
 * encodes to the three bytes UTF-8's pattern would give it (`ED A0 80`–`ED BF BF`), which strict UTF-8
 * decoders reject but {@link decodeWtf8} turns back into the same code unit. So
 * `decodeWtf8(encodeWtf8(s)) === s` for every string `s`.
 *
 * @example
 * ```ts
 * encodeWtf8('é');        // Uint8Array [0xc3, 0xa9]
 * encodeWtf8('\uD800');   // Uint8Array [0xed, 0xa0, 0x80]
 * decodeWtf8(encodeWtf8('a\uD800b')) === 'a\uD800b'; // true
 * ```
 * @module
 */

/** Upper bound on the bytes a string of `length` code units encodes to (3 per unit). */
export function maxWtf8Length(length: number): number {
  return length * 3;
}

/**
 * Writes the WTF-8 bytes of `text` into `out` from offset 0 and returns how many were written.
 * `out` must hold at least {@link maxWtf8Length}(text.length) bytes.
 */
export function encodeWtf8Into(text: string, out: Uint8Array): number {
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 0x3f);
          out[n++] = 0x80 | ((c >> 6) & 0x3f);
          out[n++] = 0x80 | (c & 0x3f);
          continue;
        }
      }
      // Any other BMP unit, lone surrogates included: the three-byte pattern.
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

/**
 * Encodes `text` as WTF-8 bytes (UTF-8 for well-formed text).
 *
 * @example
 * ```ts
 * encodeWtf8('hi'); // Uint8Array [104, 105]
 * ```
 */
export function encodeWtf8(text: string): Uint8Array {
  const buf = new Uint8Array(maxWtf8Length(text.length));
  return buf.slice(0, encodeWtf8Into(text, buf));
}

const REPLACEMENT = 0xfffd;
let utf8Decoder: { decode(input: Uint8Array): string } | undefined;

/** True if `bytes[start..end)` holds `ED A0..BF`, the start of an encoded surrogate. */
function hasEncodedSurrogate(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = bytes.indexOf(0xed, start); i >= 0 && i < end - 1; i = bytes.indexOf(0xed, i + 1)) {
    if (bytes[i + 1]! >= 0xa0 && bytes[i + 1]! <= 0xbf) return true;
  }
  return false;
}

/**
 * Decodes WTF-8 (or UTF-8) bytes to a string. Encoded surrogates become the same UTF-16 code units;
 * bytes that form no valid sequence become U+FFFD, one per maximal invalid subpart, as `TextDecoder` does.
 *
 * @example
 * ```ts
 * decodeWtf8(new Uint8Array([0xe4, 0xb8, 0xad])); // '中'
 * decodeWtf8(new Uint8Array([0xe4, 0xb8]));       // '\uFFFD' (truncated sequence)
 * ```
 */
export function decodeWtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start >= 32 && !hasEncodedSurrogate(bytes, start, end)) {
    // Plain UTF-8: the native decoder gives the same result (U+FFFD rules included), faster.
    utf8Decoder ??= new TextDecoder();
    return utf8Decoder.decode(bytes.subarray(start, end));
  }
  const units: number[] = [];
  let out = '';
  let i = start;
  while (i < end) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      units.push(b0);
      i++;
    } else {
      let need = 0;
      let cp = 0;
      let lo = 0x80;
      let hi = 0xbf;
      if (b0 >= 0xc2 && b0 <= 0xdf) {
        need = 1;
        cp = b0 & 0x1f;
      } else if (b0 >= 0xe0 && b0 <= 0xef) {
        need = 2;
        cp = b0 & 0x0f;
        if (b0 === 0xe0) lo = 0xa0; // no overlong forms; 0xED may carry surrogates (WTF-8)
      } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 === 0xf0) lo = 0x90;
        else if (b0 === 0xf4) hi = 0x8f;
      } else {
        units.push(REPLACEMENT);
        i++;
        continue;
      }
      let j = i + 1;
      let ok = true;
      for (let k = 0; k < need; k++, j++) {
        const b = j < end ? bytes[j]! : -1;
        if (b < lo || b > hi) {
          ok = false;
          break;
        }
        lo = 0x80;
        hi = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
      }
      if (!ok) {
        units.push(REPLACEMENT);
        i = j; // skip the maximal valid prefix, as the WHATWG decoder does
        continue;
      }
      i = j;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, units);
}
