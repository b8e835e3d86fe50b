/**
 * The value head: a linear map from the policy's final hidden states to one scalar per position,
 * V(s_t) = h_t · w + b. It shares the policy's backbone (as TRL v0's `AutoModelForCausalLMWithValueHead`),
 * is trained by the value loss, and is saved with the policy (`v_head.weight`, `v_head.bias`).
 */
import { linear, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';

let heads = 0;

/**
 * A value head for a backbone of width `dModel`.
 *
 * @example
 * ```ts
 * const head = ValueHead.create(policy.config.dModel);
 * const { hidden } = policy.forwardWithHidden(ids);  // [B, T, C]
 * const values = head.apply(hidden);                 // [B, T]
 * ```
 */
export class ValueHead {
  /** `v_head.weight` `[C, 1]` and `v_head.bias` `[1]`. */
  readonly params: Record<string, Variable>;

  constructor(params: Record<string, Variable>) {
    const w = params['v_head.weight'];
    const b = params['v_head.bias'];
    if (!w || !b || w.rank !== 2 || w.shape[1] !== 1 || b.size !== 1) {
      throw new Error("ValueHead: needs 'v_head.weight' [C, 1] and 'v_head.bias' [1].");
    }
    this.params = params;
  }

  /**
   * A fresh head with zero weights: every value starts at 0, so the first advantages are the plain
   * discounted rewards and the head does not inject noise into the shared backbone.
   */
  static create(dModel: number): ValueHead {
    const id = heads++;
    // tidy frees the zeros once the variables hold their data (variables themselves outlive a tidy)
    const params = tf.tidy(() => ({
      'v_head.weight': tf.variable(tf.zeros([dModel, 1]), true, `v_head${id}/weight`),
      'v_head.bias': tf.variable(tf.zeros([1]), true, `v_head${id}/bias`),
    }));
    return new ValueHead(params);
  }

  /** A head from saved tensors (copied into new variables). */
  static fromTensors(tensors: Record<string, Tensor>): ValueHead {
    const w = tensors['v_head.weight'];
    const b = tensors['v_head.bias'];
    if (!w || !b) throw new Error("ValueHead.fromTensors: the checkpoint has no 'v_head.weight' / 'v_head.bias' (was it saved by @girl/ppo?).");
    const id = heads++;
    const params = tf.tidy(() => ({
      'v_head.weight': tf.variable(tf.clone(w), true, `v_head${id}/weight`),
      'v_head.bias': tf.variable(tf.clone(b), true, `v_head${id}/bias`),
    }));
    return new ValueHead(params);
  }

  /** `[..., C]` hidden states → `[...]` values. */
  apply(hidden: Tensor): Tensor {
    const w = this.params['v_head.weight'] as Variable;
    const b = this.params['v_head.bias'] as Variable;
    const v = linear(hidden, w, b); // [..., 1]
    return tf.squeeze(v, [v.rank - 1]);
  }

  dispose(): void {
    tf.dispose(Object.values(this.params));
  }
}
