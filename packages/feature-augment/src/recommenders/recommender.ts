import type { CandidatePair } from '../features/feature-extractor.js';
import { LogisticRegression } from './logistic-regression.js';
import type { LogisticRegressionOptions } from './logistic-regression.js';

/** A (CV, candidate JD) pair as a recommender sees it: texts, the generated JD (augmented runs only) and feature values. */
export interface RecRow extends CandidatePair {
  /** The JD GIRL generated for this CV; absent in runs without generated-JD features. */
  readonly generatedJd?: string;
  /** Feature values, in the order of the set's `columns`. */
  readonly features: ArrayLike<number>;
}

/** Training data handed to {@link Recommender.fit}. */
export interface RecTrainSet {
  readonly rows: readonly RecRow[];
  /** 0/1 per row (1 = fits / applied). */
  readonly labels: readonly number[];
  /** Names of the feature columns (base columns, plus generated-JD columns in augmented runs). */
  readonly columns: readonly string[];
}

/**
 * The adapter every recommender implements, GIRL's or yours: fit on rows with features (and texts),
 * predict P(fit) for new rows. The evaluation calls `fit` and `predict` once per (seed, with/without).
 *
 * @example
 * ```ts
 * const mine: Recommender = {
 *   name: 'my-gbdt',
 *   fit: async ({ rows, labels }) => { await gbdt.train(rows.map((r) => [...r.features]), labels); },
 *   predict: async (rows) => gbdt.predict(rows.map((r) => [...r.features])),
 * };
 * ```
 */
export interface Recommender {
  readonly name: string;
  fit(train: RecTrainSet): Promise<void> | void;
  /** P(label = 1) per row, in [0, 1] (LogLoss needs probabilities; AUC and ranking use only the order). */
  predict(rows: readonly RecRow[]): Promise<ArrayLike<number>> | ArrayLike<number>;
  /** Free tensors etc. */
  dispose?(): void;
}

/** Makes a fresh {@link Recommender} for a seed (the evaluation trains one per seed and variant). */
export interface RecommenderFactory {
  readonly name: string;
  create(seed: number): Recommender;
}

/** Any model with `fit(X, y)` and `predictProba(X)` over feature rows (scikit-learn's shape). */
export interface FeatureModel {
  fit(rows: readonly ArrayLike<number>[], labels: readonly number[]): unknown;
  predictProba(rows: readonly ArrayLike<number>[]): ArrayLike<number> | Promise<ArrayLike<number>>;
}

/**
 * Adapt a feature-only model (`fit(X, y)`, `predictProba(X)`) to a {@link Recommender}: it gets the base
 * columns without generated JDs and base + generated-JD columns with them.
 *
 * @example
 * ```ts
 * const rec = featureRecommender('logreg', new LogisticRegression({ l2: 0.01 }));
 * ```
 */
export function featureRecommender(name: string, model: FeatureModel): Recommender {
  return {
    name,
    fit: async ({ rows, labels }) => {
      await model.fit(rows.map((r) => r.features), labels);
    },
    predict: (rows) => model.predictProba(rows.map((r) => r.features)),
  };
}

/**
 * The feature-based recommender: standardised L2 logistic regression over the feature columns.
 *
 * @example
 * ```ts
 * evaluateAugmentation({ recommenders: [logisticRecommender()], … });
 * ```
 */
export function logisticRecommender(options: LogisticRegressionOptions = {}): RecommenderFactory {
  return { name: 'logistic-regression', create: () => featureRecommender('logistic-regression', new LogisticRegression(options)) };
}
