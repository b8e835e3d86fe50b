/** Shared helpers of the evaluation scripts (not part of the package). */
import { cpus, loadavg } from 'node:os';
import { Tokenizer } from '@girl/tokenizer';
import { auc, pairwiseAccuracy } from '@girl/core';
import { RewardModel, lexicalFeatures } from '../src/index.js';
import { LEXICAL_FEATURE_COUNT, LEXICAL_SCALE } from '../src/internal.js';
import type { LexicalFit, RewardTrainerEvents } from '../src/index.js';

/** A number from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}=${v} is not a number.`);
  return n;
}

/** A string from the environment, or the default. */
export function envString<T extends string>(name: string, fallback: T): T {
  return ((process.env[name] ?? '') || fallback) as T;
}

/** The machine the figures were taken on. */
export function machine(): Record<string, unknown> {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, loadavg: loadavg().map((x) => Number(x.toFixed(2))) };
}

/** Progress lines on stderr (stdout keeps the report). */
export function progress(t0: number): RewardTrainerEvents {
  return {
    onStep: (e) => {
      if (e.step % 25 === 0) process.stderr.write(`step ${e.step} loss ${e.loss.toFixed(4)} batch-pairwise ${e.batchPairwiseAccuracy.toFixed(2)} lr ${e.lr.toExponential(2)} ${((performance.now() - t0) / 1000).toFixed(0)}s\n`);
    },
    onEval: (e) => process.stderr.write(`eval @${e.step}: auc ${e.metrics.auc.toFixed(4)} pairwise ${e.metrics.pairwiseAccuracy.toFixed(4)}${e.best ? ' (best)' : ''}\n`),
  };
}

/** Test metrics of the lexical head's warm-start fit alone (score = 10 · w·x + b), or null without one. */
export function wideOnly(model: RewardModel, fit: LexicalFit | undefined, rows: readonly { cv: string; jd: string; label: number; group?: string | number }[]): { auc: number; pairwiseAccuracy: number } | null {
  if (!fit || !model.tfidf) return null;
  const tfidf = model.tfidf;
  const scores = rows.map((r) => {
    const x = lexicalFeatures(tfidf, r.cv, r.jd);
    let z = fit.bias;
    for (let f = 0; f < LEXICAL_FEATURE_COUNT; f++) z += LEXICAL_SCALE * (fit.weights[f] as number) * (x[f] as number);
    return z;
  });
  const labels = rows.map((r) => r.label);
  return { auc: Number(auc(scores, labels).toFixed(4)), pairwiseAccuracy: Number(pairwiseAccuracy(scores, labels, rows.map((r, i) => String(r.group ?? i))).toFixed(4)) };
}

/**
 * The model both scripts train: a fresh tokenizer + backbone (VOCAB, CTX, D, LAYERS), or (SFT=<checkpoint
 * dir>) the SFT model's, as RLHF reward models start; INTERACTION, POOLING, and LEXICAL=tfidf for the wide
 * head (its IDF fitted on the training texts only).
 */
export async function modelFromEnv(train: readonly { cv: string; jd: string }[], seed: number, defaults: { vocab: number; contextLength: number }): Promise<RewardModel> {
  const texts = train.flatMap((p) => [p.cv, p.jd]);
  const options = { interaction: envString('INTERACTION', 'maxsim'), pooling: envString('POOLING', 'last'), lexical: envString<'none' | 'tfidf'>('LEXICAL', 'none'), lexicalCorpus: texts, seed };
  const sft = process.env.SFT;
  if (sft) return RewardModel.fromSftCheckpoint(sft, options);
  return RewardModel.create({
    ...options,
    tokenizer: Tokenizer.train(texts, { vocabSize: envNumber('VOCAB', defaults.vocab) }),
    backbone: { contextLength: envNumber('CTX', defaults.contextLength), dModel: envNumber('D', 64), nLayer: envNumber('LAYERS', 2), nHead: 4 },
  });
}
