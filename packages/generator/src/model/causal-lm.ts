/**
 * The causal language model interface every GIRL decoder satisfies (GPT-2 family and Llama family),
 * and the few helpers that pick the family from a config: code that generates, fine-tunes, or builds
 * a value or reward head on a model takes a {@link CausalLM}, not a concrete class.
 */
import { tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import { resolveGptConfig } from '../config.js';
import type { GptConfig } from '../config.js';
import { GPT, parameterShapes } from './gpt.js';
import type { ForwardOptions, ForwardOutput } from './gpt.js';
import { Llama } from './llama.js';
import { isLlamaConfig, llamaParameterShapes, resolveLlamaConfig } from './llama-config.js';
import type { LlamaConfig } from './llama-config.js';

/** A config of either family: a {@link LlamaConfig} has `family: 'llama'`, a {@link GptConfig} none. */
export type ModelConfig = GptConfig | LlamaConfig;

/** What every decoder offers (GPT already does; {@link Llama} too). */
export interface CausalLM {
  /** Shape; `vocabSize`, `contextLength`, `dModel` (hidden width) and `nLayer` exist in both families. */
  readonly config: ModelConfig;
  /** Trainable parameters by (Hugging Face) name. */
  readonly params: Record<string, Variable>;
  /** Parameter count (tied head once). */
  readonly numParameters: number;
  /** Next-token logits `[B, T, V]`. */
  forward(ids: Tensor, options?: ForwardOptions): Tensor;
  /** Logits and final hidden states `[B, T, C]`. */
  forwardWithHidden(ids: Tensor, options?: ForwardOptions): ForwardOutput;
  /** Final hidden states `[B, T, C]` without the head. */
  forwardHidden(ids: Tensor, options?: ForwardOptions): Tensor;
  /** `[..., C]` → `[..., V]`. */
  lmHead(hidden: Tensor): Tensor;
  /** Frees the parameters. */
  dispose(): void;
}

/**
 * A model of the config's family from named tensors (a checkpoint's weights).
 *
 * @example
 * ```ts
 * const model = modelFromTensors(state.modelConfig, tensors, { dispose: true }); // GPT or Llama
 * ```
 */
export function modelFromTensors(config: ModelConfig, tensors: Record<string, Tensor>, options: { dispose?: boolean } = {}): CausalLM {
  return isLlamaConfig(config) ? Llama.fromTensors(config, tensors, options) : GPT.fromTensors(config, tensors, options);
}

/** Fills in and checks a config of either family. */
export function resolveModelConfig(config: ModelConfig): ModelConfig {
  return isLlamaConfig(config) ? resolveLlamaConfig(config) : resolveGptConfig(config);
}

/** Every parameter's name and shape for a config of either family. */
export function modelParameterShapes(config: ModelConfig): Record<string, number[]> {
  return isLlamaConfig(config) ? llamaParameterShapes(config) : parameterShapes(config);
}

/**
 * A copy of a model of either family with its own variables (same config, cloned weights); the caller
 * owns it. @example `const reference = cloneModel(policy);`
 */
export function cloneModel<M extends CausalLM>(model: M): M {
  const tensors = Object.fromEntries(Object.entries(model.params).map(([k, v]) => [k, tf.clone(v)]));
  return modelFromTensors(model.config, tensors, { dispose: true }) as M;
}

/** The token embedding table `[V, C]` of a model of either family (the reward model's lexical part reads it). */
export function tokenEmbeddingOf(model: CausalLM): Variable {
  const name = isLlamaConfig(model.config) ? 'model.embed_tokens.weight' : 'transformer.wte.weight';
  const w = model.params[name];
  if (!w) throw new Error(`tokenEmbeddingOf: the model has no '${name}'.`);
  return w;
}
