import type { CausalLM } from '@girl/generator';
import type { RewardModel } from '@girl/reward';
import { tf } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { EmbedFn, PairScoreFn } from '../features/feature-extractor.js';

/** Options of {@link embedTexts}. */
export interface EmbedOptions {
  /** Texts per forward pass, default `16`. */
  batchSize?: number;
  /** Tokens kept per text (the head), default the model's `contextLength`. */
  maxLength?: number;
}

/**
 * Mean-pooled final hidden states (after `ln_f`) of a GPT backbone — the generator's or the reward
 * model's — one vector of `dModel` numbers per text. Texts are encoded as plain text (no special tokens),
 * cut to `maxLength` tokens and right-padded; padding is left out of the mean. An empty text gives zeros.
 *
 * @example
 * ```ts
 * const vecs = await embedTexts(model, tok, [cv, jd]);
 * cosine(vecs[0]!, vecs[1]!);
 * ```
 */
export async function embedTexts(model: CausalLM, tokenizer: Tokenizer, texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
  const batchSize = options.batchSize ?? 16;
  const maxLength = Math.min(options.maxLength ?? model.config.contextLength, model.config.contextLength);
  const C = model.config.dModel;
  const out: Float32Array[] = [];
  for (let s = 0; s < texts.length; s += batchSize) {
    const rows = texts.slice(s, s + batchSize).map((t) => tokenizer.encodeOrdinary(t).slice(0, maxLength));
    const T = Math.max(1, ...rows.map((r) => r.length));
    const B = rows.length;
    const ids = new Int32Array(B * T);
    const mask = new Float32Array(B * T);
    rows.forEach((r, b) => {
      r.forEach((id, t) => {
        ids[b * T + t] = id;
        mask[b * T + t] = 1;
      });
    });
    const pooled = tf.tidy(() => {
      const m = tf.tensor2d(mask, [B, T]);
      const h = model.forwardHidden(tf.tensor2d(ids, [B, T], 'int32'), { attentionMask: tf.tensor2d(mask, [B, T]) }); // [B, T, C]
      const sum = tf.sum(tf.mul(h, tf.expandDims(m, 2)), 1); // [B, C]
      return tf.div(sum, tf.maximum(tf.sum(m, 1, true), 1)); // [B, C]
    });
    const data = (await pooled.data()) as Float32Array;
    pooled.dispose();
    for (let b = 0; b < B; b++) out.push(data.slice(b * C, (b + 1) * C));
  }
  return out;
}

/**
 * An {@link EmbedFn} for the {@link FeatureExtractor} from a GPT backbone.
 *
 * @example
 * ```ts
 * new FeatureExtractor({ corpus, embed: gptEmbedder(model, tok) });
 * new FeatureExtractor({ corpus, embed: gptEmbedder(rm.backbone, rm.tokenizer) }); // the reward model's
 * ```
 */
export function gptEmbedder(model: CausalLM, tokenizer: Tokenizer, options: EmbedOptions = {}): EmbedFn {
  return (texts) => embedTexts(model, tokenizer, texts, options);
}

/**
 * A {@link PairScoreFn} from GIRL's reward model (its raw scores).
 *
 * @example
 * ```ts
 * new FeatureExtractor({ corpus, reward: rewardScorer(rm) });
 * ```
 */
export function rewardScorer(rm: RewardModel, options: { batchSize?: number } = {}): PairScoreFn {
  return (cvs, jds) => rm.score(cvs, jds, options);
}
