import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../init-backend.js';
import { WEBGPU_SKIP_REASON } from '../../test-utils/each-backend.js';

describe('webgpu backend start', () => {
  it.runIf(WEBGPU_SKIP_REASON === null)('starts on an adapter it reports, computing on the GPU without CPU forwarding', async () => {
    const info = await initBackend('webgpu');
    expect(info.name).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(tf.env().getBool('WEBGPU_CPU_FORWARD')).toBe(false);
    expect(typeof info.adapter?.vendor).toBe('string');
    expect(`${info.adapter?.architecture}${info.adapter?.description}`.length).toBeGreaterThan(0);
    const y = await tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).data();
    expect(Array.from(y)).toEqual([11]);
    await initBackend('cpu');
  });

  it.runIf(WEBGPU_SKIP_REASON === null)('refuses a software webgpu adapter unless allowed, and auto never picks one', async () => {
    const info = await initBackend('webgpu');
    if (!info.adapter?.software) return; // a hardware adapter: nothing to refuse
    await expect(initBackend('webgpu', { allowSoftwareAdapter: false })).rejects.toThrow(/software adapter not allowed/);
    const auto = await initBackend('auto');
    expect(auto.name).not.toBe('webgpu');
    expect(auto.skipped.find((s) => s.name === 'webgpu')?.reason).toMatch(/software adapter not allowed/);
  });

  it.runIf(WEBGPU_SKIP_REASON !== null)('without an adapter, webgpu fails with BackendUnavailableError saying what is missing', async () => {
    await expect(initBackend('webgpu')).rejects.toMatchObject({ name: 'BackendUnavailableError', backend: 'webgpu' });
    await expect(initBackend('webgpu')).rejects.toThrow(/Vulkan|adapter|webgpu/);
  });
});
