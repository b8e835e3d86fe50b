/**
 * Running mean and standard deviation of the scores across batches (Chan et al.'s parallel update, as
 * TRL's `RunningMoments`), for reward normalisation: the scale of a reward model's scores then does not
 * set the effective learning rate.
 */

/** {@link RunningMoments}' JSON state. */
export interface RunningMomentsState {
  mean: number;
  std: number;
  var: number;
  count: number;
}

/**
 * Running moments over every value seen so far.
 *
 * @example
 * ```ts
 * const m = new RunningMoments();
 * m.update([1, 2, 3]); // { mean: 2, std: 1 } of this batch (unbiased std)
 * m.update([5]);
 * m.mean;              // 2.75 (of 1, 2, 3, 5)
 * ```
 */
export class RunningMoments {
  mean = 0;
  std = 1;
  var = 1;
  count = 1e-24;

  /** Adds a batch; returns the batch's own mean and unbiased std. */
  update(xs: ArrayLike<number>): { mean: number; std: number } {
    const n = xs.length;
    if (n === 0) return { mean: 0, std: 0 };
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[i] as number;
    const xsMean = s / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += ((xs[i] as number) - xsMean) ** 2;
    const xsVar = sq / n; // biased, as in the parallel-variance formula
    const delta = xsMean - this.mean;
    const tot = this.count + n;
    const oldSum = this.var * this.count + (delta * delta * this.count * n) / tot;
    const totSum = oldSum + xsVar * n;
    this.mean += (delta * n) / tot;
    const newVar = totSum / tot;
    this.std = Math.sqrt((newVar * tot) / Math.max(tot - 1, 1e-24));
    this.var = newVar;
    this.count = tot;
    return { mean: xsMean, std: n > 1 ? Math.sqrt((xsVar * n) / (n - 1)) : 0 };
  }

  getState(): RunningMomentsState {
    return { mean: this.mean, std: this.std, var: this.var, count: this.count };
  }

  setState(s: RunningMomentsState): void {
    for (const k of ['mean', 'std', 'var', 'count'] as const) {
      if (typeof s[k] !== 'number' || !Number.isFinite(s[k])) throw new Error(`RunningMoments.setState: '${k}' must be a finite number, got ${JSON.stringify(s[k])}.`);
    }
    Object.assign(this, { mean: s.mean, std: s.std, var: s.var, count: s.count });
  }
}
