/**
 * AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019), written with wasm-friendly
 * ops only (mul, add, sub, div, sqrt, square; no `pow`), updating variables in place with `assign`.
 *
 * The update for each parameter `p` with gradient `g`, at step `t = 1, 2, …` with learning rate `lr`:
 * ```
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g²
 * p = p * (1 - lr * weightDecay)                       // decoupled decay, only where decayFilter says so
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * ```
 * exactly as PyTorch's `torch.optim.AdamW` computes it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nativeKernelsActive } from '../backend/native/native-backend.js';
import { ADAMW } from '../backend/native/fused-kernels.js';
import type { LrSchedule } from './schedule.js';
import { checkRange, pairSlots, sameShape } from './adamw-config.js';
import type { AdamWConfig, AdamWState } from './adamw-config.js';

export type { AdamWConfig, AdamWState, AdamWStateConfig } from './adamw-config.js';

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * AdamW optimizer over named tfjs variables.
 *
 * @example
 * ```ts
 * const opt = new AdamW(params, {
 *   lr: warmupCosine({ peakLr: 6e-4, warmupSteps: 100, totalSteps: 5000 }),
 *   beta2: 0.95,
 *   weightDecay: 0.1,
 * });
 * const { value, grads } = tf.variableGrads(() => loss(batch), Object.values(params));
 * opt.step(grads); // grads keyed by param key or by variable name
 * tf.dispose([value, grads]);
 * ```
 */
export class AdamW {
  private readonly params: Record<string, tf.Variable>;
  private readonly lrOf: LrSchedule;
  private readonly constantLr: number | null;
  /** Resolved hyperparameters (defaults filled in). */
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly decayed: Set<string>;
  private readonly byVariableName = new Map<string, string>();
  private readonly slots = new Map<string, Slot>();
  private steps = 0;

  /**
   * @param params the variables to train, by name; the names are used for gradients and saved state.
   * @param config see {@link AdamWConfig}; only `lr` is required.
   */
  constructor(params: Record<string, tf.Variable>, config: AdamWConfig) {
    const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01 } = config;
    checkRange('beta1', beta1, beta1 >= 0 && beta1 < 1, 'in [0, 1)');
    checkRange('beta2', beta2, beta2 >= 0 && beta2 < 1, 'in [0, 1)');
    checkRange('eps', eps, eps > 0 && Number.isFinite(eps), 'a positive finite number');
    checkRange('weightDecay', weightDecay, weightDecay >= 0 && Number.isFinite(weightDecay), 'a finite number >= 0');
    if (typeof lr === 'number') {
      checkRange('lr', lr, lr >= 0 && Number.isFinite(lr), 'a finite number >= 0 or a schedule function');
      this.lrOf = () => lr;
      this.constantLr = lr;
    } else if (typeof lr === 'function') {
      this.lrOf = lr;
      this.constantLr = null;
    } else {
      throw new TypeError(`AdamW: lr must be a number or a schedule function (step) => number, got ${typeof lr}.`);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.params = { ...params };
    const filter = config.decayFilter ?? ((_name: string, variable: tf.Variable) => variable.rank >= 2);
    this.decayed = new Set();
    for (const [key, variable] of Object.entries(this.params)) {
      if (!(variable instanceof tf.Variable)) {
        throw new TypeError(`AdamW: params['${key}'] is not a tf.Variable; wrap it with tf.variable(tensor).`);
      }
      if (variable.dtype !== 'float32') {
        throw new TypeError(`AdamW: params['${key}'] has dtype ${variable.dtype}; only float32 variables can be trained.`);
      }
      if (filter(key, variable)) this.decayed.add(key);
      this.byVariableName.set(variable.name, key);
    }
  }

  /** Updates taken so far (0 before the first {@link step}). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * The learning rate the step with 0-based index `step` uses; by default, the next step's.
   *
   * @example
   * ```ts
   * onProgress({ step: opt.stepCount, lr: opt.getLearningRate() });
   * ```
   */
  getLearningRate(step = this.steps): number {
    return this.lrOf(step);
  }

  /** Whether weight decay applies to the parameter `key` (see {@link AdamWConfig.decayFilter}). */
  isDecayed(key: string): boolean {
    return this.decayed.has(key);
  }

  private resolve(name: string): string {
    if (Object.prototype.hasOwnProperty.call(this.params, name)) return name;
    const key = this.byVariableName.get(name);
    if (key !== undefined) return key;
    throw new Error(
      `AdamW.step: got a gradient for '${name}', which is not one of the optimizer's parameters ` +
        `(${Object.keys(this.params).slice(0, 5).join(', ')}${Object.keys(this.params).length > 5 ? ', …' : ''}). ` +
        'Pass gradients keyed by the params record keys or by variable name.',
    );
  }

  /**
   * Applies one AdamW update to every parameter that has a gradient (others are left alone, and their
   * moments are not decayed). All gradients are checked before anything changes. Gradients are not
   * disposed: they belong to the caller.
   *
   * @throws Error for a gradient whose shape differs from its parameter's, an unknown name, or a learning
   * rate that is not a finite number >= 0.
   * @example
   * ```ts
   * opt.step(clipGradNorm(grads, 1.0).grads);
   * ```
   */
  step(grads: Record<string, tf.Tensor | null | undefined>): void {
    // 1. resolve and check every gradient first, so a bad one changes nothing
    const work: { key: string; param: tf.Variable; grad: tf.Tensor }[] = [];
    const seen = new Set<string>();
    for (const [name, grad] of Object.entries(grads)) {
      if (grad == null) continue;
      const key = this.resolve(name);
      const param = this.params[key]!;
      if (seen.has(key)) throw new Error(`AdamW.step: two gradients given for parameter '${key}' (by key and by variable name).`);
      seen.add(key);
      if (!sameShape(grad.shape, param.shape)) {
        throw new Error(
          `AdamW.step: gradient for '${key}' has shape [${grad.shape.join(', ')}] but the parameter has shape [${param.shape.join(', ')}].`,
        );
      }
      if (grad.dtype !== 'float32') throw new Error(`AdamW.step: gradient for '${key}' has dtype ${grad.dtype}, expected float32.`);
      if (grad.isDisposed) throw new Error(`AdamW.step: gradient for '${key}' is already disposed.`);
      work.push({ key, param, grad });
    }
    const lr = this.lrOf(this.steps);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new RangeError(`AdamW.step: the learning rate for step ${this.steps} is ${String(lr)}; it must be a finite number >= 0.`);
    }
    // 2. bias corrections, computed once in double precision
    const t = this.steps + 1;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** t);
    const sqrtBias2 = Math.sqrt(1 - beta2 ** t);
    const decay = 1 - lr * this.weightDecay;
    // 3. moments (created at a parameter's first gradient)
    for (const { key, param } of work) {
      if (!this.slots.has(key)) this.slots.set(key, this.newSlot(param.shape));
    }
    // 4. the update, in place (one fused kernel per parameter on the native backend)
    tf.tidy(() => {
      for (const { key, param, grad } of work) {
        const slot = this.slots.get(key)!;
        if (nativeKernelsActive()) {
          const useDecay = this.decayed.has(key) && this.weightDecay !== 0;
          const attrs = { beta1, beta2, eps, stepSize, sqrtBias2, decay: useDecay ? decay : 1 };
          const [p2, m2, v2] = tf.engine().runKernel(ADAMW, { param, grad, m: slot.m, v: slot.v }, attrs) as tf.Tensor[];
          slot.m.assign(m2 as tf.Tensor);
          slot.v.assign(v2 as tf.Tensor);
          param.assign(p2 as tf.Tensor);
          continue;
        }
        const m = tf.add(tf.mul(slot.m, beta1), tf.mul(grad, 1 - beta1));
        const v = tf.add(tf.mul(slot.v, beta2), tf.mul(tf.square(grad), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBias2), eps);
        const update = tf.mul(tf.div(m, denom), stepSize);
        const base = this.decayed.has(key) && this.weightDecay !== 0 ? tf.mul(param, decay) : param;
        slot.m.assign(m);
        slot.v.assign(v);
        param.assign(tf.sub(base, update));
      }
    });
    this.steps = t;
  }

  private newSlot(shape: readonly number[]): Slot {
    const zeros = tf.zeros(shape as number[], 'float32');
    const slot = { m: tf.variable(zeros, false), v: tf.variable(zeros, false) };
    zeros.dispose();
    return slot;
  }

  /**
   * The state to checkpoint. `slots` are new tensors owned by the caller (cheap: they share data with
   * the optimizer until its next step); dispose them after saving.
   *
   * @example
   * ```ts
   * const { step, config, slots } = opt.getState();
   * await saveSafetensors(`${dir}/optimizer.safetensors`, slots);
   * await writeJsonAtomic(`${dir}/optimizer.json`, { step, config });
   * tf.dispose(Object.values(slots));
   * ```
   */
  getState(): AdamWState {
    const slots: Record<string, tf.Tensor> = {};
    for (const [key, slot] of this.slots) {
      slots[`m/${key}`] = tf.clone(slot.m);
      slots[`v/${key}`] = tf.clone(slot.v);
    }
    return {
      step: this.steps,
      config: { beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay, lr: this.constantLr },
      slots,
    };
  }

  /**
   * Restores `step` and the moments from {@link getState} (or from a loaded file); the next update then
   * equals the one an uninterrupted run would make. Hyperparameters stay those of this optimizer's
   * config. Parameters without slots in `state` start fresh. The tensors in `state` are copied: the
   * caller still owns (and should dispose) them. Everything is checked before anything changes.
   *
   * @throws Error naming the slot for an unknown parameter, a shape mismatch, a moment without its
   * partner or a bad step.
   * @example
   * ```ts
   * const { tensors } = await loadSafetensors(`${dir}/optimizer.safetensors`);
   * const { step } = JSON.parse(await readFile(`${dir}/optimizer.json`, 'utf8'));
   * opt.setState({ step, config: opt.getState().config, slots: tensors }); // config is informational
   * tf.dispose(Object.values(tensors));
   * ```
   */
  setState(state: Pick<AdamWState, 'step' | 'slots'> & Partial<Pick<AdamWState, 'config'>>): void {
    const { step, slots } = state;
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new RangeError(`AdamW.setState: step must be an integer >= 0, got ${String(step)}.`);
    }
    const pairs = pairSlots(slots ?? {}, this.params); // every slot checked before anything changes
    for (const [key, slot] of this.slots) {
      if (!pairs.has(key)) {
        slot.m.dispose();
        slot.v.dispose();
        this.slots.delete(key);
      }
    }
    for (const [key, pair] of pairs) {
      let slot = this.slots.get(key);
      if (!slot) {
        slot = this.newSlot(this.params[key]!.shape);
        this.slots.set(key, slot);
      }
      slot.m.assign(pair.m);
      slot.v.assign(pair.v);
    }
    this.steps = step;
  }

  /**
   * Frees the moment tensors (the parameters are the caller's and stay).
   *
   * @example
   * ```ts
   * opt.dispose();
   * ```
   */
  dispose(): void {
    for (const slot of this.slots.values()) {
      slot.m.dispose();
      slot.v.dispose();
    }
    this.slots.clear();
  }
}
