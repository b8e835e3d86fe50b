import { describe, expect, it } from 'vitest';
import { PromptSchedule } from './prompt-schedule.js';

describe('PromptSchedule', () => {
  it('repeats each CV samplesPerPrompt times in a row and visits every prompt once per pass', () => {
    const s = new PromptSchedule(10, { batchSize: 8, samplesPerPrompt: 4, seed: 3 });
    const steps = [0, 1, 2, 3, 4].map((i) => s.indices(i)); // 5 steps × 2 CVs = one pass over 10 prompts
    for (const rows of steps) {
      expect(rows).toHaveLength(8);
      expect(new Set(rows.slice(0, 4)).size).toBe(1);
      expect(new Set(rows.slice(4)).size).toBe(1);
    }
    const firstPass = steps.flatMap((rows) => [rows[0], rows[4]]);
    expect([...firstPass].sort((a, b) => a! - b!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is a pure function of the step and the seed (a resumed trainer continues the same schedule)', () => {
    const a = new PromptSchedule(7, { batchSize: 4, samplesPerPrompt: 1, seed: 5 });
    const b = new PromptSchedule(7, { batchSize: 4, samplesPerPrompt: 1, seed: 5 });
    const fromA = [0, 1, 2, 3].map((i) => a.indices(i));
    expect([3, 1].map((i) => b.indices(i))).toEqual([fromA[3], fromA[1]]);
    expect(new PromptSchedule(7, { batchSize: 4, samplesPerPrompt: 1, seed: 6 }).indices(0)).not.toEqual(fromA[0]);
  });
});
