/** What a checkpoint folder holds and what saving and loading one take and return (see checkpoint.ts). */
import type * as tf from '@tensorflow/tfjs-core';
import type { SafetensorsFloatDtype } from './safetensors-file.js';

/** What {@link saveCheckpoint} writes. Only `tensors` is required. */
export interface CheckpointContent {
  /** Model tensors → `model.safetensors`. Required (may be empty). */
  tensors: Record<string, tf.Tensor>;
  /** Optimizer tensors (e.g. `AdamW.getState().slots`) → `optimizer.safetensors`, always F32. Default: none. */
  optimizer?: Record<string, tf.Tensor>;
  /** Any JSON-able value → `state.json` (step, config, `rng.getState()`, …). Default: none. */
  json?: unknown;
  /** String metadata for the header of `model.safetensors`. Default: none. */
  metadata?: Record<string, string>;
  /** Storage dtype of float model tensors. Default `'F32'` so training resumes exactly. */
  dtype?: SafetensorsFloatDtype;
  /** Extra files by name (letters, digits, `.`, `_`, `-`), e.g. `{ 'tokenizer.json': text }`. Default: none. */
  files?: Record<string, Uint8Array | string>;
}

/** `manifest.json`: the format tag, version, and the size and SHA-256 of every other file. */
export interface CheckpointManifest {
  format: 'girl-checkpoint';
  version: number;
  /** ISO-8601 time of writing. */
  createdAt: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** What {@link loadCheckpoint} returns; tensors are owned by the caller. */
export interface LoadedCheckpoint {
  tensors: Record<string, tf.Tensor>;
  /** `null` when the checkpoint has no optimizer file. */
  optimizer: Record<string, tf.Tensor> | null;
  /** Parsed `state.json`, or `undefined` when there is none. */
  json: unknown;
  metadata: Record<string, string>;
  /** Extra files, raw. */
  files: Record<string, Uint8Array>;
  manifest: CheckpointManifest;
  /** The folder actually read: `dir`, or a sibling left by a crash between renames. */
  readFrom: string;
}

/** Stages {@link saveCheckpoint} reports to `onStage` (for logs and for crash tests). */
export type CheckpointStage = 'files-written' | 'previous-moved' | 'renamed';

/** Options for {@link saveCheckpoint}. */
export interface SaveCheckpointOptions {
  /** Called after each stage of the swap; may be async. An error thrown here aborts the save cleanly. */
  onStage?: (stage: CheckpointStage) => void | Promise<void>;
}
