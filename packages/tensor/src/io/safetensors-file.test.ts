import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../test-utils/each-backend.js';
import { encodeSafetensors } from './safetensors.js';
import { loadSafetensors, safetensorsEntriesToTensors, saveSafetensors } from './safetensors-file.js';

describeEachBackend('saveSafetensors / loadSafetensors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-st-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips float32 exactly, int32 and bool, with metadata, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const input = {
      'h.0.w': tf.tensor2d([
        [0.1, -2.5e-8, 3e30],
        [Math.PI, -0, 1],
      ]),
      ids: tf.tensor1d([1, -7, 2 ** 31 - 1], 'int32'),
      mask: tf.tensor1d([true, false, true], 'bool'),
      scalar: tf.scalar(42),
    };
    const file = join(dir, 'model.safetensors');
    await saveSafetensors(file, input, { metadata: { step: '12' } });
    expect(await readdir(dir)).toEqual(['model.safetensors']);
    const { tensors, metadata } = await loadSafetensors(file);
    expect(metadata).toEqual({ step: '12' });
    for (const [name, t] of Object.entries(input)) {
      const got = tensors[name]!;
      expect(got.dtype).toBe(t.dtype);
      expect(got.shape).toEqual(t.shape);
      expect(Array.from(await got.data())).toEqual(Array.from(await t.data()));
    }
    tf.dispose([...Object.values(input), ...Object.values(tensors)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stores F16 on request (half the bytes, values rounded to half precision)', async () => {
    const w = tf.tensor1d([1, 0.1, 65504, 1e5, -3.25]);
    const f32 = join(dir, 'f32.safetensors');
    const f16 = join(dir, 'f16.safetensors');
    await saveSafetensors(f32, { w });
    await saveSafetensors(f16, { w }, { dtype: 'F16' });
    const headerLen = (b: Buffer) => Number(b.readBigUInt64LE(0));
    const b32 = await readFile(f32);
    const b16 = await readFile(f16);
    expect(b32.length - 8 - headerLen(b32)).toBe(20);
    expect(b16.length - 8 - headerLen(b16)).toBe(10);
    const { tensors } = await loadSafetensors(f16);
    expect(Array.from(await tensors['w']!.data())).toEqual([1, 0.0999755859375, 65504, Infinity, -3.25]);
    tf.dispose([w, ...Object.values(tensors)]);
  });

  it('converts other dtypes to what tfjs has and refuses values int32 cannot hold', () => {
    const ok = safetensorsEntriesToTensors({
      a: { dtype: 'U8', shape: [2], data: new Uint8Array([0, 255]) },
      b: { dtype: 'I64', shape: [1], data: new BigInt64Array([-5n]) },
      c: { dtype: 'BF16', shape: [1], data: new Uint16Array([0x3f80]) },
    });
    expect(ok['a']!.dtype).toBe('int32');
    expect(Array.from(ok['a']!.dataSync())).toEqual([0, 255]);
    expect(Array.from(ok['b']!.dataSync())).toEqual([-5]);
    expect(Array.from(ok['c']!.dataSync())).toEqual([1]);
    tf.dispose(Object.values(ok));
    const before = tf.memory().numTensors;
    expect(() =>
      safetensorsEntriesToTensors(
        {
          fine: { dtype: 'F32', shape: [1], data: new Float32Array(1) },
          big: { dtype: 'U64', shape: [1], data: new BigUint64Array([2n ** 40n]) },
        },
        'x.safetensors',
      ),
    ).toThrow(/x\.safetensors: tensor 'big' \(U64\) holds 1099511627776 at index 0, outside int32/);
    expect(tf.memory().numTensors).toBe(before); // the tensor made before the error was disposed
  });

  it('gives clear errors that name the file for truncated, corrupt and missing files', async () => {
    const file = join(dir, 'cut.safetensors');
    await saveSafetensors(file, { w: tf.tidy(() => tf.ones([4, 4])) });
    const size = (await readFile(file)).length;
    await truncate(file, size - 3);
    await expect(loadSafetensors(file)).rejects.toThrow(/cut\.safetensors: tensor 'w'.*run past the end.*truncated/);
    await truncate(file, 4);
    await expect(loadSafetensors(file)).rejects.toThrow(/cut\.safetensors: only 4 bytes/);
    const garbage = join(dir, 'garbage.safetensors');
    const bytes = encodeSafetensors({ w: { dtype: 'F32', shape: [1], data: new Float32Array(1) } });
    bytes[10] = 0x22; // break the JSON
    await writeFile(garbage, bytes);
    await expect(loadSafetensors(garbage)).rejects.toThrow(/garbage\.safetensors: header is not valid JSON/);
    await expect(loadSafetensors(join(dir, 'nope.safetensors'))).rejects.toThrow(/cannot read '.*nope\.safetensors' \(ENOENT\)/);
  });

  it('refuses unsupported tensors before writing anything', async () => {
    const s = tf.tensor1d(['a'], 'string');
    await expect(saveSafetensors(join(dir, 'str.safetensors'), { s })).rejects.toThrow(/'s' has dtype string/);
    s.dispose();
    await expect(readdir(dir)).resolves.not.toContain('str.safetensors');
  });
});
