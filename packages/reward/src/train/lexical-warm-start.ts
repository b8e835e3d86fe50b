/**
 * Warm start of the reward model's lexical ("wide") head: before the transformer trains, fit the lexical
 * weights w and the bias b alone on the training units — a small convex problem (logistic and
 * Bradley–Terry losses on F features) solved by Newton's method in milliseconds. The deep part then
 * learns what the keyword screen misses, instead of the keyword screen being learned at AdamW's pace
 * while the transformer memorises the training pairs.
 */
import { solveLinearSystem } from '@girl/tensor';

/** The training units of {@link fitLexicalHead}: labelled rows and (chosen, rejected) comparisons. */
export interface LexicalFitInput {
  /** Lexical features per row (each `[F]`, already multiplied by the head's scale). */
  features: readonly Float32Array[];
  /** Pointwise rows: row index, 0/1 label, weight. Empty when the objective is pairwise only. */
  rows: readonly { row: number; label: number; weight: number }[];
  /** Bradley–Terry comparisons (row indices) with the margin; empty when the objective is pointwise only. */
  comparisons: readonly { chosen: number; rejected: number }[];
  /** Weight of the pointwise term next to the pairwise one (the trainer's `pointwiseWeight`). Default 1. */
  pointwiseWeight?: number;
  /** Bradley–Terry margin. Default 0. */
  margin?: number;
  /** L2 penalty on w (not b), for a well-posed fit when the data are separable. Default `1e-3` per unit. */
  l2?: number;
  /** Newton iterations. Default 30 (converges in ~10 on real data). */
  iterations?: number;
  /**
   * Keep every weight ≥ 0 (features where more means a better fit, as all of the wide head's are): a
   * feature whose fitted weight comes out negative is dropped (weight 0) and the rest refitted, until none
   * is negative. A reward that PPO optimises must not pay for a worse fit on any one feature, even where
   * the training pairs happen to make that a useful correction. Default `false`.
   */
  nonNegative?: boolean;
}

/** The fitted weights `w [F]`, bias `b`, and the mean loss before and after. */
export interface LexicalFit {
  weights: number[];
  bias: number;
  lossBefore: number;
  lossAfter: number;
}

/**
 * Fits `w, b` minimising mean over units of −log σ(z) (+ L2), where z = (2y − 1)(w·x + b) for a row and
 * z = w·(x⁺ − x⁻) − margin for a comparison, starting from 0.
 *
 * @example
 * ```ts
 * const fit = fitLexicalHead({ features, rows: [{ row: 0, label: 1, weight: 1 }, …], comparisons: [] });
 * fit.weights; // [F]
 * ```
 */
export function fitLexicalHead(input: LexicalFitInput): LexicalFit {
  if (!input.nonNegative) return fitUnconstrained(input);
  // active set: drop the most negative weight's feature (zero its column) and refit, until none is negative
  const F = input.features[0]?.length ?? 0;
  const active = new Array<boolean>(F).fill(true);
  for (;;) {
    const masked = input.features.map((x) => x.map((v, f) => (active[f] ? v : 0)));
    const fit = fitUnconstrained({ ...input, features: masked });
    let worst = -1;
    for (let f = 0; f < F; f++) if (active[f] && (fit.weights[f] as number) < 0 && (worst < 0 || (fit.weights[f] as number) < (fit.weights[worst] as number))) worst = f;
    if (worst < 0) return { ...fit, weights: fit.weights.map((w, f) => (active[f] ? w : 0)) };
    active[worst] = false;
  }
}

function fitUnconstrained(input: LexicalFitInput): LexicalFit {
  const F = input.features[0]?.length ?? 0;
  const P = F + 1; // w and b
  const pw = input.pointwiseWeight ?? 1;
  const margin = input.margin ?? 0;
  const nUnits = input.rows.length + input.comparisons.length;
  if (F === 0 || nUnits === 0) return { weights: new Array<number>(F).fill(0), bias: 0, lossBefore: NaN, lossAfter: NaN };
  const l2 = (input.l2 ?? 1e-3) * nUnits;
  // every unit as (u, offset, scale): z = θ·u − offset, loss scale; u includes the bias slot
  const units: { u: Float64Array; offset: number; scale: number }[] = [];
  for (const r of input.rows) {
    const x = input.features[r.row] as Float32Array;
    const s = r.label === 1 ? 1 : -1;
    const u = new Float64Array(P);
    for (let f = 0; f < F; f++) u[f] = s * (x[f] as number);
    u[F] = s;
    units.push({ u, offset: 0, scale: pw * r.weight });
  }
  for (const c of input.comparisons) {
    const a = input.features[c.chosen] as Float32Array;
    const b = input.features[c.rejected] as Float32Array;
    const u = new Float64Array(P);
    for (let f = 0; f < F; f++) u[f] = (a[f] as number) - (b[f] as number);
    units.push({ u, offset: margin, scale: 1 });
  }
  const theta = new Float64Array(P);
  const lossAt = (t: Float64Array): number => {
    let sum = 0;
    for (const { u, offset, scale } of units) sum += scale * negLogSigmoid(dot(t, u) - offset);
    let reg = 0;
    for (let f = 0; f < F; f++) reg += (t[f] as number) ** 2;
    return (sum + 0.5 * l2 * reg) / nUnits;
  };
  const lossBefore = lossAt(theta);
  for (let it = 0; it < (input.iterations ?? 30); it++) {
    // 1. gradient and Hessian of the summed loss
    const g = new Float64Array(P);
    const H = new Float64Array(P * P);
    for (const { u, offset, scale } of units) {
      const z = dot(theta, u) - offset;
      const p = sigmoid(-z); // −d/dz log σ(z)
      const h = scale * p * (1 - p);
      for (let i = 0; i < P; i++) {
        g[i] = (g[i] as number) - scale * p * (u[i] as number);
        for (let j = 0; j < P; j++) H[i * P + j] = (H[i * P + j] as number) + h * (u[i] as number) * (u[j] as number);
      }
    }
    for (let f = 0; f < F; f++) {
      g[f] = (g[f] as number) + l2 * (theta[f] as number);
      H[f * P + f] = (H[f * P + f] as number) + l2;
    }
    H[F * P + F] = (H[F * P + F] as number) + 1e-9 * nUnits; // the bias may be unconstrained (pairwise only)
    // 2. Newton step, halved until the loss falls
    const step = solveLinearSystem(H, g, P);
    const before = lossAt(theta);
    let t = 1;
    let next = theta.map((v, i) => v - t * (step[i] as number));
    while (lossAt(next) > before && t > 1e-4) {
      t /= 2;
      next = theta.map((v, i) => v - t * (step[i] as number));
    }
    const gain = before - lossAt(next);
    theta.set(next);
    if (gain < 1e-10) break;
  }
  return { weights: Array.from(theta.subarray(0, F)), bias: theta[F] as number, lossBefore, lossAfter: lossAt(theta) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function negLogSigmoid(z: number): number {
  return Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
