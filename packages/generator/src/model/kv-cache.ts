import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';

/**
 * Keys and values of every layer for the tokens seen so far, plus the key mask (left padding, finished
 * rows) and each row's next position id, so a decoding step feeds only the new tokens.
 *
 * The cache owns its tensors (kept out of `tf.tidy`); call {@link KVCache.dispose} when done.
 *
 * @example
 * ```ts
 * const cache = new KVCache(model.config.nLayer, batch);
 * tf.tidy(() => model.forward(promptIds, { attentionMask, cache }));   // prefill
 * tf.tidy(() => model.forward(nextIds, { attentionMask: nextMask, cache })); // one step: [B, 1]
 * cache.dispose();
 * ```
 */
export class KVCache {
  /** Per layer: keys `[B, Tk, C]` (null before the first forward). */
  readonly keys: (Tensor | null)[];
  /** Per layer: values `[B, Tk, C]`. */
  readonly values: (Tensor | null)[];
  /** `[B, Tk]` float 0/1: which cached positions may be attended to. */
  keyMask: Tensor | null = null;
  /** Positions cached so far (Tk). */
  length = 0;
  /** Per row: the position id the row's next real token gets (= real tokens seen so far). */
  readonly nextPosition: Int32Array;

  /**
   * @param nLayer the model's layer count
   * @param batch rows in the batch (fixed for the cache's life)
   */
  constructor(
    readonly nLayer: number,
    readonly batch: number,
  ) {
    this.keys = new Array<Tensor | null>(nLayer).fill(null);
    this.values = new Array<Tensor | null>(nLayer).fill(null);
    this.nextPosition = new Int32Array(batch);
  }

  /**
   * Appends the new positions' 0/1 mask (host array `[B, Tq]`, row-major) and returns the position ids
   * of the new tokens: each row's real tokens are numbered from 0 at its first real token.
   */
  beginStep(mask: ArrayLike<number>, tq: number): Int32Array {
    if (mask.length !== this.batch * tq) throw new Error(`KVCache.beginStep: mask has ${mask.length} entries, expected ${this.batch}×${tq}.`);
    const pos = new Int32Array(this.batch * tq);
    for (let b = 0; b < this.batch; b++) {
      for (let t = 0; t < tq; t++) {
        const m = mask[b * tq + t] as number;
        pos[b * tq + t] = Math.max(0, (this.nextPosition[b] as number) - (m > 0 ? 0 : 1));
        if (m > 0) this.nextPosition[b] = (this.nextPosition[b] as number) + 1;
      }
    }
    const fresh = tf.tensor2d(Float32Array.from(mask), [this.batch, tq]);
    const old = this.keyMask;
    this.keyMask = tf.keep(old ? tf.concat([old, fresh], 1) : fresh);
    if (old) old.dispose();
    this.length += tq;
    return pos;
  }

  /** Appends layer `layer`'s new keys/values `[B, Tq, C]`; returns the full `[B, Tk, C]` pair (owned by the cache). */
  update(layer: number, k: Tensor, v: Tensor): { k: Tensor; v: Tensor; prefill: boolean } {
    const oldK = this.keys[layer] ?? null;
    const oldV = this.values[layer] ?? null;
    const prefill = oldK === null;
    const nk = tf.keep(oldK ? tf.concat([oldK, k], 1) : k);
    const nv = tf.keep(oldV ? tf.concat([oldV, v], 1) : v);
    this.keys[layer] = nk;
    this.values[layer] = nv;
    if (oldK) oldK.dispose();
    if (oldV) oldV.dispose();
    return { k: nk, v: nv, prefill };
  }

  /** Frees every cached tensor. */
  dispose(): void {
    tf.dispose([...this.keys, ...this.values, this.keyMask].filter((t): t is Tensor => t !== null));
    this.keys.fill(null);
    this.values.fill(null);
    this.keyMask = null;
    this.length = 0;
  }
}
