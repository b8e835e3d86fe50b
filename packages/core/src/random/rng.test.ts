import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import type { RngState } from './rng-state.js';

describe('Rng', () => {
  it('matches the xoshiro128** reference vector for state [1, 2, 3, 4]', () => {
    // Reference outputs from the authors' C code (also rand_xoshiro's test vector).
    const rng = Rng.fromState({ algorithm: 'xoshiro128**', s: [1, 2, 3, 4], spare: null });
    const got = Array.from({ length: 10 }, () => rng.next());
    expect(got).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('gives equal streams for equal seeds and different ones otherwise', () => {
    const draw = (seed: number | string) => {
      const r = new Rng(seed);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('run-a')).toEqual(draw('run-a'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(-0 - 1));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
    expect(draw('0')).not.toEqual(draw(0));
  });

  it('refuses seeds that are not safe integers or strings', () => {
    expect(() => new Rng(1.5)).toThrow(/safe integer or a string/);
    expect(() => new Rng(Number.NaN)).toThrow(/safe integer/);
  });

  it('uniform() lies in [0, 1) with mean ~1/2 and variance ~1/12', () => {
    const rng = new Rng(7);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // 5 sigma is ~0.0046
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.003);
  });

  it('normal() has the requested mean and std', () => {
    const rng = new Rng(11);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal(3, 2);
      sum += z;
      sq += (z - 3) * (z - 3);
    }
    expect(Math.abs(sum / n - 3)).toBeLessThan(0.03); // 5 sigma = 5 * 2 / sqrt(n) ≈ 0.032
    expect(Math.abs(Math.sqrt(sq / n) - 2)).toBeLessThan(0.03);
  });

  it('int(n) is unbiased: every bucket of int(6) near 1/6, chi-square small', () => {
    const rng = new Rng(5);
    const counts = new Array<number>(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[rng.int(6)]!++;
    const chi2 = counts.reduce((acc, c) => acc + (c - n / 6) ** 2 / (n / 6), 0);
    expect(chi2).toBeLessThan(20.5); // p = 0.001 for 5 degrees of freedom
  });

  it('int(n) covers [0, n) for n above 2^32 and rejects bad n', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const x = rng.int(2 ** 40 + 3);
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 40 + 3).toBe(true);
    }
    expect(rng.int(1)).toBe(0);
    expect(() => rng.int(0)).toThrow(/positive safe integer/);
    expect(() => rng.int(2.5)).toThrow(/positive safe integer/);
  });

  it('shuffle() permutes in place and choice() picks members', () => {
    const rng = new Rng(9);
    const a = Array.from({ length: 50 }, (_, i) => i);
    const same = rng.shuffle(a);
    expect(same).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Every position is reachable: first element over many shuffles of [0,1,2].
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) seen.add(rng.shuffle([0, 1, 2])[0]!);
    expect(seen).toEqual(new Set([0, 1, 2]));
    expect(['x', 'y']).toContain(rng.choice(['x', 'y']));
    expect(() => rng.choice([])).toThrow(/empty array/);
  });

  it('fork() is deterministic, label-dependent and does not advance the parent', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const fa = a.fork('data');
    expect(a.next()).toBe(b.next()); // parent unaffected by forking
    const a2 = new Rng(1);
    expect(a2.fork('data').next()).toBe(new Rng(1).fork('data').next());
    const x = new Rng(1);
    const d1 = Array.from({ length: 4 }, () => x.fork('data').next());
    expect(new Set(d1).size).toBe(1);
    expect(new Rng(1).fork('data').next()).not.toBe(new Rng(1).fork('init').next());
    expect(fa.next()).not.toBe(new Rng(1).next());
  });

  it('getState()/setState() resume the identical continuation, including the cached normal', () => {
    const rng = new Rng('resume');
    rng.normal(); // leaves a spare cached
    const state: RngState = JSON.parse(JSON.stringify(rng.getState()));
    expect(state.spare).not.toBeNull();
    const expected = [rng.normal(), rng.uniform(), rng.next(), rng.int(1000), rng.normal()];
    const resumed = Rng.fromState(state);
    expect([resumed.normal(), resumed.uniform(), resumed.next(), resumed.int(1000), resumed.normal()]).toEqual(expected);
  });

  it('setState() names the bad field', () => {
    const rng = new Rng(0);
    expect(() => rng.setState({ algorithm: 'pcg32', s: [1, 2, 3, 4], spare: null } as unknown as RngState)).toThrow(
      /algorithm/,
    );
    expect(() => rng.setState({ algorithm: 'xoshiro128**', s: [1, 2, 3], spare: null } as unknown as RngState)).toThrow(
      /state\.s/,
    );
    expect(() => rng.setState({ algorithm: 'xoshiro128**', s: [0, 0, 0, 0], spare: null })).toThrow(/all zero/);
    expect(() => rng.setState({ algorithm: 'xoshiro128**', s: [1, 2, 3, 4], spare: Number.NaN })).toThrow(/spare/);
  });

  it('fillNormal()/fillUniform() equal the scalar draws and stay in range', () => {
    const a = new Rng(21);
    const b = new Rng(21);
    const filled = a.fillNormal(new Float64Array(5), 0.5, 1);
    expect(Array.from(filled)).toEqual(Array.from({ length: 5 }, () => b.normal(1, 0.5)));
    const u = new Rng(2).fillUniform(new Float32Array(10_000), -1, 1);
    expect(u.every((x) => x >= -1 && x < 1)).toBe(true);
    const unit = new Rng(3).fillUniform(new Float32Array(10_000));
    expect(unit.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
