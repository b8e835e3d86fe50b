export { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
export type { WriteFileAtomicOptions, WriteJsonAtomicOptions } from './atomic-write.js';
export { f32ToF16Bits, f16BitsToF32, float32ToFloat16, float16ToFloat32, bfloat16ToFloat32 } from './f16.js';
export {
  encodeSafetensors,
  decodeSafetensors,
  SafetensorsError,
  SAFETENSORS_DTYPES,
  MAX_SAFETENSORS_HEADER_BYTES,
} from './safetensors.js';
export type { SafetensorsDtype, SafetensorsData, SafetensorsEntry, DecodedSafetensors } from './safetensors.js';
export {
  saveSafetensors,
  loadSafetensors,
  tensorsToSafetensorsEntries,
  safetensorsEntriesToTensors,
} from './safetensors-file.js';
export type { SafetensorsFloatDtype, SaveSafetensorsOptions, LoadedSafetensors } from './safetensors-file.js';
export { saveCheckpoint, loadCheckpoint, findCheckpoint, CHECKPOINT_VERSION } from './checkpoint.js';
export type {
  CheckpointContent,
  CheckpointManifest,
  LoadedCheckpoint,
  CheckpointStage,
  SaveCheckpointOptions,
} from './checkpoint.js';
export { JsonlLog, readJsonl, parseJsonl } from './jsonl-log.js';
export type { JsonlLogOptions, JsonlRecord } from './jsonl-log.js';
