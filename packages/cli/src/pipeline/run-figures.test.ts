import { describe, expect, it } from 'vitest';
import { runFigures, worseQuality } from './run-figures.js';
import type { RunSummary } from './summary.js';

const q = (over: Partial<Record<string, number | null>> = {}) => ({ repeatedLineRate: 0.1, sectionsPresent: 0.9, distinctSkills: 3, occupationMatch: 0.8, seniorityMatch: 0.5, ...over });

function summary(over: Partial<RunSummary>): RunSummary {
  return {
    id: 'x',
    preset: 'tiny',
    backend: 'cpu',
    data: { source: 'synthetic', format: 'synthetic', sftTrain: 1, sftEval: 1, pairsTrain: 1, pairsEval: 1, oracle: true },
    stageSeconds: {},
    seconds: 1,
    sessions: 1,
    finishedAt: '',
    machine: { cpus: 2, cpu: 'c', node: 'v20', platform: 'linux' },
    ...over,
  };
}

describe('runFigures', () => {
  it('takes the truth AUCs where the oracle gave them, and every PPO / augmentation figure', () => {
    const s = summary({
      reward: { auc: 0.8, tfidfAuc: 0.7, aucTruth: 0.9, tfidfAucTruth: 0.75 },
      ppo: { scoreBefore: -0.5, scoreAfter: -0.2, kl: 4.2, oracleFitBefore: 0.4, oracleFitAfter: 0.45, heldOutCvs: 100, quality: { before: q(), after: q({ distinctSkills: 2 }) } },
      augment: { aucBase: 0.8, aucAugmented: 0.82, aucBaseWarm: 0.9, aucAugmentedWarm: 0.91 },
    });
    const f = runFigures(s, { seed: 3 });
    expect(f).toEqual({
      seed: 3,
      rmAuc: 0.9,
      tfidfAuc: 0.75,
      aucLabels: 'oracle truth',
      oracleFitBefore: 0.4,
      oracleFitAfter: 0.45,
      rmScoreBefore: -0.5,
      rmScoreAfter: -0.2,
      klPerJd: 4.2,
      heldOutCvs: 100,
      quality: { before: q(), after: q({ distinctSkills: 2 }) },
      augment: { coldBase: 0.8, coldAugmented: 0.82, warmBase: 0.9, warmAugmented: 0.91 },
    });
  });

  it('falls back to the data labels without an oracle, and to nulls for stages that did not run', () => {
    const f = runFigures(summary({ reward: { auc: 0.8, tfidfAuc: 0.7, aucTruth: null } }), null);
    expect([f.rmAuc, f.tfidfAuc, f.aucLabels, f.seed, f.oracleFitAfter, f.augment.coldBase]).toEqual([0.8, 0.7, 'data labels', null, null, null]);
  });
});

describe('worseQuality', () => {
  it('names measures that fell (or rose, for the repeat rate) and ignores nulls', () => {
    expect(worseQuality(q(), q({ distinctSkills: 2, repeatedLineRate: 0.05 }))).toEqual(['distinctSkills']);
    expect(worseQuality(q(), q({ repeatedLineRate: 0.2, sectionsPresent: null }))).toEqual(['repeatedLineRate']);
    expect(worseQuality(q(), q({ occupationMatch: 0.79 }), 0.02)).toEqual([]);
    expect(worseQuality(null, q())).toEqual([]);
  });
});
