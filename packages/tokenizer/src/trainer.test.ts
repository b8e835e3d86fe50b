import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { learnMerges } from './trainer.js';
import type { TrainProgress } from './trainer.js';
import { countChunks } from './train.js';
import { syntheticText } from './test-corpus.js';

/** Textbook BPE training: recount every pair after every merge. */
function referenceMerges(counts: Map<string, number>, numMerges: number, minFrequency = 2): number[] {
  const words = [...counts].map(([w, c]) => ({ ids: Array.from(new TextEncoder().encode(w)), c }));
  const out: number[] = [];
  for (let m = 0; m < numMerges; m++) {
    const pairs = new Map<string, number>();
    for (const { ids, c } of words) for (let i = 0; i + 1 < ids.length; i++) pairs.set(`${ids[i]},${ids[i + 1]}`, (pairs.get(`${ids[i]},${ids[i + 1]}`) ?? 0) + c);
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [k, c] of pairs) {
      const [a, b] = k.split(',').map(Number) as [number, number];
      if (c > bestCount || (c === bestCount && best && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestCount = c;
      }
    }
    if (!best || bestCount < minFrequency) break;
    out.push(best[0], best[1]);
    const id = 256 + m;
    for (const w of words) {
      const next: number[] = [];
      for (let i = 0; i < w.ids.length; i++) {
        if (i + 1 < w.ids.length && w.ids[i] === best[0] && w.ids[i + 1] === best[1]) {
          next.push(id);
          i++;
        } else next.push(w.ids[i]!);
      }
      w.ids = next;
    }
  }
  return out;
}

describe('learnMerges', () => {
  it('learns the most frequent pair first (worked example)', () => {
    // "ab" x3, "abc" x1: (a,b) occurs 4 times; then (256, c) once -> below minFrequency 2.
    expect(Array.from(learnMerges(new Map([['ab', 3], ['abc', 1]]), 5))).toEqual([97, 98]);
    expect(Array.from(learnMerges(new Map([['ab', 3], ['abc', 1]]), 5, { minFrequency: 1 }))).toEqual([97, 98, 256, 99]);
  });

  it('handles overlapping pairs like "aaaa"', () => {
    // aaaa: (a,a) x3 -> [X, X]; then (X, X) once.
    expect(Array.from(learnMerges(new Map([['aaaa', 1]]), 3, { minFrequency: 1 }))).toEqual([97, 97, 256, 256]);
  });

  it('gives the same merges as full recounting on random corpora', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 25 }), (entries) => {
        const counts = new Map<string, number>();
        for (const [w, c] of entries) counts.set(w, (counts.get(w) ?? 0) + c);
        expect(Array.from(learnMerges(counts, 30, { minFrequency: 1 }))).toEqual(referenceMerges(counts, 30, 1));
        expect(Array.from(learnMerges(counts, 30))).toEqual(referenceMerges(counts, 30, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same merges as full recounting on real-looking text (English, Chinese, punctuation)', () => {
    const counts = countChunks(
      Array.from({ length: 40 }, (_, i) => syntheticText(i, 120)),
      'gpt2',
    );
    const ours = Array.from(learnMerges(counts, 150));
    expect(ours.length).toBe(300);
    expect(ours).toEqual(referenceMerges(counts, 150));
  });

  it('reports progress', () => {
    const seen: TrainProgress[] = [];
    learnMerges(new Map([['abcdefgh', 2]]), 4, { onProgress: (p) => seen.push(p), progressEvery: 2 });
    expect(seen.map((p) => p.merges)).toEqual([2, 4]);
    expect(seen[0]!.target).toBe(4);
  });
});
