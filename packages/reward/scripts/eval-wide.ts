/**
 * The wide head alone, per kind of features (`tfidf`, `screen`): fitted by `fitLexicalHead` (non-negative
 * weights, as the trainer's warm start does) on training pairs, scored on held-out pairs, beside TF-IDF
 * cosine. No transformer: this measures what the rules carry before any deep training.
 *
 *   npx tsx scripts/eval-wide.ts                      # synthetic market (seeds 1, 2, 3) and RJDB
 *   RJDB=../../../shared/data/rjdb npx tsx scripts/eval-wide.ts
 *
 * Market: training pairs of a market of 800 people (2,400 pairs, the demo's size), test pairs of another
 * market (seed + 100, 300 people, 1,000 pairs), AUC against the oracle's truth and the noisy labels.
 * RJDB: train.jsonl → test.jsonl, AUC over all labelled pairs and pairwise accuracy (matched vs unmatched CV).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createJobMarket, loadRjdb, rjdbToPairs } from '@girl/data';
import { auc, fitTfidf, pairwiseAccuracy } from '@girl/core';
import type { TfidfModel } from '@girl/core';
import { fitLexicalHead, lexicalFeatures } from '../src/index.js';
import { LEXICAL_SCALE } from '../src/internal.js';
import { machine } from './common.js';

type Pair = { cv: string; jd: string; label: number; truth?: number; kind?: string; group?: string };
const KINDS = ['tfidf', 'screen'] as const;

/** The wide head's score of each test pair after fitting on the training pairs (pointwise + pairwise when given). */
function wideScores(kind: (typeof KINDS)[number], tfidf: TfidfModel, train: readonly Pair[], test: readonly Pair[], comparisons: { chosen: number; rejected: number }[]) {
  const feats = (p: Pair) => lexicalFeatures(tfidf, p.cv, p.jd, kind).map((x) => x * LEXICAL_SCALE);
  const fit = fitLexicalHead({ features: train.map(feats), rows: train.map((p, i) => ({ row: i, label: p.label, weight: 1 })), comparisons, nonNegative: true });
  const scores = test.map((p) => feats(p).reduce((s, x, f) => s + x * (fit.weights[f] as number), fit.bias));
  return { scores, weights: fit.weights.map((w) => Number(w.toFixed(3))) };
}

const r4 = (x: number) => Number(x.toFixed(4));
console.log(JSON.stringify({ date: new Date().toISOString(), machine: machine() }));

// 1. synthetic market: AUC vs truth and vs labels, and vs truth per kind of negative
for (const seed of [1, 2, 3]) {
  const train = createJobMarket({ seed, people: 800, pairs: 2400 }).pairs;
  const test = createJobMarket({ seed: seed + 100, people: 300, pairs: 1000 }).pairs;
  const tfidf = fitTfidf(train.flatMap((p) => [p.cv, p.jd]));
  const truth = test.map((p) => p.truth);
  const out: Record<string, unknown> = { data: 'market', seed, tfidfCosine: r4(auc(test.map((p) => tfidf.cosine(p.cv, p.jd)), truth)) };
  for (const kind of KINDS) {
    const { scores, weights } = wideScores(kind, tfidf, train, test, []);
    const byKind: Record<string, number> = {};
    for (const k of ['hard-negative-seniority', 'hard-negative-skills', 'random-negative']) {
      const idx = test.flatMap((p, i) => (p.truth === 1 || p.kind === k ? [i] : []));
      byKind[k] = r4(auc(idx.map((i) => scores[i] as number), idx.map((i) => truth[i] as number)));
    }
    out[kind] = { aucTruth: r4(auc(scores, truth)), aucLabels: r4(auc(scores, test.map((p) => p.label))), byNegative: byKind, weights };
  }
  console.log(JSON.stringify(out));
}

// 2. RJDB: train file → test file
const dir = process.env.RJDB ?? join(import.meta.dirname, '../../../../shared/data/rjdb');
if (!existsSync(join(dir, 'train.jsonl'))) {
  console.log(JSON.stringify({ data: 'rjdb', skipped: `no ${join(dir, 'train.jsonl')} (set RJDB=<folder>)` }));
} else {
  const train = rjdbToPairs(await loadRjdb(join(dir, 'train.jsonl')));
  const test = rjdbToPairs(await loadRjdb(join(dir, 'test.jsonl')));
  const tfidf = fitTfidf(train.flatMap((p) => [p.cv, p.jd]));
  const labels = test.map((p) => p.label);
  // rows come in (matched, unmatched) couples with the same JD
  const couples = (n: number) => Array.from({ length: n / 2 }, (_, k) => ({ chosen: 2 * k, rejected: 2 * k + 1 }));
  const groups = test.map((p) => p.group ?? p.jd);
  const pairwise = (s: number[]) => pairwiseAccuracy(s, labels, groups);
  const cos = test.map((p) => tfidf.cosine(p.cv, p.jd));
  const out: Record<string, unknown> = { data: 'rjdb', trainPairs: train.length, testPairs: test.length, tfidfCosine: { auc: r4(auc(cos, labels)), pairwise: r4(pairwise(cos)) } };
  for (const kind of KINDS) {
    const { scores, weights } = wideScores(kind, tfidf, train, test, couples(train.length));
    out[kind] = { auc: r4(auc(scores, labels)), pairwise: r4(pairwise(scores)), weights };
  }
  console.log(JSON.stringify(out));
}
