import { sigmoid } from '@girl/core';
import { solveLinearSystem } from '@girl/tensor';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** L2 penalty λ on the weights (not the bias), default `1e-2`: loss = mean BCE + λ/2 · ‖w‖². */
  l2?: number;
  /** Newton iterations at most, default `50` (it usually converges in under 10). */
  maxIter?: number;
  /** Stop when the largest |Newton step| falls below this, default `1e-8`. */
  tol?: number;
  /** Standardise each column with the training mean and std, default `true`. */
  standardize?: boolean;
}

/**
 * Mean BCE with L2 and its gradient for weights `w` (last entry = bias) over rows `x` (already
 * standardised) and 0/1 labels `y`. Exported for the gradient check.
 *
 * @example
 * ```ts
 * const { loss, grad } = logisticLossAndGrad(Float64Array.of(0.5, 0), [Float64Array.of(1)], [1], 0);
 * ```
 */
export function logisticLossAndGrad(w: Float64Array, x: readonly ArrayLike<number>[], y: ArrayLike<number>, l2: number): { loss: number; grad: Float64Array } {
  const d = w.length - 1;
  const grad = new Float64Array(w.length);
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as ArrayLike<number>;
    let z = w[d] as number;
    for (let j = 0; j < d; j++) z += (w[j] as number) * (xi[j] as number);
    const yi = (y[i] as number) > 0.5 ? 1 : 0;
    // stable BCE: log(1 + e^z) − y z
    loss += Math.max(z, 0) - z * yi + Math.log1p(Math.exp(-Math.abs(z)));
    const r = sigmoid(z) - yi;
    for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + r * (xi[j] as number);
    grad[d] = (grad[d] as number) + r;
  }
  const n = Math.max(1, x.length);
  let pen = 0;
  for (let j = 0; j < w.length; j++) grad[j] = (grad[j] as number) / n;
  for (let j = 0; j < d; j++) {
    pen += (w[j] as number) ** 2;
    grad[j] = (grad[j] as number) + l2 * (w[j] as number);
  }
  return { loss: loss / n + (l2 / 2) * pen, grad };
}

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on plain `Float64Array`s —
 * exact, deterministic and fast for the tens of feature columns a re-ranker has. Columns are
 * standardised with the training mean and std (constant columns are left centred at 0).
 *
 * @example
 * ```ts
 * const lr = new LogisticRegression({ l2: 1e-2 });
 * lr.fit(rows, labels);                 // rows: ArrayLike<number>[] (one per example)
 * lr.predictProba(testRows);            // P(label = 1) per row
 * lr.weights;                           // per standardised column, then the bias
 * ```
 */
export class LogisticRegression {
  readonly options: Required<LogisticRegressionOptions>;
  /** Learned weights over standardised columns; the last entry is the bias. Empty before `fit`. */
  weights = new Float64Array(0);
  mean = new Float64Array(0);
  scale = new Float64Array(0);
  /** Newton iterations the last `fit` took. */
  iterations = 0;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = { l2: options.l2 ?? 1e-2, maxIter: options.maxIter ?? 50, tol: options.tol ?? 1e-8, standardize: options.standardize ?? true };
    if (!(this.options.l2 >= 0)) throw new RangeError(`LogisticRegression: l2 must be >= 0, got ${this.options.l2}.`);
  }

  private transform(rows: readonly ArrayLike<number>[]): Float64Array[] {
    const d = this.mean.length;
    return rows.map((r, i) => {
      if (r.length !== d) throw new RangeError(`LogisticRegression: row ${i} has ${r.length} columns, the model was fitted on ${d}.`);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) out[j] = ((r[j] as number) - (this.mean[j] as number)) / (this.scale[j] as number);
      return out;
    });
  }

  /** Fit on rows and 0/1 labels. Returns `this`. */
  fit(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>): this {
    if (rows.length === 0) throw new RangeError('LogisticRegression.fit: no rows.');
    if (rows.length !== labels.length) throw new RangeError(`LogisticRegression.fit: ${rows.length} rows but ${labels.length} labels.`);
    const d = (rows[0] as ArrayLike<number>).length;
    this.mean = new Float64Array(d);
    this.scale = new Float64Array(d).fill(1);
    if (this.options.standardize) {
      for (const r of rows) for (let j = 0; j < d; j++) this.mean[j] = (this.mean[j] as number) + (r[j] as number) / rows.length;
      const v = new Float64Array(d);
      for (const r of rows) for (let j = 0; j < d; j++) v[j] = (v[j] as number) + ((r[j] as number) - (this.mean[j] as number)) ** 2 / rows.length;
      for (let j = 0; j < d; j++) this.scale[j] = Math.sqrt(v[j] as number) > 1e-12 ? Math.sqrt(v[j] as number) : 1;
    }
    const x = this.transform(rows);
    for (let i = 0; i < x.length; i++) if (!(x[i] as Float64Array).every(Number.isFinite)) throw new RangeError(`LogisticRegression.fit: row ${i} has a non-finite value.`);
    const n = d + 1;
    const w = new Float64Array(n);
    const l2 = this.options.l2;
    let it = 0;
    for (; it < this.options.maxIter; it++) {
      const { grad, loss } = logisticLossAndGrad(w, x, labels, l2);
      // Hessian: (1/N) Σ p(1−p) x̃ x̃ᵀ + λ I (bias unpenalised), x̃ = [x, 1]
      const h = new Float64Array(n * n);
      for (const xi of x) {
        let z = w[d] as number;
        for (let j = 0; j < d; j++) z += (w[j] as number) * (xi[j] as number);
        const p = sigmoid(z);
        const s = Math.max(p * (1 - p), 1e-10) / x.length;
        for (let a = 0; a < n; a++) {
          const xa = a === d ? 1 : (xi[a] as number);
          for (let b = a; b < n; b++) h[a * n + b] = (h[a * n + b] as number) + s * xa * (b === d ? 1 : (xi[b] as number));
        }
      }
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < a; b++) h[a * n + b] = h[b * n + a] as number;
        h[a * n + a] = (h[a * n + a] as number) + (a === d ? 1e-9 : l2) + 1e-12;
      }
      const step = solveLinearSystem(h, grad, n);
      // damped step: halve until the loss does not rise (separable data pushes weights out slowly)
      let t = 1;
      let next = w.map((v, j) => v - t * (step[j] as number));
      while (t > 1e-4 && logisticLossAndGrad(next, x, labels, l2).loss > loss + 1e-12) {
        t /= 2;
        next = w.map((v, j) => v - t * (step[j] as number));
      }
      w.set(next);
      if (Math.max(...step.map((s) => Math.abs(s * t))) < this.options.tol) {
        it++;
        break;
      }
    }
    this.iterations = it;
    this.weights = w;
    return this;
  }

  /** Logits (log-odds) per row. */
  decisionFunction(rows: readonly ArrayLike<number>[]): Float64Array {
    if (this.weights.length === 0) throw new Error('LogisticRegression: call fit before predicting.');
    const d = this.mean.length;
    return Float64Array.from(this.transform(rows), (xi) => {
      let z = this.weights[d] as number;
      for (let j = 0; j < d; j++) z += (this.weights[j] as number) * (xi[j] as number);
      return z;
    });
  }

  /** P(label = 1) per row. */
  predictProba(rows: readonly ArrayLike<number>[]): Float64Array {
    return this.decisionFunction(rows).map(sigmoid);
  }
}
