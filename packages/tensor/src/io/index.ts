export { float32ToFloat16, float16ToFloat32, bfloat16ToFloat32 } from './f16.js';
export {
  encodeSafetensors,
  decodeSafetensors,
  SafetensorsError,
} from './safetensors.js';
export type { SafetensorsDtype, SafetensorsData, SafetensorsEntry, DecodedSafetensors } from './safetensors.js';
export {
  saveSafetensors,
  loadSafetensors,
  tensorsToSafetensorsEntries,
  safetensorsEntriesToTensors,
} from './safetensors-file.js';
export type { SafetensorsFloatDtype, SaveSafetensorsOptions, LoadedSafetensors } from './safetensors-file.js';
export { saveCheckpoint, loadCheckpoint, findCheckpoint } from './checkpoint.js';
export type {
  CheckpointContent,
  CheckpointManifest,
  LoadedCheckpoint,
  CheckpointStage,
  SaveCheckpointOptions,
} from './checkpoint.js';
export { JsonlLog, readJsonl, parseJsonl } from './jsonl-log.js';
export type { JsonlLogOptions, JsonlRecord } from './jsonl-log.js';
