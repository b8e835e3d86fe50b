/**
 * A stand-in for @girl/feature-augment's recommender evaluation, used until that package exports
 * `evaluateAugmentation` (it is being written in parallel): text-similarity features of a (CV, JD) pair,
 * with and without the JD that GIRL generated for the CV, fed to a logistic-regression recommender, and
 * compared by AUC on held-out pairs. Small and deterministic; no tensors.
 */
import { auc, fitTfidf, tfidfTokens } from '@girl/reward';

/** A labelled pair with the JD generated for its CV. */
export interface AugmentRow {
  cv: string;
  jd: string;
  generated: string;
  label: 0 | 1;
}

function jaccard(a: string, b: string): number {
  const A = new Set(tfidfTokens(a));
  const B = new Set(tfidfTokens(b));
  if (A.size === 0 || B.size === 0) return 0;
  let inter = 0;
  for (const t of A) if (B.has(t)) inter++;
  return inter / (A.size + B.size - inter);
}

/** Logistic regression by full-batch gradient descent on standardised features (L2 1e-3). */
export function fitLogistic(x: number[][], y: number[], epochs = 500, lr = 0.5): (f: number[]) => number {
  const d = x[0]?.length ?? 0;
  const mu = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + (r[j] as number), 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + ((r[j] as number) - (mu[j] as number)) ** 2, 0) / x.length) || 1);
  const z = (r: number[]) => r.map((v, j) => (v - (mu[j] as number)) / (sd[j] as number));
  const xs = x.map(z);
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    xs.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-(r.reduce((s, v, j) => s + v * (w[j] as number), b))));
      const g = p - (y[i] as number);
      r.forEach((v, j) => (gw[j] = (gw[j] as number) + g * v));
      gb += g;
    });
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - lr * ((gw[j] as number) / xs.length + 1e-3 * (w[j] as number));
    b -= (lr * gb) / xs.length;
  }
  return (f) => z(f).reduce((s, v, j) => s + v * (w[j] as number), b);
}

/** Result of {@link evaluateAugmentationBaseline}. */
export interface AugmentEvaluation {
  aucBase: number;
  aucAugmented: number;
  trainRows: number;
  evalRows: number;
  recommender: string;
  features: { base: string[]; augmented: string[] };
}

/**
 * Trains the recommender on `train` with base features (CV ↔ JD) and with augmented features (plus the
 * generated JD ↔ JD), and reports both AUCs on `evalRows`.
 */
export function evaluateAugmentationBaseline(train: readonly AugmentRow[], evalRows: readonly AugmentRow[]): AugmentEvaluation {
  const tfidf = fitTfidf(train.flatMap((r) => [r.cv, r.jd, r.generated]));
  const base = (r: AugmentRow) => [tfidf.cosine(r.cv, r.jd), jaccard(r.cv, r.jd)];
  const aug = (r: AugmentRow) => [...base(r), tfidf.cosine(r.generated, r.jd), jaccard(r.generated, r.jd)];
  const y = train.map((r) => r.label);
  const labels = evalRows.map((r) => r.label);
  const mBase = fitLogistic(train.map(base), y);
  const mAug = fitLogistic(train.map(aug), y);
  return {
    aucBase: auc(evalRows.map((r) => mBase(base(r))), labels),
    aucAugmented: auc(evalRows.map((r) => mAug(aug(r))), labels),
    trainRows: train.length,
    evalRows: evalRows.length,
    recommender: 'logistic regression (stand-in until @girl/feature-augment lands)',
    features: { base: ['tfidf(cv, jd)', 'jaccard(cv, jd)'], augmented: ['tfidf(cv, jd)', 'jaccard(cv, jd)', 'tfidf(generated, jd)', 'jaccard(generated, jd)'] },
  };
}
