import { createJobMarket } from '@girl/data';
import { describe, expect, it } from 'vitest';
import { marketSplits } from '../data/market-splits.js';
import { FeatureExtractor } from '../features/feature-extractor.js';
import { logisticRecommender } from '../recommenders/recommender.js';
import type { Recommender } from '../recommenders/recommender.js';
import { evaluateAugmentation, formatReport, testMetrics } from './evaluate.js';
import { evaluateMarketAugmentation, oracleGenerateFn } from './market-augmentation.js';

describe('testMetrics', () => {
  it('hand values', () => {
    const m = testMetrics([0.9, 0.2, 0.6, 0.3], [1, 0, 0, 1], ['a', 'a', 'b', 'b'], 1);
    expect(m.auc).toBe(0.75);
    expect(m.recall).toBe(0.5); // a: top-1 relevant; b: top-1 not
    expect(m.ndcg).toBe(0.5);
    expect(m.queries).toBe(2);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.3)) / 4, 12);
  });
});

describe('marketSplits', () => {
  it('cold-start people have no training pairs and no history; held-out people are warm', () => {
    const market = createJobMarket({ seed: 5, people: 120, pairs: 800 });
    const s = marketSplits(market, { seed: 1 });
    const trainPeople = new Set(s.train.pairs.map((p) => p.cvId));
    expect(s.coldStart.pairs.every((p) => !trainPeople.has(p.cvId) && !s.history?.has(p.cvId))).toBe(true);
    expect(s.heldOut.pairs.every((p) => trainPeople.has(p.cvId))).toBe(true);
    expect(s.train.pairs.length + s.heldOut.pairs.length + s.coldStart.pairs.length).toBe(800);
    const trainKeys = new Set(s.train.pairs.map((p) => p.jdId));
    expect(s.heldOut.pairs.some((p) => trainKeys.has(p.jdId))).toBe(false);
    // the market's own cold-start people are in the cold split
    const cold = new Set(s.coldStart.pairs.map((p) => p.cvId));
    const inPairs = new Set(market.pairs.map((p) => p.cvId));
    expect(market.coldStartPeople.filter((p) => inPairs.has(p)).every((p) => cold.has(p))).toBe(true);
  });
});

describe('evaluateAugmentation (learning)', () => {
  it('informative generated JDs (the market\'s matched JD) raise held-out and cold-start AUC', async () => {
    const market = createJobMarket({ seed: 4, people: 250, pairs: 2000 });
    const r = await evaluateMarketAugmentation({ market, generateFn: oracleGenerateFn(market), seeds: [1, 2, 3] });
    expect(r.aucAugmented - r.aucBase).toBeGreaterThan(0.05);
    expect(r.coldStartAucAugmented - r.coldStartAucBase).toBeGreaterThan(0.05);
    const t = r.report.summary['logistic-regression'];
    expect(t?.heldOut.delta.auc.n).toBe(3);
    expect(t?.heldOut.augmented.logLoss.mean).toBeLessThan(t?.heldOut.base.logLoss.mean as number);
    expect(r.report.columns.augmented).toContain('gen_jd_same_seniority');
    expect(formatReport(r.report)).toContain('| logistic-regression | cold-start | AUC |');
  });

  it('a control with uninformative JDs (the same JD for everyone) gains far less than matched JDs', async () => {
    const market = createJobMarket({ seed: 4, people: 250, pairs: 2000 });
    const constant = market.sftPairs[0]?.jd as string;
    const control = await evaluateMarketAugmentation({ market, generateFn: async (cvs) => cvs.map(() => constant), seeds: [1, 2] });
    const oracle = await evaluateMarketAugmentation({ market, generateFn: oracleGenerateFn(market), seeds: [1, 2] });
    // a constant JD only adds item-side information (how similar the candidate is to one fixed JD)
    expect(Math.abs(control.aucAugmented - control.aucBase)).toBeLessThan(0.05);
    expect(oracle.aucAugmented - oracle.aucBase).toBeGreaterThan(control.aucAugmented - control.aucBase + 0.05);
  });

  it('takes a user recommender through the adapter and checks its output length', async () => {
    const market = createJobMarket({ seed: 6, people: 60, pairs: 300 });
    const seen: { columns: readonly string[]; hasGen: boolean }[] = [];
    const mine: Recommender = {
      name: 'mine',
      fit: ({ columns, rows }) => {
        seen.push({ columns, hasGen: rows.every((r) => r.generatedJd !== undefined) });
      },
      predict: (rows) => rows.map((r) => r.features[0] as number),
    };
    const generated = new Map(market.sftPairs.map((p) => [p.cv, p.jd]));
    const report = await evaluateAugmentation({
      seeds: [1],
      splits: (seed) => marketSplits(market, { seed }),
      generated,
      extractor: (train) => new FeatureExtractor({ corpus: train.pairs.flatMap((p) => [p.cv, p.jd]) }),
      recommenders: [{ name: 'mine', create: () => mine }, logisticRecommender()],
    });
    expect(seen[0]?.columns).toEqual(['cv_jd_tfidf', 'cv_jd_bm25', 'hist_tfidf_max', 'has_history']);
    expect(seen[0]?.hasGen).toBe(false);
    expect(seen[1]?.columns.at(-1)).toBe('gen_missing');
    expect(seen[1]?.hasGen).toBe(true);
    expect(report.summary['mine']?.heldOut.base.auc.mean).toBeGreaterThan(0.5);
    await expect(
      evaluateAugmentation({
        seeds: [1],
        splits: (seed) => marketSplits(market, { seed }),
        generated,
        extractor: (train) => new FeatureExtractor({ corpus: train.pairs.flatMap((p) => [p.cv, p.jd]) }),
        recommenders: [{ name: 'bad', create: () => ({ name: 'bad', fit: () => {}, predict: () => [0.5] }) }],
      }),
    ).rejects.toThrow(/returned 1 predictions/);
  });
});
