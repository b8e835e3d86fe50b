import { Rng } from '@girl/core';
import { AdamW, linear, randomNormalTensor, tf } from '@girl/tensor';
import type { Variable } from '@girl/tensor';
import { featureRecommender } from './recommender.js';
import type { RecommenderFactory } from './recommender.js';

/** Options of {@link MlpClassifier}. */
export interface MlpOptions {
  /** Hidden units of the one ReLU layer, default `16`. */
  hidden?: number;
  /** Full-batch AdamW steps, default `300`. */
  steps?: number;
  /** Learning rate, default `0.01`. */
  lr?: number;
  /** AdamW weight decay on the matrices, default `0.01`. */
  weightDecay?: number;
  /** Initialisation seed, default `1`. */
  seed?: number;
}

/**
 * A small MLP over feature columns (standardised → ReLU layer → logit), trained full-batch with BCE and
 * AdamW on @girl/tensor. For interactions between features that logistic regression cannot express.
 *
 * @example
 * ```ts
 * const m = new MlpClassifier({ hidden: 16, seed: 1 });
 * m.fit(rows, labels);
 * m.predictProba(testRows);
 * ```
 */
export class MlpClassifier {
  readonly options: Required<MlpOptions>;
  private params: Record<string, Variable> = {};
  private mean = new Float64Array(0);
  private scale = new Float64Array(0);
  /** Training loss after the last step. */
  finalLoss = NaN;

  constructor(options: MlpOptions = {}) {
    this.options = { hidden: options.hidden ?? 16, steps: options.steps ?? 300, lr: options.lr ?? 0.01, weightDecay: options.weightDecay ?? 0.01, seed: options.seed ?? 1 };
  }

  private matrix(rows: readonly ArrayLike<number>[]): tf.Tensor2D {
    const d = this.mean.length;
    const x = new Float32Array(rows.length * d);
    rows.forEach((r, i) => {
      if (r.length !== d) throw new RangeError(`MlpClassifier: row ${i} has ${r.length} columns, the model was fitted on ${d}.`);
      for (let j = 0; j < d; j++) x[i * d + j] = ((r[j] as number) - (this.mean[j] as number)) / (this.scale[j] as number);
    });
    return tf.tensor2d(x, [rows.length, d]);
  }

  private logits(x: tf.Tensor): tf.Tensor {
    const h = tf.relu(linear(x, this.params['w1'] as Variable, this.params['b1'] as Variable)); // [N, H]
    return tf.reshape(linear(h, this.params['w2'] as Variable, this.params['b2'] as Variable), [-1]); // [N]
  }

  /** Fit on rows and 0/1 labels (replaces earlier weights). */
  fit(rows: readonly ArrayLike<number>[], labels: readonly number[]): this {
    if (rows.length === 0 || rows.length !== labels.length) throw new RangeError(`MlpClassifier.fit: ${rows.length} rows and ${labels.length} labels; pass one label per row (at least one).`);
    this.dispose();
    const d = (rows[0] as ArrayLike<number>).length;
    this.mean = new Float64Array(d);
    this.scale = new Float64Array(d).fill(1);
    for (let j = 0; j < d; j++) {
      const m = rows.reduce((a, r) => a + (r[j] as number), 0) / rows.length;
      const s = Math.sqrt(rows.reduce((a, r) => a + ((r[j] as number) - m) ** 2, 0) / rows.length);
      this.mean[j] = m;
      this.scale[j] = s > 1e-12 ? s : 1;
    }
    const o = this.options;
    const rng = new Rng(`mlp:${o.seed}`);
    const tag = `${o.seed}.${Math.random().toString(36).slice(2)}`;
    this.params = {
      w1: tf.variable(randomNormalTensor(rng.fork('w1'), [d, o.hidden], Math.sqrt(2 / d)), true, `mlp.w1.${tag}`),
      b1: tf.variable(tf.zeros([o.hidden]), true, `mlp.b1.${tag}`),
      w2: tf.variable(randomNormalTensor(rng.fork('w2'), [o.hidden, 1], Math.sqrt(1 / o.hidden)), true, `mlp.w2.${tag}`),
      b2: tf.variable(tf.zeros([1]), true, `mlp.b2.${tag}`),
    };
    const x = this.matrix(rows);
    const y = tf.tensor1d(labels.map((v) => (v > 0.5 ? 1 : 0)));
    const opt = new AdamW(this.params, { lr: o.lr, weightDecay: o.weightDecay });
    try {
      for (let step = 0; step < o.steps; step++) {
        const { value, grads } = tf.variableGrads(() => {
          const z = this.logits(x);
          return tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
        }, Object.values(this.params));
        opt.step(grads);
        if (step === o.steps - 1) this.finalLoss = value.dataSync()[0] as number;
        tf.dispose([value, grads] as never);
      }
    } finally {
      opt.dispose();
      tf.dispose([x, y]);
    }
    if (!Number.isFinite(this.finalLoss)) throw new Error(`MlpClassifier.fit: training loss is ${this.finalLoss}; lower lr.`);
    return this;
  }

  /** P(label = 1) per row. */
  predictProba(rows: readonly ArrayLike<number>[]): Float64Array {
    if (!this.params['w1']) throw new Error('MlpClassifier: call fit before predicting.');
    const x = this.matrix(rows);
    const p = tf.tidy(() => tf.sigmoid(this.logits(x)));
    const out = Float64Array.from(p.dataSync());
    tf.dispose([x, p]);
    return out;
  }

  /** Free the weights. */
  dispose(): void {
    tf.dispose(Object.values(this.params));
    this.params = {};
  }
}

/**
 * The MLP as a recommender for {@link evaluateAugmentation} (one per seed).
 *
 * @example
 * ```ts
 * evaluateAugmentation({ recommenders: [logisticRecommender(), mlpRecommender({ hidden: 16 })], … });
 * ```
 */
export function mlpRecommender(options: Omit<MlpOptions, 'seed'> = {}): RecommenderFactory {
  return {
    name: 'mlp',
    create: (seed) => {
      const m = new MlpClassifier({ ...options, seed });
      return { ...featureRecommender('mlp', m), dispose: () => m.dispose() };
    },
  };
}
