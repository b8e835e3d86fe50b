import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpeModel } from './bpe-model.js';
import { TokenizerError } from './errors.js';

const bytes = (): Uint8Array[] => Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));

/** A random but valid merge list over a small alphabet: each merge joins two existing tokens. */
function randomModel(seed: number, numMerges: number): { tokens: Uint8Array[]; merges: Int32Array } {
  let s = seed;
  const rand = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  const tokens = bytes();
  const usable = [97, 98, 99, 100]; // a b c d
  const seen = new Set<string>();
  const merges: number[] = [];
  for (let k = 0; k < numMerges; k++) {
    const a = usable[rand(usable.length)]!;
    const b = usable[rand(usable.length)]!;
    if (seen.has(`${a},${b}`)) continue;
    seen.add(`${a},${b}`);
    const t = new Uint8Array(tokens[a]!.length + tokens[b]!.length);
    t.set(tokens[a]!);
    t.set(tokens[b]!, tokens[a]!.length);
    merges.push(a, b, tokens.length);
    usable.push(tokens.length);
    tokens.push(t);
  }
  return { tokens, merges: Int32Array.from(merges) };
}

/** Textbook BPE: repeatedly merge the lowest-ranked pair, leftmost first. */
function referenceEncode(model: { tokens: Uint8Array[]; merges: Int32Array }, input: Uint8Array): number[] {
  const rank = new Map<string, [number, number]>();
  for (let k = model.merges.length / 3 - 1; k >= 0; k--) rank.set(`${model.merges[3 * k]},${model.merges[3 * k + 1]}`, [k, model.merges[3 * k + 2]!]);
  const ids = Array.from(input);
  for (;;) {
    let best: [number, number] | undefined;
    let at = -1;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(`${ids[i]},${ids[i + 1]}`);
      if (r && (!best || r[0] < best[0])) {
        best = r;
        at = i;
      }
    }
    if (!best) return ids;
    ids.splice(at, 2, best[1]);
  }
}

describe('BpeModel.encodeBytes', () => {
  it('applies merges by rank (worked example)', () => {
    // merges: (a, b) -> 256, (256, c) -> 257; "abcab" -> [257, 256]
    const tokens = [...bytes(), Uint8Array.of(97, 98), Uint8Array.of(97, 98, 99)];
    const model = new BpeModel(tokens, Int32Array.of(97, 98, 256, 256, 99, 257));
    const out: number[] = [];
    model.encodeBytes(Uint8Array.of(97, 98, 99, 97, 98), 5, out);
    expect(out).toEqual([257, 256]);
  });

  it('matches textbook BPE on short and long inputs (both merge loops)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.constantFrom(97, 98, 99, 100, 101), { minLength: 1, maxLength: 300 }), (seed, input) => {
        const spec = randomModel(seed, 60);
        const model = new BpeModel(spec.tokens, spec.merges);
        const out: number[] = [];
        const buf = Uint8Array.from(input);
        model.encodeBytes(buf, buf.length, out);
        expect(out).toEqual(referenceEncode(spec, buf));
        // Decoding the ids gives back the input bytes.
        expect(out.flatMap((id) => Array.from(spec.tokens[id]!))).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the whole chunk when ignoreMerges is set and the chunk is a token', () => {
    // "abc" is a token, but the merges would give (a, bc) ... ranks chosen so BPE never reaches it.
    const tokens = [...bytes(), Uint8Array.of(98, 99), Uint8Array.of(97, 98, 99)];
    const merges = Int32Array.of(98, 99, 256);
    const plain: number[] = [];
    new BpeModel(tokens, merges).encodeBytes(Uint8Array.of(97, 98, 99), 3, plain);
    expect(plain).toEqual([97, 256]);
    const whole: number[] = [];
    new BpeModel(tokens, merges, { ignoreMerges: true }).encodeBytes(Uint8Array.of(97, 98, 99), 3, whole);
    expect(whole).toEqual([257]);
  });

  it('rejects vocabularies that miss a byte or merges outside the vocabulary', () => {
    expect(() => new BpeModel(bytes().slice(0, 255), new Int32Array(0))).toThrow(/no token for byte 0xff/);
    expect(() => new BpeModel(bytes(), Int32Array.of(1, 2, 999))).toThrow(TokenizerError);
  });
});

describe('BpeModel.encodeIds', () => {
  it('merges any starting ids like textbook BPE, short and long, leaving its input alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.constantFrom(97, 98, 99, 100, 101), { minLength: 0, maxLength: 300 }), (seed, input) => {
        const spec = randomModel(seed, 60);
        const model = new BpeModel(spec.tokens, spec.merges);
        const start = input.slice();
        const out: number[] = [];
        model.encodeIds(start, start.length, out);
        expect(out).toEqual(referenceEncode(spec, Uint8Array.from(input)));
        expect(start).toEqual(input);
      }),
      { numRuns: 200 },
    );
  });

  it('needs no byte tokens when byteLevel is false (SentencePiece-style vocabularies)', () => {
    // ids 0..2 are pieces 'a', 'b', 'ab'
    const tokens = [Uint8Array.of(97), Uint8Array.of(98), Uint8Array.of(97, 98)];
    expect(() => new BpeModel(tokens, Int32Array.of(0, 1, 2))).toThrow(/no token for byte 0x00/);
    const model = new BpeModel(tokens, Int32Array.of(0, 1, 2), { byteLevel: false });
    const out: number[] = [];
    model.encodeIds([0, 1, 1, 0, 1], 5, out);
    expect(out).toEqual([2, 1, 2]);
  });
});
