import { initBackend, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { centeringLoss, negLogSigmoid, pairwiseLoss, pointwiseLoss } from './losses.js';

const val = (t: Tensor) => Array.from(t.dataSync());
const nls = (z: number) => Math.log(1 + Math.exp(-z));

describe.each(['cpu', 'auto'] as const)('losses on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('−log σ(z) is exact and finite at the extremes', () => {
    const out = val(negLogSigmoid(tf.tensor1d([0, 2, -2, 100, -100])));
    expect(out[0]).toBeCloseTo(Math.LN2, 6);
    expect(out[1]).toBeCloseTo(nls(2), 6);
    expect(out[2]).toBeCloseTo(nls(-2), 5);
    expect(out[3]).toBeCloseTo(0, 6);
    expect(out[4]).toBeCloseTo(100, 3);
  });

  it('its gradient is −σ(−z)', () => {
    const g = tf.grad((z: Tensor) => tf.sum(negLogSigmoid(z)))(tf.tensor1d([0, 3, -3]));
    const want = [0, 3, -3].map((z) => -1 / (1 + Math.exp(z)));
    val(g).forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 6));
  });

  it('pointwise BCE with class weights (hand-computed)', () => {
    expect(val(pointwiseLoss(tf.tensor1d([0, 0]), tf.tensor1d([1, 0])))[0]).toBeCloseTo(Math.LN2, 6);
    // rows: (r=1, y=1, w=3), (r=1, y=0, w=1): (3·nls(1) + 1·nls(−1)) / 4
    const l = val(pointwiseLoss(tf.tensor1d([1, 1]), tf.tensor1d([1, 0]), tf.tensor1d([3, 1])))[0];
    expect(l).toBeCloseTo((3 * nls(1) + nls(-1)) / 4, 6);
  });

  it('Bradley–Terry with margin (hand-computed) and its gradient pushes chosen up, rejected down', () => {
    expect(val(pairwiseLoss(tf.tensor1d([2]), tf.tensor1d([1])))[0]).toBeCloseTo(nls(1), 6);
    expect(val(pairwiseLoss(tf.tensor1d([2, 0]), tf.tensor1d([1, 0]), 1))[0]).toBeCloseTo((Math.LN2 + nls(-1)) / 2, 6);
    const [gc, gr] = tf.grads((c: Tensor, r: Tensor) => pairwiseLoss(c, r))([tf.tensor1d([0.5]), tf.tensor1d([0.2])]);
    expect(val(gc as Tensor)[0]).toBeCloseTo(-1 / (1 + Math.exp(0.3)), 6);
    expect(val(gr as Tensor)[0]).toBeCloseTo(1 / (1 + Math.exp(0.3)), 6);
    expect(val(centeringLoss(tf.tensor1d([1, -3])))[0]).toBeCloseTo(5, 6);
  });
});
