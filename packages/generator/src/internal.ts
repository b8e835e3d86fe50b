/**
 * @girl/generator/internal — what the models, the folder format and the metrics are built from but a user
 * of the package does not call: parameter-shape tables and position ids of the two families, RoPE's tables
 * and rotation, the token embedding accessor, the conversions between a model config and a `config.json`
 * (GIRL's block, Hugging Face's GPT-2 and Llama-family fields, their format names and versions), the map
 * from GIRL's weight names to Hugging Face's, the checksum file's name and parser, the SFT template's
 * special ids, the SFT checkpoint state version, and the token and LCS steps of ROUGE-L. Node-only, like
 * the main entry. For the other GIRL packages, tests and research scripts; any release may change them
 * (not covered by semver).
 * @packageDocumentation
 */
export { parameterShapes, positionsFromMask } from './model/gpt.js';
export { llamaParameterShapes } from './model/llama-config.js';
export { modelParameterShapes, tokenEmbeddingOf } from './model/causal-lm.js';
export { ROPE_SCALING_TYPES, applyRope, ropeInverseFrequencies, ropeTables } from './model/rope.js';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, configFromJson, hfConfigJson } from './model-config-json.js';
export { CAUSAL_LM_ARCHITECTURES, modelConfigFromJson, modelConfigJson } from './hf/model-config-json.js';
export { LLAMA_CAUSAL_LM_CLASSES, llamaConfigFromHf, llamaHfConfigJson, ropeScalingFromJson } from './hf/llama-hf-config.js';
export { hfStateDict, hfWeights } from './hf/weight-map.js';
export type { HfWeight } from './hf/weight-map.js';
export { CHECKSUMS_FILE } from './export-checksums.js';
export { parseChecksums, sha256HexWeb } from './checksums-format.js';
export { templateIds } from './sft/template.js';
export { SFT_STATE_VERSION } from './checkpoint.js';
export { lcsLength, rougeTokens } from './metrics/rouge.js';
