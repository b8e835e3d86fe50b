/**
 * @girl/tensor/internal — pieces of the tensor layer that its users do not call: attention's head
 * reshaping and its additive causal mask, the float16 bit-level codecs behind `float32ToFloat16` /
 * `float16ToFloat32`, the safetensors dtype list and header limit, the checkpoint format version and the names of a save's
 * spare folders (`checkpointOfSpare`, for run-folder clean-up). It
 * also keeps the names this package used to re-export from @girl/core — `Rng` (import it from `@girl/core`)
 * and `writeFileAtomic` / `writeJsonAtomic` (from `@girl/core/node`) — so that old imports work. Node-only,
 * like the main entry. For tests and research scripts; any release may change them (not covered by semver).
 * @packageDocumentation
 */
export { causalMask, mergeHeads, splitHeads } from './ops/attention.js';
export { f16BitsToF32, f32ToF16Bits } from './io/f16.js';
export { MAX_SAFETENSORS_HEADER_BYTES, SAFETENSORS_DTYPES } from './io/safetensors.js';
export { CHECKPOINT_VERSION, checkpointOfSpare } from './io/checkpoint.js';
export { Rng } from './random/rng.js';
export type { RngSeed, RngState } from './random/rng.js';
export { writeFileAtomic, writeJsonAtomic } from './io/atomic-write.js';
export type { WriteFileAtomicOptions, WriteJsonAtomicOptions } from './io/atomic-write.js';
