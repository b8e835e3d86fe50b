/**
 * The reward model's head: a scalar read of one pooled hidden state (`score.weight` [C, 1], `score.bias`
 * [1]), plus the optional lexical ("wide") part and the optional MaxSim term (see `maxsim.ts`). Creating,
 * checking, listing and freeing its variables, and the forward pass from token ids to logits.
 */
import { tokenEmbeddingOf } from '@girl/generator/internal';
import type { CausalLM } from '@girl/generator';
import { Rng } from '@girl/core';
import { linear, matmul, randomNormalTensor, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import type { TfidfModel } from '@girl/core';
import { poolingWeights } from './encode.js';
import type { RmBatch } from './encode.js';
import { LEXICAL_SCALE, lexicalFeatureCount } from './lexical.js';
import type { LexicalKind } from './lexical.js';
import { maxSimTerm } from './maxsim.js';
import type { RewardModelSettings } from './settings.js';

/** The scalar head's variables. */
export interface RewardHead {
  /** `[C, 1]` */
  weight: Variable;
  /** `[1]` */
  bias: Variable;
  /** `[1]`, the MaxSim weight α (only with `interaction: 'maxsim'`). */
  interaction?: Variable;
  /** `[C, 1]`, the JD-token importance gate of the MaxSim term (only with `interaction: 'maxsim'`). */
  gate?: Variable;
  /** `[F, 1]`, weights of the lexical features (only with `lexical: 'tfidf'`). */
  lexical?: Variable;
}

let heads = 0;

/** A unique variable-name prefix for one model's head (`rm<N>/`). */
export function headPrefix(): string {
  return `rm${heads++}/`;
}

/**
 * A new head for width `C`: weight N(0, 0.02) from `seed`, bias 0; α = 4 and gate 0 for MaxSim; lexical
 * weights 0 (so a lexical head starts as a no-op and learns its share).
 */
export function createRewardHead(C: number, seed: number, parts: { interaction?: boolean; lexical?: LexicalKind }): RewardHead {
  const p = headPrefix();
  // tidy frees the initial values once the variables hold their data (variables outlive a tidy)
  const made = tf.tidy(() => {
    const head: RewardHead = {
      weight: tf.variable(randomNormalTensor(new Rng(seed).fork('score.weight'), [C, 1], 0.02), true, `${p}score.weight`),
      bias: tf.variable(tf.zeros([1]), true, `${p}score.bias`),
    };
    if (parts.interaction) {
      head.interaction = tf.variable(tf.fill([1], 4), true, `${p}score.interaction`);
      head.gate = tf.variable(tf.zeros([C, 1]), true, `${p}score.gate`);
    }
    const F = lexicalFeatureCount(parts.lexical ?? 'none');
    if (F > 0) head.lexical = tf.variable(tf.zeros([F, 1]), true, `${p}score.lexical`);
    return head as unknown as Record<string, Variable>;
  });
  return made as unknown as RewardHead;
}

/**
 * Checks that the head's shapes fit the backbone width and that its optional parts match the settings.
 *
 * @throws Error naming the weight and the expected shape.
 */
export function checkRewardHead(head: RewardHead, C: number, settings: RewardModelSettings, tfidf: TfidfModel | undefined): void {
  if (head.weight.shape.join() !== `${C},1` || head.bias.shape.join() !== '1') {
    throw new Error(`RewardModel: head shapes [${head.weight.shape}] / [${head.bias.shape}] do not fit dModel ${C}; expected [${C}, 1] and [1].`);
  }
  if (head.gate && head.gate.shape.join() !== `${C},1`) throw new Error(`RewardModel: score.gate has shape [${head.gate.shape}], expected [${C}, 1].`);
  const { interaction, lexical } = settings;
  if ((interaction === 'maxsim') !== Boolean(head.interaction && head.gate)) {
    throw new Error(`RewardModel: interaction '${interaction}' ${interaction === 'maxsim' ? 'needs' : 'must not have'} the score.interaction and score.gate weights.`);
  }
  if ((lexical !== 'none') !== Boolean(head.lexical && tfidf)) {
    throw new Error(`RewardModel: lexical '${lexical}' ${lexical !== 'none' ? 'needs' : 'must not have'} the score.lexical weights and a TF-IDF table.`);
  }
  const F = lexicalFeatureCount(lexical);
  if (head.lexical && head.lexical.shape.join() !== `${F},1`) throw new Error(`RewardModel: score.lexical has shape [${head.lexical.shape}], expected [${F}, 1] for lexical '${lexical}'.`);
}

/** The head's variables under their saved names (`score.*`). */
export function headParams(head: RewardHead): Record<string, Variable> {
  const p: Record<string, Variable> = { 'score.weight': head.weight, 'score.bias': head.bias };
  if (head.interaction) p['score.interaction'] = head.interaction;
  if (head.gate) p['score.gate'] = head.gate;
  if (head.lexical) p['score.lexical'] = head.lexical;
  return p;
}

/**
 * Logits `[B]` of a batch: backbone → pooled hidden state → head, plus the lexical and MaxSim parts when
 * present. Differentiable (the trainer calls it inside `variableGrads`); `rng` turns on dropout.
 */
export function rewardLogits(backbone: CausalLM, head: RewardHead, settings: RewardModelSettings, batch: RmBatch, options: { training?: boolean; rng?: Rng } = {}): Tensor {
  const [B, T] = batch.shape;
  const ids = tf.tensor2d(batch.ids, [B, T], 'int32');
  const fwd = options.training && options.rng ? { training: true, rng: options.rng } : {};
  const hidden = backbone.forwardHidden(ids, fwd); // [B, T, C] (right padding: causality hides it)
  const w = tf.tensor3d(poolingWeights(batch.lengths, T, settings.pooling), [B, T, 1]); // [B, T, 1]
  const pooled = tf.sum(tf.mul(hidden, w), 1); // [B, C]
  let out = tf.reshape(linear(pooled, head.weight, head.bias), [B]); // [B]
  if (head.lexical) {
    if (!batch.lexical) throw new Error('RewardModel.logits: this model has a lexical head but the batch has no lexical features; encode pairs with model.encode() and batch them with model.collate().');
    const x = tf.tensor2d(batch.lexical, [B, head.lexical.shape[0] as number]); // [B, F], each in [0, 1]
    out = tf.add(out, tf.mul(tf.reshape(matmul(x, head.lexical), [B]), LEXICAL_SCALE)); // [B]
  }
  if (!head.interaction || !head.gate) return out;
  const wte = tokenEmbeddingOf(backbone);
  return tf.add(out, tf.mul(maxSimTerm(ids, hidden, wte, head.gate, batch), head.interaction)); // [B]
}
