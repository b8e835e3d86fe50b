import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { Llama } from '../model/llama.js';
import { generateJd } from '../generate/generate.js';
import { sftPrompt } from '../sft/template.js';
import { loadBaseModel } from './base-model.js';
import { loadHfModel } from './load-hf.js';
import { saveHfModel } from './save-hf.js';

/**
 * A tiny tokenizer.json in Llama 2's layout: <unk> <s> </s>, the 256 <0xNN> byte pieces, ▁ and letters,
 * a few merges; byte_fallback, Prepend + Replace normalizer, no pre-tokenizer, the Replace / ByteFallback /
 * Fuse / Strip decoder and a template adding <s>.
 */
function llama2StyleTokenizerJson(): Record<string, unknown> {
  const vocab: Record<string, number> = { '<unk>': 0, '<s>': 1, '</s>': 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
  const add = (piece: string): void => {
    if (!(piece in vocab)) vocab[piece] = Object.keys(vocab).length;
  };
  for (const ch of '▁abcdefghijklmnopqrstuvwxyzDP,.') add(ch);
  const merges = ['▁ a', 'e r', '▁ d', 'a t', '▁d at', 'o n', 'P y'];
  for (const m of merges) add(m.replace(' ', ''));
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>')],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
    pre_tokenizer: null,
    post_processor: { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }], pair: [], special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] } } },
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, vocab, merges },
  };
}

let root: string;

describe('a Llama 2-style (SentencePiece BPE) model folder', () => {
  beforeAll(async () => {
    await initBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'girl-sp-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads as a base model: template tokens added, SFT prompt and generation work, and it saves and reloads', async () => {
    const json = llama2StyleTokenizerJson();
    const V = Object.keys((json.model as { vocab: object }).vocab).length;
    const model = Llama.create({ vocabSize: V, contextLength: 64, dModel: 16, nLayer: 1, nHead: 2, nKvHead: 1 }, { seed: 3 });
    const dir = join(root, 'llama2-style');
    await saveHfModel(model, dir);
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json));
    const base = await loadBaseModel(dir, { maxContext: 48 });
    const tok = base.tokenizer;
    expect(tok.data.pieces?.byteFallback).toBe(true);
    expect(base.addedTokens).toEqual(['<|pad|>', '<|bos|>', '<|eos|>', '<|cv|>', '<|jd|>', '<|sep|>']);
    expect(tok.vocabSize).toBe(V + 6);
    const cv = 'data engineer, Python. 数据';
    const cvIds = tok.encode(cv);
    expect(cvIds.slice(0, 2)).toEqual([tok.tokenToId('▁dat'), tok.tokenToId('a')]); // ▁ put in front, then merged
    expect(cvIds).toContain(tok.tokenToId('<0xE6>')); // 数 has no piece: byte fallback
    expect(tok.decode(cvIds)).toBe(cv);
    expect(sftPrompt(tok, cv)).toEqual([tok.bosId, tok.specialId('cv'), ...cvIds, tok.specialId('sep'), tok.specialId('jd')]);
    const out = generateJd(base.model, tok, [cv], { maxNewTokens: 4, stopAtEos: false });
    expect(out.tokens[0]).toHaveLength(4);
    // saved with its tokenizer: tokenizer.girl.json (read first) and tokenizer.json both give the same ids
    const saved = join(root, 'saved');
    await saveHfModel(base.model, saved, { tokenizer: tok });
    const again = await loadHfModel(saved);
    expect(again.tokenizer!.encode(cv)).toEqual(cvIds);
    expect(again.tokenizer!.specialId('<|jd|>')).toBe(tok.specialId('<|jd|>'));
    expect(Tokenizer.fromHuggingFace(JSON.parse(readFileSync(join(saved, 'tokenizer.json'), 'utf8'))).encode(cv)).toEqual(cvIds);
    again.model.dispose();
    base.model.dispose();
    model.dispose();
  });
});
