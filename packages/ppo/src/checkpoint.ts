/**
 * PPO checkpoints: one crash-safe folder (@girl/tensor's `saveCheckpoint`) holding everything a run needs
 * to continue exactly where it stopped:
 *
 * | file | content |
 * | --- | --- |
 * | `model.safetensors` | the policy (Hugging Face GPT-2 names) and the value head (`v_head.weight`, `v_head.bias`) |
 * | `optimizer.safetensors` | AdamW's moments over the policy and the value head |
 * | `reference.safetensors` | the frozen reference (SFT) model |
 * | `state.json` | format + version, step, PPO config, GPT config, KL controller, running moments, RNG, optimizer step |
 *
 * `state.json` holds no absolute path: `checkpointDir` is stored as `null` (it is wherever the folder is
 * read from) and `metricsFile` relative to the checkpoint folder, so a copied or moved run resumes into
 * its own files.
 */
import { decodeSafetensors, encodeSafetensors, loadCheckpoint, safetensorsEntriesToTensors, saveCheckpoint, tensorsToSafetensorsEntries, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { modelFromTensors } from '@girl/generator';
import type { CausalLM, ModelConfig } from '@girl/generator';
import { upgradePpoConfig } from './config.js';
import type { PpoConfig, PpoConfigInput } from './config.js';
import { PpoTrainer } from './trainer.js';
import type { PpoTrainerInput, PpoTrainerState } from './trainer.js';
import { ValueHead } from './value-head.js';
import { relativeTo, resolveFrom } from './checkpoint-paths.js';

/** `state.json`'s format tag. */
export const PPO_CHECKPOINT_FORMAT = 'girl-ppo';
/** `state.json`'s version; bumped on any incompatible change. */
export const PPO_CHECKPOINT_VERSION = 1;

const REFERENCE_FILE = 'reference.safetensors';

/** `state.json` of a PPO checkpoint. */
export interface PpoCheckpointState {
  format: typeof PPO_CHECKPOINT_FORMAT;
  version: number;
  config: PpoConfig;
  gptConfig: ModelConfig;
  trainer: PpoTrainerState;
}

/**
 * Saves the trainer's complete state into `dir` (atomically: a crash leaves the previous checkpoint).
 *
 * @example
 * ```ts
 * await savePpoCheckpoint('runs/ppo/ckpt', trainer);
 * ```
 */
export async function savePpoCheckpoint(dir: string, trainer: PpoTrainer): Promise<void> {
  const opt = trainer.optimizer.getState();
  try {
    const ref = encodeSafetensors(await tensorsToSafetensorsEntries(trainer.reference.params), { format: PPO_CHECKPOINT_FORMAT, role: 'reference' });
    const state: PpoCheckpointState = {
      format: PPO_CHECKPOINT_FORMAT,
      version: PPO_CHECKPOINT_VERSION,
      config: { ...trainer.config, checkpointDir: null, metricsFile: trainer.config.metricsFile === null ? null : relativeTo(dir, trainer.config.metricsFile) },
      gptConfig: trainer.policy.config,
      trainer: trainer.getState(),
    };
    await saveCheckpoint(dir, {
      tensors: { ...trainer.policy.params, ...trainer.valueHead.params },
      optimizer: opt.slots,
      json: state,
      metadata: { format: PPO_CHECKPOINT_FORMAT, step: String(trainer.stepCount) },
      files: { [REFERENCE_FILE]: ref },
    });
  } finally {
    tf.dispose(Object.values(opt.slots));
  }
}

/** What {@link loadPpoCheckpoint} returns; the caller owns the models. */
export interface LoadedPpoCheckpoint {
  policy: CausalLM;
  reference: CausalLM;
  valueHead: ValueHead;
  state: PpoCheckpointState;
  /** AdamW moments; dispose after handing them to a trainer. */
  optimizerSlots: Record<string, Tensor>;
}

/**
 * Reads a PPO checkpoint (verifying every file's checksum).
 *
 * @throws Error naming the folder when it is not a @girl/ppo checkpoint or has another version.
 * @example
 * ```ts
 * const { policy } = await loadPpoCheckpoint('runs/ppo/ckpt'); // the fine-tuned generator
 * ```
 */
export async function loadPpoCheckpoint(dir: string): Promise<LoadedPpoCheckpoint> {
  const ckpt = await loadCheckpoint(dir);
  const state = ckpt.json as PpoCheckpointState | undefined;
  try {
    if (!state || state.format !== PPO_CHECKPOINT_FORMAT) throw new Error(`loadPpoCheckpoint: ${dir} is not a @girl/ppo checkpoint (state.json has no format '${PPO_CHECKPOINT_FORMAT}').`);
    if (state.version !== PPO_CHECKPOINT_VERSION) throw new Error(`loadPpoCheckpoint: ${dir} has version ${state.version}; this @girl/ppo reads version ${PPO_CHECKPOINT_VERSION}.`);
    const refBytes = ckpt.files[REFERENCE_FILE];
    if (!refBytes) throw new Error(`loadPpoCheckpoint: ${dir} has no ${REFERENCE_FILE}.`);
    const refTensors = safetensorsEntriesToTensors(decodeSafetensors(refBytes, `${dir}/${REFERENCE_FILE}`).tensors, REFERENCE_FILE);
    const reference = modelFromTensors(state.gptConfig, refTensors, { dispose: true });
    const policy = modelFromTensors(state.gptConfig, ckpt.tensors);
    const valueHead = ValueHead.fromTensors(ckpt.tensors);
    return { policy, reference, valueHead, state, optimizerSlots: ckpt.optimizer ?? {} };
  } finally {
    tf.dispose(Object.values(ckpt.tensors).filter((t) => !t.isDisposed));
  }
}

/**
 * Continues a run from a checkpoint: the policy, value head, reference, optimizer, KL controller, running
 * moments, step and RNG all come back, so the next steps equal those of an uninterrupted run. The reward,
 * prompts and tokenizer are given again (functions and data are not saved); `config` may override saved
 * fields (e.g. more `maxSteps`); a config saved with names from before #14 (`steps`, `checkpointEvery`) is read in today's. Unless `config` names them, `checkpointDir` is `dir` itself and `metricsFile`
 * is the saved one, resolved against `dir` (so a copied run writes into the copy).
 *
 * @example
 * ```ts
 * const trainer = await resumePpo('runs/ppo/ckpt', { tokenizer: tok, reward, prompts: cvs, config: { maxSteps: 400 } });
 * await trainer.train();
 * ```
 */
export async function resumePpo(dir: string, input: Omit<PpoTrainerInput, 'policy' | 'reference' | 'valueHead' | 'config'> & { config?: PpoConfigInput }): Promise<PpoTrainer> {
  const loaded = await loadPpoCheckpoint(dir);
  try {
    const saved = upgradePpoConfig(loaded.state.config);
    const paths = { checkpointDir: dir, metricsFile: resolveFrom(dir, saved.metricsFile) };
    const config = { ...saved, ...paths, ...(input.config ?? {}) };
    // the reference and value head were loaded for the trainer: it owns them; the policy is the caller's
    const trainer = new PpoTrainer({ ...input, policy: loaded.policy, reference: loaded.reference, valueHead: loaded.valueHead, owns: { reference: true, valueHead: true }, config });
    trainer.setState(loaded.state.trainer, loaded.optimizerSlots);
    return trainer;
  } finally {
    tf.dispose(Object.values(loaded.optimizerSlots));
  }
}
