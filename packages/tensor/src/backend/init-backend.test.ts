import { describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, activeBackend, initBackend } from './index.js';
import { NATIVE_AVAILABLE } from '../test-utils/each-backend.js';

describe('initBackend', () => {
  it('rejects an unknown backend name, listing the valid ones', async () => {
    await expect(initBackend('tpu' as never)).rejects.toThrow(/Unknown backend 'tpu'.*wasm/);
  });

  it('names the package and its system needs when tfjs-node is missing', async () => {
    const error = await initBackend('tensorflow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/@tensorflow\/tfjs-node@4\.22/);
    expect((error as Error).message).toMatch(/npm install/);
    const gpu = await initBackend('tensorflow-gpu').catch((e: unknown) => e);
    expect((gpu as Error).message).toMatch(/CUDA 11\.2 and cuDNN 8\.1/);
  });

  it('auto picks native where its addon was built, else wasm, reporting what it skipped', async () => {
    const notices: string[] = [];
    const info = await initBackend('auto', { onNotice: (m) => notices.push(m) });
    if (info.name === 'webgpu') {
      // a machine with a hardware GPU: auto rightly prefers it (never a software adapter)
      expect(info.adapter?.software).toBe(false);
      return;
    }
    expect(info.name).toBe(NATIVE_AVAILABLE ? 'native' : 'wasm');
    expect(activeBackend()).toBe(info.name);
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(NATIVE_AVAILABLE ? ['tensorflow-gpu', 'tensorflow', 'webgpu'] : ['tensorflow-gpu', 'tensorflow', 'webgpu', 'native']);
    // tfjs-node being absent is normal and silent; a native addon that could not load is worth one line
    expect(notices).toHaveLength(NATIVE_AVAILABLE ? 0 : 1);
  });

  it('switches between cpu and wasm, and computes the same thing on both', async () => {
    await initBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const onCpu = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
    await initBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const onWasm = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
    expect(Array.from(onWasm)).toEqual(Array.from(onCpu));
    expect(Array.from(onCpu)).toEqual([17, 39]);
  });

  it('native and wasm switch back and forth, and report which is active', async () => {
    if (!NATIVE_AVAILABLE) {
      await expect(initBackend('native')).rejects.toThrow(/native/);
      return;
    }
    const native = await initBackend('native', { threads: 2 });
    expect(native).toMatchObject({ name: 'native', threads: 2 });
    expect(activeBackend()).toBe('native');
    await initBackend('wasm');
    expect(activeBackend()).toBe('wasm');
    await initBackend('native');
    expect(activeBackend()).toBe('native');
  });

  it('auto falls back to wasm with a one-line notice when the native addon is unavailable', async () => {
    await initBackend('wasm'); // restore tfjs's own wasm kernels before a fresh module instance takes over
    process.env.GIRL_NATIVE = '0';
    try {
      vi.resetModules(); // fresh module state: the addon loader caches its first answer
      const fresh = await import('./init-backend.js');
      const notices: string[] = [];
      const info = await fresh.initBackend('auto', { onNotice: (m) => notices.push(m) });
      expect(info.name).toBe('wasm');
      expect(notices).toEqual([`@girl/tensor: using 'wasm': native kernels unavailable: disabled by GIRL_NATIVE=0.`]);
    } finally {
      delete process.env.GIRL_NATIVE;
      vi.resetModules();
    }
  });

  it('rejects a bad thread count', async () => {
    await expect(initBackend('wasm', { threads: 0 })).rejects.toThrow(/positive integer/);
  });
});
