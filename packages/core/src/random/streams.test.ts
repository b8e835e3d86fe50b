import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { Rng } from './rng.js';
import { createRng } from './simple-rng.js';

// Pinned streams. These numbers were drawn from the two generators GIRL had before @girl/core
// (@girl/tensor's xoshiro128** Rng and @girl/data's mulberry32 createRng), on 2026-11-29, just before
// they were merged into one. Checkpoints hold xoshiro states and the synthetic market and the RJDB
// split are built from mulberry32 draws, so neither stream may change.
describe('pinned streams', () => {
  it('xoshiro128** (new Rng) draws what @girl/tensor drew', () => {
    const r = new Rng(42);
    const f = r.fork('init');
    expect([r.next(), r.next(), r.next()]).toEqual([3253816498, 2250773712, 4278876491]);
    expect(r.uniform()).toBe(0.25169267689267094);
    expect([r.normal(), r.normal(0, 0.02)]).toEqual([-4.661239902731509, 0.0037543347616549256]);
    expect([r.int(10), r.int(2 ** 40)]).toEqual([4, 685946473955]);
    expect(r.shuffle([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([0, 3, 5, 1, 2, 4, 7, 6]);
    expect([f.next(), f.next()]).toEqual([349444483, 2006744613]);
    expect(new Rng('experiment-1').next()).toBe(2268878124);
    expect(new Rng(-7).next()).toBe(475199008);
    expect(r.getState()).toEqual({ algorithm: 'xoshiro128**', s: [3250110420, 750574276, 2311904091, 3270261894], spare: null });
    expect(Array.from(new Rng(3).fillUniform(new Float32Array(3)))).toEqual([0.5770118236541748, 0.8917986154556274, 0.5436193346977234]);
  });

  it('mulberry32 (createRng) draws what @girl/data drew', () => {
    const d = createRng(42);
    const df = d.fork('people');
    expect([d.next(), d.next(), d.next()]).toEqual([0.1135629778727889, 0.1923972088843584, 0.5514567221980542]);
    expect([d.int(10), d.int(1000)]).toEqual([9, 760]);
    expect(d.range(3, 7)).toBe(7);
    expect(d.chance(0.5)).toBe(true);
    expect(d.pick(['a', 'b', 'c'])).toBe('a');
    expect(d.shuffle([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([6, 4, 2, 3, 7, 0, 5, 1]);
    expect(d.sample([0, 1, 2, 3, 4, 5, 6, 7], 3)).toEqual([0, 7, 2]);
    expect([df.next(), df.fork('0').int(100)]).toEqual([0.7383066276088357, 72]);
    expect(createRng('split:1').next()).toBe(0.09971693181432784);
    expect([hashString('abc'), hashString('abc', 5)]).toEqual([482950588, 2353636346]);
  });

  it('a mulberry32 Rng saves and resumes its state like a xoshiro one', () => {
    const a = new Rng(7, 'mulberry32');
    a.next();
    a.normal();
    const saved = a.getState();
    expect(saved.algorithm).toBe('mulberry32');
    const b = Rng.fromState(JSON.parse(JSON.stringify(saved)));
    expect(b.algorithm).toBe('mulberry32');
    expect([b.normal(), b.next(), b.uniform()]).toEqual([a.normal(), a.next(), a.uniform()]);
    expect(() => b.setState({ algorithm: 'mulberry32', s: [1, 2] } as never)).toThrow(/one unsigned 32-bit integer for mulberry32/);
    expect(() => new Rng(Number.NaN, 'mulberry32')).toThrow(/finite number or a string/);
    expect(() => new Rng(1, 'pcg' as never)).toThrow(/algorithm must be/);
  });

  it('a mulberry32 fork does not advance its parent and depends on the label', () => {
    const a = new Rng(9, 'mulberry32');
    const b = new Rng(9, 'mulberry32');
    const x = a.fork('x').next();
    expect(a.next()).toBe(b.next());
    expect(x).not.toBe(new Rng(9, 'mulberry32').fork('y').next());
  });
});
