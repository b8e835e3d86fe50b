import { describe, expect, it } from 'vitest';
import { adapterInfo, describeAdapter, isSoftwareAdapter } from './adapter-info.js';

describe('webgpu adapter info', () => {
  it('tells software adapters (lavapipe, SwiftShader, fallback) from hardware ones', () => {
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: 'software', description: 'llvmpipe: Mesa 25.0.7' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'google', architecture: '', description: 'SwiftShader Device (Subzero)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }, true)).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'amd', architecture: 'rdna-3', device: 'Radeon RX 7900' })).toBe(false);
  });

  it('normalises missing fields and describes the adapter in one line', () => {
    const info = adapterInfo({ vendor: 'mesa', architecture: 'software', description: 'llvmpipe: Mesa 25' });
    expect(info).toEqual({ vendor: 'mesa', architecture: 'software', device: '', description: 'llvmpipe: Mesa 25', software: true });
    expect(describeAdapter(info)).toBe('mesa software (llvmpipe: Mesa 25), software adapter');
    expect(describeAdapter(adapterInfo(undefined))).toBe('unknown vendor');
  });
});
