import { describe, expect, it } from 'vitest';
import { StreamDecoder } from './stream-decoder.js';
import { Tokenizer } from './tokenizer.js';

describe('StreamDecoder', () => {
  // A byte-only vocabulary forces every multi-byte character to span several ids.
  const tok = Tokenizer.train([], { vocabSize: 262 });

  it('never emits half a character and emits everything in the end', () => {
    const text = 'Hi 数据 🚀 done \uD800!';
    const ids = tok.encode(text);
    const stream = new StreamDecoder(tok);
    const pieces = ids.map((id) => stream.push([id]));
    pieces.push(stream.flush());
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(p).not.toContain('\uFFFD');
    expect(pieces.filter((p) => p === '').length).toBeGreaterThan(3); // held back while incomplete
  });

  it('flushes an incomplete character as U+FFFD', () => {
    const stream = new StreamDecoder(tok);
    const ids = tok.encode('数');
    expect(stream.push(ids.slice(0, 2))).toBe('');
    expect(stream.flush()).toBe('\uFFFD');
  });

  it('can skip special tokens', () => {
    const stream = new StreamDecoder(tok, { skipSpecial: true });
    expect(stream.push([tok.bosId!, ...tok.encode('ok'), tok.eosId!])).toBe('ok');
  });
});
