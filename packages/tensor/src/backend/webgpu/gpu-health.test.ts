import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../init-backend.js';
import { BackendUnavailableError } from '../errors.js';
import { GpuOutOfMemoryError, assertGpuHealthy, noteGpuDeviceLost, watchGpuDevice } from './gpu-health.js';

/** A device stand-in that dispatches uncaptured errors the way a GPUDevice does. */
function fakeDevice() {
  const target = new EventTarget();
  const device = {
    addEventListener: (type: 'uncapturederror', fn: (e: { error?: { message?: string } }) => void) => target.addEventListener(type, fn as unknown as Parameters<EventTarget["addEventListener"]>[1]),
  };
  const raise = (error: object) => target.dispatchEvent(Object.assign(new Event('uncapturederror'), { error }));
  return { device, raise };
}
class GPUOutOfMemoryError {
  constructor(readonly message: string) {}
}
class GPUValidationError {
  constructor(readonly message: string) {}
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('GPU health', () => {
  it('an out-of-memory event makes the next check throw GpuOutOfMemoryError with the live tensors, once', () => {
    const { device, raise } = fakeDevice();
    watchGpuDevice(device);
    assertGpuHealthy('SFT step 1'); // nothing happened yet
    const kept = tf.zeros([256, 256]); // 256 KiB live
    raise(new GPUOutOfMemoryError('Not enough memory left to allocate a 2147483648-byte buffer'));
    raise(new GPUOutOfMemoryError('a second one')); // the first is the one reported
    let err: unknown;
    try {
      assertGpuHealthy('SFT step 2');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GpuOutOfMemoryError);
    const oom = err as GpuOutOfMemoryError;
    expect(oom.during).toBe('SFT step 2');
    expect(oom.liveTensors).toBe(tf.memory().numTensors);
    expect(oom.liveBytes).toBeGreaterThanOrEqual(256 * 256 * 4);
    expect(oom.message).toMatch(/ran out of memory during SFT step 2 \(Not enough memory left to allocate a 2147483648-byte buffer\).*MiB.*Lower the batch size.*last checkpoint is intact/);
    expect(() => assertGpuHealthy('SFT step 3')).not.toThrow(); // reported once
    kept.dispose();
  });

  it('other uncaptured errors are not taken for out-of-memory; a lost device is reported', () => {
    const { device, raise } = fakeDevice();
    watchGpuDevice(device);
    raise(new GPUValidationError('Buffer is invalid'));
    expect(() => assertGpuHealthy('PPO step 1')).not.toThrow();
    noteGpuDeviceLost('driver reset');
    expect(() => assertGpuHealthy('PPO step 2')).toThrow(BackendUnavailableError);
    expect(() => assertGpuHealthy('PPO step 3')).not.toThrow();
  });
});
