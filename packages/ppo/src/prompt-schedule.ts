import { Rng } from '@girl/core';
/**
 * Which CVs each PPO step answers: a seeded permutation of the prompts per pass over them, each CV repeated
 * `samplesPerPrompt` times in a row (rows g·k … g·k + k − 1 answer one CV). A pure function of the step
 * number, so a resumed trainer continues the same schedule.
 */

/**
 * @example
 * ```ts
 * const schedule = new PromptSchedule(1000, { batchSize: 16, samplesPerPrompt: 4, seed: 7 });
 * schedule.indices(0); // 16 prompt indices: 4 CVs, each 4 times in a row
 * ```
 */
export class PromptSchedule {
  /** Permutations by pass over the prompts (only the current one is kept). */
  private readonly orders = new Map<number, number[]>();

  constructor(
    /** Number of prompts. */
    private readonly n: number,
    private readonly c: { batchSize: number; samplesPerPrompt: number; seed: number | string },
  ) {}

  /** The prompt indices of step `s` (0-based), `batchSize` of them. */
  indices(s: number): number[] {
    const k = this.c.samplesPerPrompt;
    const perStep = this.c.batchSize / k; // distinct CVs per step
    const out: number[] = [];
    for (let i = 0; i < perStep; i++) {
      const g = s * perStep + i;
      const pass = Math.floor(g / this.n);
      let order = this.orders.get(pass);
      if (!order) {
        order = new Rng(`${this.c.seed}/prompts/${pass}`).shuffle([...Array(this.n).keys()]);
        this.orders.clear();
        this.orders.set(pass, order);
      }
      for (let j = 0; j < k; j++) out.push(order[g % this.n] as number);
    }
    return out;
  }
}
