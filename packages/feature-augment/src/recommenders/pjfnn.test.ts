import { auc } from '@girl/core';
import { initBackend } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { PjfnnModel } from './pjfnn.js';
import type { RecRow } from './recommender.js';
import { WordVocab } from './word-vocab.js';

beforeAll(async () => {
  await initBackend('auto');
});

const FAMILIES = [
  ['nurse', 'patient', 'ward', 'triage'],
  ['engineer', 'python', 'spark', 'pipelines'],
  ['chef', 'kitchen', 'sauces', 'pastry'],
  ['lawyer', 'contracts', 'court', 'litigation'],
];
function toy(n: number, seed: number): { rows: RecRow[]; labels: number[] } {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const rows: RecRow[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(r() * 4);
    const b = r() < 0.5 ? a : Math.floor(r() * 4);
    const words = (f: number) => (FAMILIES[f] as string[]).filter(() => r() < 0.7).join(' ') + ' experienced team';
    rows.push({ cvId: `c${i}`, cv: `cv ${words(a)}`, jdId: `j${i}`, jd: `we hire ${words(b)}`, features: [0] });
    labels.push(a === b ? 1 : 0);
  }
  return { rows, labels };
}

describe('PjfnnModel', () => {
  it('learns which CV words go with which JD words (held-out AUC)', async () => {
    const train = toy(400, 1);
    const test = toy(200, 2);
    const m = new PjfnnModel({ epochs: 15, seed: 1, lr: 5e-3 });
    await m.fit({ ...train, columns: ['x'] });
    expect(m.losses.at(-1)).toBeLessThan((m.losses[0] as number) * 0.7);
    expect(auc(await m.predict(test.rows), test.labels)).toBeGreaterThan(0.85);
    m.dispose();
    await expect(m.predict(test.rows)).rejects.toThrow();
  });

  it('needs generated JDs at prediction time when trained with them', async () => {
    const train = toy(64, 3);
    const m = new PjfnnModel({ epochs: 1 });
    await m.fit({ rows: train.rows.map((r) => ({ ...r, generatedJd: r.jd })), labels: train.labels, columns: ['x'] });
    await expect(m.predict(train.rows)).rejects.toThrow(/needs one/);
    m.dispose();
  });
});

describe('WordVocab', () => {
  it('keeps frequent words, pads with 0, maps the rest to 1', () => {
    const v = WordVocab.build(['aa bb aa', 'bb cc aa'], { minCount: 2 });
    expect(v.size).toBe(4);
    expect([...v.encode('aa zz bb', 4)]).toEqual([2, 1, 3, 0]);
  });
});
