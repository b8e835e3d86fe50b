import * as tf from '@tensorflow/tfjs-core';

/** The backward half of a custom op: gradients of each input from the output gradient and saved tensors. */
export type GradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/**
 * Typed wrapper around `tf.customGrad` (whose own typing cannot express the trailing `save` argument).
 * `forward` receives the inputs and a `save` function and returns the value and its gradient function.
 */
export function customOp<A extends tf.Tensor[], R extends tf.Tensor = tf.Tensor>(
  forward: (...args: [...A, tf.GradSaveFunc]) => { value: R; gradFunc: GradFunc },
): (...args: A) => R {
  return tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...args: A) => R;
}
