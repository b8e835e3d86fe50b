/**
 * @girl/generator for browsers (the package's `"browser"` export condition): the GPT and Llama-family
 * models, generation with streaming, the SFT prompt template, and {@link modelFromFiles} to build a model
 * of either family from fetched files.
 * Left out, because they read or write files: `saveModel` / `loadModel`, SFT training and checkpoints.
 * The helpers of `@girl/generator/internal` are left out too (Node entry only, outside semver).
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { DEFAULT_GPT_CONFIG, GptConfigError, countParameters, resolveGptConfig } from './config.js';
export type { GptConfig, GptConfigInput } from './config.js';
export { PRESETS } from './presets.js';
export type { GptPreset, PresetName } from './presets.js';
export { GPT } from './model/gpt.js';
export type { CreateOptions, ForwardOptions, ForwardOutput } from './model/gpt.js';
export { KVCache } from './model/kv-cache.js';
export { Llama } from './model/llama.js';
export { LLAMA_ARCHS, countLlamaParameters, isLlamaConfig, resolveLlamaConfig } from './model/llama-config.js';
export type { LlamaArch, LlamaConfig, LlamaConfigInput } from './model/llama-config.js';
export { cloneModel, modelFromTensors, resolveModelConfig } from './model/causal-lm.js';
export type { CausalLM, ModelConfig } from './model/causal-lm.js';
export {
  applyRepetitionPenalty,
  applyTemperature,
  argmax,
  logProbOf,
  processLogits,
  sampleFromLogits,
  softmax,
  topKFilter,
  topPFilter,
} from './generate/sampling.js';
export type { SamplingSettings } from './generate/sampling.js';
export { decodeSteps, encodePrompts, generate, generateJd } from './generate/generate.js';
export type { DecodeStep, GenerateOptions, GenerateResult } from './generate/generate.js';
export { generateStream } from './generate/stream.js';
export { TEMPLATE_OVERHEAD, encodeSftExample, sftPrompt } from './sft/template.js';
export type { SftEncodeOptions, SftExample } from './sft/template.js';
export { modelFromFiles } from './model-files.js';
export { verifyChecksumBytes } from './checksums-format.js';
export type { LoadedModel, ModelFiles } from './model-files.js';
export { targetIds, unigramCrossEntropy } from './metrics/unigram.js';
export { meanRougeL, rougeL } from './metrics/rouge.js';
export type { RougeScore } from './metrics/rouge.js';
