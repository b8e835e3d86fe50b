/**
 * @girl/generator — GIRL's JD writer: a GPT-style decoder, supervised fine-tuning on CV → JD pairs,
 * and fast generation with a KV cache, streaming and log-probs.
 *
 * This entry is the public API: the two model families and their configs, generation, the SFT template,
 * trainer and checkpoints, model folders (GIRL's and Hugging Face's) and the metrics. Shape tables, RoPE
 * kernels, `config.json` conversions, weight-name maps and format versions live in
 * `@girl/generator/internal`, outside the semver promise.
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
export {
  applyNoRepeatNgram,
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
export type { SaveModelOptions } from './safetensors-export.js';
export { loadModel, saveModel } from './hf/model-folder.js';
export type { LoadedModel } from './hf/model-folder.js';
export { verifyChecksums } from './export-checksums.js';
export { modelFromFiles } from './model-files.js';
export { verifyChecksumBytes } from './checksums-format.js';
export type { ModelFiles } from './model-files.js';
export { collate, lengthGroupedBatches } from './sft/batching.js';
export type { SftBatch } from './sft/batching.js';
export { DEFAULT_SFT_CONFIG, SFT_RENAMED_FIELDS, TrainingDivergedError, evaluateLoss, resolveSftConfig, trainSft } from './sft/trainer.js';
export type { EvalEvent, SftConfig, SftEvents, SftResult, StepEvent, TrainSftInput } from './sft/trainer.js';
export { loadModelFromCheckpoint, loadSftCheckpoint, saveSftCheckpoint } from './checkpoint.js';
export type { LoadedSftCheckpoint, SftState } from './checkpoint.js';
export { targetIds, unigramCrossEntropy } from './metrics/unigram.js';
export { meanRougeL, rougeL } from './metrics/rouge.js';
export type { RougeScore } from './metrics/rouge.js';
export { Llama } from './model/llama.js';
export { LLAMA_ARCHS, countLlamaParameters, isLlamaConfig, resolveLlamaConfig } from './model/llama-config.js';
export type { LlamaArch, LlamaConfig, LlamaConfigInput } from './model/llama-config.js';
export type { RopeScaling } from './model/rope.js';
export { cloneModel, modelFromTensors, resolveModelConfig } from './model/causal-lm.js';
export type { CausalLM, ModelConfig } from './model/causal-lm.js';
export { loadHfModel } from './hf/load-hf.js';
export type { LoadHfOptions, LoadedHfModel } from './hf/load-hf.js';
export { saveHfModel } from './hf/save-hf.js';
export type { SaveHfOptions } from './hf/save-hf.js';
export { resizeVocab } from './hf/resize-vocab.js';
export { loadBaseModel } from './hf/base-model.js';
export type { BaseModel } from './hf/base-model.js';
export { decodeStepsOnDevice, generateAnywhere, generateJdAnywhere, generateOnDevice } from './generate/decode-on-device.js';
