import { describe, expect, it } from 'vitest';
import { assertKnownFields, closestName, describeUnknown, renameFields } from './unknown-fields.js';

describe('assertKnownFields', () => {
  it('passes known fields and names each unknown one with the likely intended name', () => {
    expect(() => assertKnownFields({ lr: 1, steps: 2 }, ['lr', 'steps'], 'X')).not.toThrow();
    expect(() => assertKnownFields({ learning_rate: 1 }, ['learningRate', 'steps'], 'PpoConfig')).toThrow(
      "PpoConfig: unknown field 'learning_rate' (did you mean 'learningRate'?). Known fields: learningRate, steps.",
    );
    expect(() => assertKnownFields({ a: 1, zzzzzz: undefined }, ['lr'], 'X')).toThrow(/unknown fields 'a', 'zzzzzz'\. Known/);
    expect(() => assertKnownFields({ q: 1 }, ['lr'], 'X', (m) => new RangeError(m))).toThrow(RangeError);
  });

  it('suggests only close names', () => {
    expect(closestName('batchsize', ['batchSize', 'epochs'])).toBe('batchSize');
    expect(closestName('gradClip', ['maxGradNorm', 'epochs'])).toBeUndefined();
    expect(closestName('evalEvry', ['evalEvery'])).toBe('evalEvery');
  });

  it('names the new name of a renamed field, however far apart the names are', () => {
    const renamed = { lr: 'learningRate', gradClip: 'maxGradNorm' };
    expect(() => assertKnownFields({ lr: 1e-3, gradClip: 1 }, ['learningRate', 'maxGradNorm'], 'SftConfig', { renamed, makeError: (m) => new RangeError(m) })).toThrow(
      "SftConfig: unknown fields 'lr' (renamed 'learningRate'), 'gradClip' (renamed 'maxGradNorm'). Known fields: learningRate, maxGradNorm.",
    );
    expect(() => assertKnownFields({ lr: 1 }, ['learningRate'], 'X', { renamed })).toThrow(TypeError);
    expect(describeUnknown('learnigRate', ['learningRate'], renamed)).toBe("'learnigRate' (did you mean 'learningRate'?)");
    expect(describeUnknown('toString', ['learningRate'], renamed)).toBe("'toString'");
  });
});

describe('renameFields', () => {
  it('moves old names to new ones (the old value wins), keeps the rest, and leaves the input alone', () => {
    const saved = { lr: 2e-3, learningRate: 1, seed: 1, gradClip: undefined, maxGradNorm: 0.5 };
    expect(renameFields(saved, { lr: 'learningRate', gradClip: 'maxGradNorm' })).toEqual({ learningRate: 2e-3, seed: 1, maxGradNorm: 0.5 });
    expect(renameFields({ seed: 1, lr: 3 }, { lr: 'learningRate' })).toEqual({ seed: 1, learningRate: 3 });
    expect(saved.lr).toBe(2e-3);
  });
});
