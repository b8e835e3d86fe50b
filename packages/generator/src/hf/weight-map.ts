/**
 * How GIRL's parameters sit in a Hugging Face checkpoint: the file's tensor name, the shape it has
 * there and whether it is transposed (PyTorch `nn.Linear` is `[out, in]`; GIRL keeps `[in, out]`).
 * GPT-2's Conv1D is already `[in, out]`; its files may omit the `transformer.` prefix.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { CausalLM, ModelConfig } from '../model/causal-lm.js';
import { modelParameterShapes } from '../model/causal-lm.js';
import { isLlamaConfig } from '../model/llama-config.js';

/** One parameter's place in a checkpoint. */
export interface HfWeight {
  /** GIRL's parameter name (= the HF name). */
  name: string;
  /** Names the file may use for it, preferred first. */
  fileNames: string[];
  /** Shape in the file. */
  fileShape: number[];
  /** Whether the file holds the transpose of GIRL's `[in, out]` matrix. */
  transposed: boolean;
}

/** Whether a Llama-family parameter is an `nn.Linear` weight (stored transposed in the file). */
function isLinearWeight(name: string): boolean {
  return /\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)\.weight$/.test(name);
}

/**
 * Every parameter of a config with its checkpoint name and shape.
 *
 * @example
 * ```ts
 * hfWeights(llamaCfg).find((w) => w.name.endsWith('0.self_attn.q_proj.weight'))!.fileShape; // [H·D, C]
 * ```
 */
export function hfWeights(cfg: ModelConfig): HfWeight[] {
  const llama = isLlamaConfig(cfg);
  return Object.entries(modelParameterShapes(cfg)).map(([name, shape]) => {
    const transposed = llama && isLinearWeight(name);
    const fileNames = !llama && name.startsWith('transformer.') ? [name, name.slice('transformer.'.length)] : [name];
    return { name, fileNames, fileShape: transposed ? [...shape].reverse() : shape, transposed };
  });
}

/**
 * Tensors a checkpoint may hold that are not parameters and are skipped: GPT-2's attention-mask
 * buffers, old Llama files' rotary `inv_freq`, and `lm_head.weight` when the head is tied.
 */
export function isIgnorableTensor(name: string, cfg: ModelConfig): boolean {
  if (/\.attn\.(masked_)?bias$/.test(name)) return !isLlamaConfig(cfg);
  if (name.endsWith('rotary_emb.inv_freq')) return true;
  return name === 'lm_head.weight' && cfg.tiedHead;
}

/**
 * The model's weights in Hugging Face names and layouts (`nn.Linear` weights transposed back to
 * `[out, in]`). The caller disposes the returned tensors that are not the model's own variables.
 *
 * @returns `tensors` by HF name, and `owned`: the ones created here (to dispose).
 */
export function hfStateDict(model: CausalLM): { tensors: Record<string, Tensor>; owned: Tensor[] } {
  const tensors: Record<string, Tensor> = {};
  const owned: Tensor[] = [];
  for (const w of hfWeights(model.config)) {
    const p = model.params[w.name];
    if (!p) throw new Error(`hfStateDict: the model has no parameter '${w.name}'.`);
    const t = w.transposed ? tf.transpose(p) : p;
    if (w.transposed) owned.push(t);
    tensors[w.name] = t;
  }
  return { tensors, owned };
}
