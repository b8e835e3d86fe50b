/**
 * Incremental decoding for streamed generation: feed ids as they arrive, get back only text that is
 * complete. A multi-byte character split across tokens is held until its last byte arrives.
 *
 * @example
 * ```ts
 * const stream = new StreamDecoder(tok);
 * for (const id of generatedIds) process.stdout.write(stream.push([id]));
 * process.stdout.write(stream.flush());
 * ```
 * @module
 */

import { decodeWtf8 } from './wtf8.js';

/** What {@link StreamDecoder} needs from a tokenizer. */
export interface BytesDecoder {
  decodeBytes(ids: ArrayLike<number>, options?: { skipSpecial?: boolean }): Uint8Array;
  /**
   * Whole-sequence decoding. When given, the stream's first text is checked against it: SentencePiece-style
   * decoders (Llama 2, Mistral) drop the space in front of the first piece, which the bytes still hold.
   */
  decode?(ids: ArrayLike<number>, options?: { skipSpecial?: boolean }): string;
}

/** Length a UTF-8 sequence starting with `b` should have (1 for invalid leads, decoded as U+FFFD). */
function sequenceLength(b: number): number {
  if (b >= 0xf0 && b <= 0xf4) return 4;
  if (b >= 0xe0) return b <= 0xef ? 3 : 1;
  if (b >= 0xc2) return 2;
  return 1;
}

/**
 * Decodes a stream of ids into text chunks that never end in half a character.
 *
 * @example
 * ```ts
 * const s = new StreamDecoder(tok);
 * s.push(tok.encode('数').slice(0, 1)); // '' (waiting for the rest of the character)
 * ```
 */
export class StreamDecoder {
  private pending = new Uint8Array(0);
  /** Ids pushed before the first text came out (to decode them whole once); null afterwards. */
  private head: number[] | null = [];

  constructor(
    private readonly tokenizer: BytesDecoder,
    private readonly options: { skipSpecial?: boolean } = {},
  ) {}

  /** Adds ids and returns the text completed by them (possibly ''). */
  push(ids: ArrayLike<number>): string {
    const bytes = this.tokenizer.decodeBytes(ids, this.options);
    const all = new Uint8Array(this.pending.length + bytes.length);
    all.set(this.pending);
    all.set(bytes, this.pending.length);
    // Hold back a trailing incomplete sequence (at most 3 bytes).
    let cut = all.length;
    for (let back = 1; back <= 3 && all.length - back >= 0; back++) {
      const b = all[all.length - back]!;
      if (b >= 0x80 && b < 0xc0) continue; // continuation byte: keep looking for the lead
      if (sequenceLength(b) > back) cut = all.length - back;
      break;
    }
    this.pending = all.slice(cut);
    return this.startOf(decodeWtf8(all, 0, cut), ids);
  }

  /** Returns whatever is held back (an incomplete character becomes U+FFFD) and resets. */
  flush(): string {
    const text = this.startOf(decodeWtf8(this.pending), []);
    this.pending = new Uint8Array(0);
    this.head = [];
    return text;
  }

  /**
   * The first text of the stream as whole-sequence decoding writes it: one leading space dropped where
   * `decode` drops it (the piece bytes keep it). Later text passes through.
   */
  private startOf(text: string, ids: ArrayLike<number>): string {
    if (this.head === null) return text;
    for (let i = 0; i < ids.length; i++) this.head.push(ids[i] as number);
    if (text === '') return text;
    const whole = this.tokenizer.decode?.(this.head, this.options);
    this.head = null;
    const dropped = whole !== undefined && text.startsWith(' ') && !whole.startsWith(text) && whole.startsWith(text.slice(1));
    return dropped ? text.slice(1) : text;
  }
}
