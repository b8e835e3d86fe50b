import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, readFile, rename, rm, truncate, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../test-utils/each-backend.js';
import { checkpointOfSpare, findCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { CheckpointStage, LoadedCheckpoint } from './checkpoint.js';

const values = async (t: tf.Tensor | undefined) => Array.from(await t!.data());
const disposeLoaded = (c: LoadedCheckpoint) => tf.dispose([...Object.values(c.tensors), ...Object.values(c.optimizer ?? {})]);

describeEachBackend('saveCheckpoint / loadCheckpoint', () => {
  let root: string;
  let ckpt: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'girl-ckpt-'));
    ckpt = join(root, 'ckpt');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const save = (step: number, options?: Parameters<typeof saveCheckpoint>[2]) => {
    const w = tf.fill([2, 3], step);
    const m = tf.fill([2, 3], step / 10);
    return saveCheckpoint(
      ckpt,
      {
        tensors: { w },
        optimizer: { 'm/w': m },
        json: { version: 1, step },
        metadata: { step: String(step) },
        files: { 'notes.txt': `step ${step}` },
      },
      options,
    ).finally(() => tf.dispose([w, m]));
  };

  it('round-trips tensors, optimizer, json, metadata and extra files, with a manifest', async () => {
    const manifest = await save(3);
    expect((await readdir(ckpt)).sort()).toEqual(['manifest.json', 'model.safetensors', 'notes.txt', 'optimizer.safetensors', 'state.json']);
    expect(await readdir(root)).toEqual(['ckpt']); // no temp folders left
    expect(manifest.version).toBe(1);
    expect(Object.keys(manifest.files).sort()).toEqual(['model.safetensors', 'notes.txt', 'optimizer.safetensors', 'state.json']);
    const before = tf.memory().numTensors;
    const loaded = await loadCheckpoint(ckpt);
    expect(await values(loaded.tensors['w'])).toEqual([3, 3, 3, 3, 3, 3]);
    expect(await values(loaded.optimizer!['m/w'])).toEqual(new Array(6).fill(Math.fround(0.3)));
    expect(loaded.json).toEqual({ version: 1, step: 3 });
    expect(loaded.metadata).toEqual({ step: '3' });
    expect(new TextDecoder().decode(loaded.files['notes.txt'])).toBe('step 3');
    expect(loaded.readFrom).toBe(ckpt);
    disposeLoaded(loaded);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('replaces a previous checkpoint; a failure at any stage keeps the previous one loadable', async () => {
    await save(1);
    await save(2);
    let loaded = await loadCheckpoint(ckpt);
    expect(loaded.json).toEqual({ version: 1, step: 2 });
    disposeLoaded(loaded);
    for (const failAt of ['files-written', 'previous-moved'] as CheckpointStage[]) {
      const onStage = (stage: CheckpointStage) => {
        if (stage === failAt) throw new Error(`simulated crash at ${stage}`);
      };
      await expect(save(99, { onStage })).rejects.toThrow(new RegExp(`simulated crash at ${failAt}.*(unchanged|kept)`));
      expect(await readdir(root)).toEqual(['ckpt']);
      loaded = await loadCheckpoint(ckpt);
      expect(loaded.json).toEqual({ version: 1, step: 2 });
      disposeLoaded(loaded);
    }
    // Bad content fails before the disk is touched.
    await expect(saveCheckpoint(ckpt, { tensors: {}, json: { n: 1n } })).rejects.toThrow(/json cannot be serialised.*nothing was written/);
    await expect(saveCheckpoint(ckpt, { tensors: {}, files: { '../x': 'no' } })).rejects.toThrow(/extra file name '..\/x' is not allowed/);
    loaded = await loadCheckpoint(ckpt);
    expect(loaded.json).toEqual({ version: 1, step: 2 });
    disposeLoaded(loaded);
  });

  it('recovers from a hard crash between the two renames, and the next save completes the swap', async () => {
    await save(1);
    await save(2);
    // Fake the state a killed process leaves: the previous checkpoint moved aside, the new one complete.
    await cp(ckpt, `${ckpt}.girl-new`, { recursive: true });
    await rename(ckpt, `${ckpt}.girl-old`);
    let loaded = await loadCheckpoint(ckpt);
    expect(loaded.readFrom).toBe(`${ckpt}.girl-new`);
    disposeLoaded(loaded);
    // A crash while the new folder was still being written: only the old one is complete.
    await truncate(join(`${ckpt}.girl-new`, 'model.safetensors'), 10);
    loaded = await loadCheckpoint(ckpt);
    expect(loaded.readFrom).toBe(`${ckpt}.girl-old`);
    expect(loaded.json).toEqual({ version: 1, step: 2 });
    disposeLoaded(loaded);
    await save(3);
    expect(await readdir(root)).toEqual(['ckpt']);
    loaded = await loadCheckpoint(ckpt);
    expect(loaded.json).toEqual({ version: 1, step: 3 });
    disposeLoaded(loaded);
  });

  it('findCheckpoint finds only complete checkpoints (a kill during the first save leaves none)', async () => {
    expect(await findCheckpoint(ckpt)).toBeNull();
    // the first save killed mid-write: an incomplete `.girl-new` holding a temp file and no manifest
    await save(1);
    await rename(ckpt, `${ckpt}.girl-new`);
    await rm(join(`${ckpt}.girl-new`, 'manifest.json'));
    expect(await findCheckpoint(ckpt)).toBeNull();
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/no checkpoint at/);
    // the next save replaces the partial folder
    await save(2);
    expect(await findCheckpoint(ckpt)).toBe(ckpt);
    // between the renames: the complete new folder is found
    await rename(ckpt, `${ckpt}.girl-new`);
    expect(await findCheckpoint(`${ckpt}/`)).toBe(`${ckpt}.girl-new`);
  });

  it('reports truncated, corrupt, missing and foreign checkpoints clearly', async () => {
    await save(5);
    const model = join(ckpt, 'model.safetensors');
    const good = await readFile(model);
    await truncate(model, good.length - 4);
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/model\.safetensors' has \d+ bytes but the manifest says \d+; the file is truncated/);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 0xff;
    await writeFile(model, flipped);
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/model\.safetensors' does not match its SHA-256/);
    await writeFile(model, good);
    await rm(join(ckpt, 'state.json'));
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/state\.json' is listed in the manifest but cannot be read \(ENOENT\)/);
    await rm(join(ckpt, 'manifest.json'));
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/manifest\.json' cannot be read \(ENOENT\); this is not a complete checkpoint/);
    await writeFile(join(ckpt, 'manifest.json'), JSON.stringify({ format: 'girl-checkpoint', version: 2, files: {} }));
    await expect(loadCheckpoint(ckpt)).rejects.toThrow(/format version 2; this @girl\/tensor reads version 1/);
    await expect(loadCheckpoint(join(root, 'nothing'))).rejects.toThrow(/no checkpoint at '.*nothing'/);
  });
});

describe('checkpointOfSpare', () => {
  it('names the checkpoint a save\'s spare folder belongs to, and nothing else', () => {
    expect(['last.girl-new', 'best.girl-old', 'ckpt.girl-new'].map(checkpointOfSpare)).toEqual(['last', 'best', 'ckpt']);
    expect(['last', '.girl-new', 'last.girl-newer', 'last.girl', 'girl-old'].map(checkpointOfSpare)).toEqual([null, null, null, null, null]);
  });
});
