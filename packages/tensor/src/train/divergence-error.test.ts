import { describe, expect, it } from 'vitest';
import { DivergenceError } from './divergence-error.js';

describe('DivergenceError', () => {
  const advice = { resume: 'a lower lr', fresh: 'Lower lr.' };

  it('names stage, step, what and value, and where to resume from when there is a checkpoint', () => {
    const e = new DivergenceError({ stage: 'sft', label: 'SFT diverged', step: 7, what: 'loss', value: NaN, checkpointDir: 'runs/1/sft', advice });
    expect(e.message).toBe("SFT diverged at step 7: the loss is NaN. The last checkpoint in 'runs/1/sft/last' was left untouched; resume from it with a lower lr.");
    expect([e.stage, e.step, e.what, e.checkpointDir]).toEqual(['sft', 7, 'loss', 'runs/1/sft']);
    expect(Number.isNaN(e.value)).toBe(true);
  });

  it('gives the fresh-start advice without a checkpoint, and subclasses stay catchable as DivergenceError', () => {
    class RmDiverged extends DivergenceError {}
    const e = new RmDiverged({ stage: 'reward', step: 2, what: 'gradient norm', value: Infinity, advice });
    expect(e.message).toBe('reward diverged at step 2: the gradient norm is Infinity. Lower lr.');
    expect(e).toBeInstanceOf(DivergenceError);
    expect(e.checkpointDir).toBeUndefined();
  });
});
