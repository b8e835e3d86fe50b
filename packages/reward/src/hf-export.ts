/**
 * The reward model as a Hugging Face `…ForSequenceClassification` folder with `num_labels: 1`, what
 * TRL's reward and PPO trainers load: the backbone in its causal-LM names, `score.weight` `[1, C]` on the
 * last real token's hidden state, `pad_token_id` set (transformers finds the last real token with it), and
 * the tokenizer. The input must be the reward model's template (`encodeRmPair`), as token ids.
 *
 * What a sequence-classification head cannot hold is refused unless `dropUnexportable` is set: mean
 * pooling, the late-interaction term (`score.interaction`, `score.gate`) and the lexical head. HF's
 * score layer has no bias; on a GPT-2 backbone GIRL's `score.bias` is folded exactly into `ln_f.bias`, on
 * a Llama-family backbone (RMSNorm has no bias) it is left out and reported: a constant shift of the reward.
 */
import { isLlamaConfig, saveHfModel } from '@girl/generator';
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { RewardModel } from './model/reward-model.js';

/** Options of {@link saveRewardModelHf}. */
export interface RewardHfExportOptions {
  /** Export without the parts HF cannot hold (late interaction, lexical head), listing them in the result. Default `false`: refuse. */
  dropUnexportable?: boolean;
  /** Weight dtype. Default `'F32'`. */
  dtype?: 'F32' | 'F16';
}

/** What {@link saveRewardModelHf} wrote. */
export interface RewardHfExport {
  /** e.g. `'Qwen3ForSequenceClassification'`. */
  architecture: string;
  /** Parts of the GIRL model left out (empty: the export scores exactly as GIRL, up to `scoreOffset`). */
  dropped: string[];
  /** HF score = GIRL score − `scoreOffset` (0 when the bias was folded into `ln_f.bias`). */
  scoreOffset: number;
}

const CLASS_PREFIX: Record<string, string> = { gpt2: 'GPT2', llama: 'Llama', qwen2: 'Qwen2', qwen3: 'Qwen3', mistral: 'Mistral' };

/** What of a reward model a sequence-classification folder cannot hold (empty when it exports exactly). */
export function unexportableParts(rm: RewardModel): string[] {
  const out: string[] = [];
  if (rm.settings.interaction !== 'none') out.push(`the late-interaction term (interaction '${rm.settings.interaction}': score.interaction, score.gate)`);
  if (rm.settings.lexical !== 'none') out.push(`the lexical head (lexical '${rm.settings.lexical}': score.lexical and its TF-IDF table)`);
  return out;
}

/**
 * Writes the reward model as an HF sequence-classification folder.
 *
 * @throws Error naming the setting when the model pools by mean, or has parts HF cannot hold and
 * `dropUnexportable` is not set.
 * @example
 * ```ts
 * const info = await saveRewardModelHf(rm, 'runs/7/hf-reward', { dropUnexportable: true });
 * // python: AutoModelForSequenceClassification.from_pretrained('runs/7/hf-reward')  (num_labels 1)
 * ```
 */
export async function saveRewardModelHf(rm: RewardModel, dir: string, options: RewardHfExportOptions = {}): Promise<RewardHfExport> {
  if (rm.settings.pooling !== 'last') {
    throw new Error(`saveRewardModelHf: pooling '${rm.settings.pooling}' cannot be expressed; HF sequence classification reads the last real token (train with pooling 'last').`);
  }
  const dropped = unexportableParts(rm);
  if (dropped.length > 0 && !options.dropUnexportable) {
    throw new Error(`saveRewardModelHf: a ForSequenceClassification folder cannot hold ${dropped.join(' and ')}; pass dropUnexportable: true (girl export-hf --drop-unexportable) to export the transformer part only (its scores then differ), or train without them.`);
  }
  const cfg = rm.backbone.config;
  const modelType = isLlamaConfig(cfg) ? cfg.arch : 'gpt2';
  const architecture = `${CLASS_PREFIX[modelType]}ForSequenceClassification`;
  const bias = rm.head.bias.dataSync()[0] as number;
  const owned: Tensor[] = [];
  const extra: Record<string, Tensor> = {};
  let scoreOffset = bias;
  try {
    const w = tf.transpose(rm.head.weight); // [1, C]
    owned.push(w);
    extra['score.weight'] = w;
    const norm2 = tf.tidy(() => tf.sum(tf.square(rm.head.weight)).dataSync()[0] as number);
    const lnBias = rm.backbone.params['transformer.ln_f.bias'];
    if (!isLlamaConfig(cfg) && lnBias && norm2 > 0) {
      // w·(h + δ) = w·h + b with δ = b · w / |w|²: the bias moves into ln_f's, exactly
      const folded = tf.tidy(() => tf.add(lnBias, tf.mul(tf.reshape(rm.head.weight, [-1]), bias / norm2)));
      owned.push(folded);
      extra['transformer.ln_f.bias'] = folded;
      scoreOffset = 0;
    }
    const pad = rm.tokenizer.padId;
    await saveHfModel(rm.backbone, dir, {
      tokenizer: rm.tokenizer,
      dtype: options.dtype ?? 'F32',
      withoutLmHead: true,
      extraTensors: extra,
      configOverrides: {
        architectures: [architecture],
        num_labels: 1,
        id2label: { 0: 'LABEL_0' },
        label2id: { LABEL_0: 0 },
        ...(pad !== undefined ? { pad_token_id: pad } : {}),
        girl_reward: { template: '<|bos|><|cv|>{cv}<|sep|><|jd|>{jd}<|eos|>', maxLength: rm.settings.maxLength, scoreOffset, dropped },
      },
    });
  } finally {
    tf.dispose(owned);
  }
  return { architecture, dropped, scoreOffset };
}
