import { initBackend } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { longerCvScores } from '../baselines/length.js';
import { tfidfCosine } from '@girl/core';
import { auc, pairwiseAccuracy } from '../metrics/index.js';
import { microRewardModel } from '../testing.js';
import { baselineMetrics, evaluateRewardModel, formatEvaluation, metricsFromScores } from './evaluate.js';

const ROWS = [
  { cv: 'python sql spark engineer with many years', jd: 'data engineer python spark', label: 1, group: 'j1' },
  { cv: 'nurse triage', jd: 'data engineer python spark', label: 0, group: 'j1' },
  { cv: 'registered nurse triage ward care', jd: 'hospital nurse triage', label: 1, group: 'j2' },
  { cv: 'chef pastry', jd: 'hospital nurse triage', label: 0, group: 'j2' },
];

describe('evaluation', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('metricsFromScores: hand-computed figures for logits', () => {
    const m = metricsFromScores([2, -1, 0, 1], ROWS);
    // positives {2, 0} vs negatives {-1, 1}: 2>-1, 2>1, 0>-1, 0<1 → 3/4; pairs j1: 2>-1 ✓, j2: 0<1 ✗ → 1/2
    expect(m.auc).toBeCloseTo(0.75, 12);
    expect(m.pairwiseAccuracy).toBeCloseTo(0.5, 12);
    // σ: 0.881 (1 ✓), 0.269 (0 ✓), 0.5 (1: predicted 0 ✗), 0.731 (0 ✗) → 1/2
    expect(m.accuracy).toBeCloseTo(0.5, 12);
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    expect(m.logLoss).toBeCloseTo(-(Math.log(s(2)) + Math.log(1 - s(-1)) + Math.log(s(0)) + Math.log(1 - s(1))) / 4, 10);
  });

  it('reports the model beside both baselines on the same rows', async () => {
    const rm = microRewardModel(undefined, 1, 64);
    const e = await evaluateRewardModel(rm, ROWS);
    const labels = ROWS.map((r) => r.label);
    const groups = ROWS.map((r) => r.group);
    expect(e).toMatchObject({ rows: 4, positives: 2, comparisons: 2, groups: 2 });
    expect(e.baselines?.tfidfCosine.pairwiseAccuracy).toBe(pairwiseAccuracy(tfidfCosine(ROWS), labels, groups));
    expect(e.baselines?.tfidfCosine.pairwiseAccuracy).toBe(1);
    expect(e.baselines?.longerCv).toEqual({ auc: auc(longerCvScores(ROWS), labels), pairwiseAccuracy: 1 });
    expect(e.baselines?.longerCv.auc).toBe(1); // lengths 7, 2, 5, 2
    expect(e.model).toEqual(metricsFromScores(e.scores, ROWS));
    expect(baselineMetrics([1, 0, 1, 0], ROWS)).toEqual({ auc: 1, pairwiseAccuracy: 1 });
    const table = formatEvaluation(e, 'tiny');
    expect(table).toContain('| TF-IDF cosine |');
    expect(table).toContain('| longer CV wins |');
    expect(table.split('\n')[0]).toMatch(/^tiny: 4 rows \(2 positive\), 2 within-group comparisons in 2 groups/);
    const noBaselines = await evaluateRewardModel(rm, ROWS, { baselines: false });
    expect(noBaselines.baselines).toBeUndefined();
    rm.dispose();
  });
});
