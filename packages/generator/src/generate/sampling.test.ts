import { describe, expect, it } from 'vitest';
import {
  applyNoRepeatNgram,
  applyRepetitionPenalty,
  applyTemperature,
  argmax,
  logProbOf,
  processLogits,
  sampleFromLogits,
  softmax,
  topKFilter,
  topPFilter,
} from './sampling.js';
import { Rng } from '@girl/core';

const f = (...x: number[]) => Float32Array.from(x);

describe('sampling helpers', () => {
  it('repetition penalty divides positive and multiplies negative logits, once per id', () => {
    expect(Array.from(applyRepetitionPenalty(f(2, -2, 1), [0, 1, 1, 1], 2))).toEqual([1, -4, 1]);
    expect(Array.from(applyRepetitionPenalty(f(2, -2), [0], 1))).toEqual([2, -2]);
    expect(() => applyRepetitionPenalty(f(1), [0], 0)).toThrow(/repetitionPenalty/);
  });

  it('temperature scales logits and rejects 0', () => {
    expect(Array.from(applyTemperature(f(2, 4), 2))).toEqual([1, 2]);
    expect(() => applyTemperature(f(1), 0)).toThrow(/doSample: false/);
  });

  it('top-k keeps the k largest (and ties)', () => {
    expect(Array.from(topKFilter(f(1, 3, 2, 0), 2))).toEqual([-Infinity, 3, 2, -Infinity]);
    expect(Array.from(topKFilter(f(1, 2, 2, 0), 1))).toEqual([-Infinity, 2, 2, -Infinity]);
    expect(Array.from(topKFilter(f(1, 2), 0))).toEqual([1, 2]);
    expect(Array.from(topKFilter(f(1, 2), 5))).toEqual([1, 2]);
  });

  it('top-p keeps the smallest set reaching p', () => {
    const l = () => f(Math.log(0.5), Math.log(0.3), Math.log(0.2));
    expect(Array.from(topPFilter(l(), 0.7)).map((x) => x === -Infinity)).toEqual([false, false, true]);
    expect(Array.from(topPFilter(l(), 0.5)).map((x) => x === -Infinity)).toEqual([false, true, true]);
    expect(Array.from(topPFilter(l(), 0.81)).map((x) => x === -Infinity)).toEqual([false, false, false]);
    expect(Array.from(topPFilter(l(), 0.01, 2)).map((x) => x === -Infinity)).toEqual([false, false, true]);
    expect(Array.from(topPFilter(l(), 1))).toEqual(Array.from(l()));
  });

  it('softmax, logProbOf and argmax agree', () => {
    const l = f(1, 2, 3, -Infinity);
    const p = softmax(l);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[3]).toBe(0);
    expect(logProbOf(l, 2)).toBeCloseTo(Math.log(p[2]!), 12);
    expect(argmax(l)).toBe(2);
    expect(argmax(f(5, 5))).toBe(0);
    expect(() => softmax(f(-Infinity, -Infinity))).toThrow(/filtered out/);
  });

  it('seeded sampling is reproducible, never picks filtered tokens, and matches the distribution', () => {
    const logits = f(Math.log(0.6), Math.log(0.3), Math.log(0.1), -Infinity);
    const draw = (seed: number) => Array.from({ length: 4000 }, (_, i, r = new Rng(seed + i)) => sampleFromLogits(logits, r));
    const rng = new Rng(42);
    const a = Array.from({ length: 20000 }, () => sampleFromLogits(logits, rng));
    const rng2 = new Rng(42);
    const b = Array.from({ length: 20000 }, () => sampleFromLogits(logits, rng2));
    expect(a).toEqual(b);
    const counts = [0, 0, 0, 0];
    for (const x of a) counts[x]!++;
    expect(counts[3]).toBe(0);
    expect(counts[0]! / a.length).toBeCloseTo(0.6, 1);
    expect(counts[1]! / a.length).toBeCloseTo(0.3, 1);
    expect(counts[2]! / a.length).toBeGreaterThan(0.08);
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('processLogits runs the processors in HF order and leaves greedy to the penalty only', () => {
    const greedy = processLogits(f(4, 2, 1), [0], { repetitionPenalty: 4, temperature: 0.1, topK: 1 });
    expect(Array.from(greedy)).toEqual([1, 2, 1]);
    const sampled = processLogits(f(4, 2, 1), [], { doSample: true, temperature: 2, topK: 2 });
    expect(Array.from(sampled)).toEqual([2, 1, -Infinity]);
  });

  it('no-repeat n-gram bans exactly the tokens that would complete an earlier n-gram', () => {
    // (1, 2) was followed by 3 and by 0: both are banned after a trailing (1, 2); the rest untouched
    expect(Array.from(applyNoRepeatNgram(f(1, 1, 1, 1, 1), [1, 2, 3, 4, 1, 2, 0, 1, 2], 3))).toEqual([-Infinity, 1, 1, -Infinity, 1]);
    // the trailing (2, 3) never occurred before: nothing banned
    expect(Array.from(applyNoRepeatNgram(f(1, 1, 1, 1), [1, 2, 3, 1, 2, 3].slice(1), 3))).toEqual([1, -Infinity, 1, 1]);
    expect(Array.from(applyNoRepeatNgram(f(1, 1, 1), [2, 0], 1))).toEqual([-Infinity, 1, -Infinity]);
    expect(Array.from(applyNoRepeatNgram(f(1, 1), [0, 1, 0], 0))).toEqual([1, 1]);
    expect(Array.from(applyNoRepeatNgram(f(1, 1), [0], 3))).toEqual([1, 1]); // shorter than n
    expect(() => applyNoRepeatNgram(f(1), [0], -1)).toThrow(/noRepeatNgramSize/);
  });

  it('processLogits applies the n-gram ban to the generated tokens only, not the prompt', () => {
    // prompt (0, 1, 2), generated (0, 1): the 3-gram (0, 1, 2) is in the prompt only, so 2 stays allowed
    expect(Array.from(processLogits(f(1, 1, 5), [0, 1, 2, 0, 1], { noRepeatNgramSize: 3 }, 3))).toEqual([1, 1, 5]);
    // counted from the start, the prompt's 3-gram bans it
    expect(Array.from(processLogits(f(1, 1, 5), [0, 1, 2, 0, 1], { noRepeatNgramSize: 3 }, 0))).toEqual([1, 1, -Infinity]);
  });
});
