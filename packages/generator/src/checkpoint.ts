/**
 * Training checkpoints: a crash-safe folder (see @girl/tensor's `saveCheckpoint`) holding the weights,
 * the AdamW moments, the trainer state (step, epoch, position in the epoch, RNG, early-stopping
 * counters), the tokenizer and the model config, so a resumed run continues exactly where it stopped.
 */
import type { RngState } from '@girl/core';
import { loadCheckpoint, saveCheckpoint, tf } from '@girl/tensor';
import type { AdamW, Tensor } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { modelFromTensors } from './model/causal-lm.js';
import type { CausalLM, ModelConfig } from './model/causal-lm.js';
import { modelConfigFromJson, modelConfigJson } from './hf/model-config-json.js';

/** Version of `state.json` in SFT checkpoints. */
export const SFT_STATE_VERSION = 1;

/** The trainer's resumable state, stored as `state.json`. */
export interface SftState {
  version: number;
  /** Optimizer steps taken. */
  step: number;
  /** Current epoch (0-based) and the next batch index within it. */
  epoch: number;
  batchInEpoch: number;
  /** Dropout RNG state. */
  rng: RngState;
  /** Best validation loss so far (Infinity as null in JSON) and evaluations since it improved. */
  bestValLoss: number | null;
  badEvals: number;
  /** Total steps the schedule was planned for (a resumed run keeps the same schedule). */
  totalSteps: number;
  /** The trainer config (JSON part) the run started with. */
  trainerConfig: Record<string, unknown>;
  /** The model config. */
  modelConfig: ModelConfig;
}

/** Writes a training checkpoint into `dir` (atomically: the previous one survives any crash). */
export async function saveSftCheckpoint(dir: string, content: { model: CausalLM; tokenizer: Tokenizer; optimizer: AdamW; state: SftState }): Promise<void> {
  const opt = content.optimizer.getState();
  try {
    await saveCheckpoint(dir, {
      tensors: content.model.params,
      optimizer: opt.slots,
      json: { ...content.state, adamw: opt.config, adamwStep: opt.step },
      metadata: { format: 'pt' },
      files: {
        'tokenizer.girl.json': JSON.stringify(content.tokenizer.toJSON()),
        'config.json': JSON.stringify(modelConfigJson(content.model.config, content.tokenizer), null, 2),
      },
    });
  } finally {
    tf.dispose(Object.values(opt.slots));
  }
}

/** What {@link loadSftCheckpoint} returns (tensors owned by the caller). */
export interface LoadedSftCheckpoint {
  /** Model weights by name. */
  tensors: Record<string, Tensor>;
  /** AdamW slots (`m/<param>`, `v/<param>`) and its step. */
  optimizer: { step: number; slots: Record<string, Tensor> };
  state: SftState;
  tokenizer: Tokenizer;
  config: ModelConfig;
  /** The folder actually read (a crash-left sibling, possibly). */
  readFrom: string;
}

/**
 * Reads a training checkpoint (verifying every file's checksum).
 *
 * @example
 * ```ts
 * const ck = await loadSftCheckpoint('runs/7/checkpoints/last');
 * const model = GPT.fromTensors(ck.config, ck.tensors, { dispose: true });
 * ```
 */
export async function loadSftCheckpoint(dir: string): Promise<LoadedSftCheckpoint> {
  const ck = await loadCheckpoint(dir);
  const json = ck.json as (SftState & { adamwStep?: number }) | undefined;
  if (!json || json.version !== SFT_STATE_VERSION) {
    tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer ?? {})]);
    throw new Error(`loadSftCheckpoint: '${dir}/state.json' has version ${String(json?.version)}, expected ${SFT_STATE_VERSION}; was it written by @girl/generator's SFT trainer?`);
  }
  const text = (name: string) => {
    const f = ck.files[name];
    if (!f) throw new Error(`loadSftCheckpoint: '${dir}' has no ${name}.`);
    return new TextDecoder().decode(f);
  };
  const tokenizer = Tokenizer.fromJSON(JSON.parse(text('tokenizer.girl.json')));
  const config = modelConfigFromJson(JSON.parse(text('config.json')), `${dir}/config.json`);
  return {
    tensors: ck.tensors,
    optimizer: { step: json.adamwStep ?? json.step, slots: ck.optimizer ?? {} },
    state: json,
    tokenizer,
    config,
    readFrom: ck.readFrom,
  };
}

/**
 * Loads just the model and tokenizer of a training checkpoint (for generation or as PPO's start).
 *
 * @example
 * ```ts
 * const { model, tokenizer } = await loadModelFromCheckpoint('runs/7/checkpoints/best');
 * ```
 */
export async function loadModelFromCheckpoint(dir: string): Promise<{ model: CausalLM; tokenizer: Tokenizer; state: SftState }> {
  const ck = await loadSftCheckpoint(dir);
  tf.dispose(Object.values(ck.optimizer.slots));
  return { model: modelFromTensors(ck.config, ck.tensors, { dispose: true }), tokenizer: ck.tokenizer, state: ck.state };
}
