/**
 * KL coefficient controllers (Ziegler et al. 2019, "Fine-Tuning Language Models from Human Preferences").
 *
 * - {@link FixedKLController}: β never changes (TRL's default since v0.12, `kl_coef = 0.05`).
 * - {@link AdaptiveKLController}: a proportional controller that steers the observed KL towards a target:
 *   `e = clip(KL / target − 1, −0.2, 0.2)`, `β ← β · (1 + e · n / horizon)` after a batch of `n` episodes.
 *
 * Both expose `getState()` / `setState()` (plain JSON) so a resumed run continues with the same β.
 */

/** A controller's JSON state. */
export interface KLControllerState {
  kind: 'fixed' | 'adaptive';
  value: number;
  target: number | null;
  horizon: number | null;
}

/** What the trainer needs from a KL controller. */
export interface KLController {
  /** The current KL coefficient β. */
  readonly value: number;
  /** Updates β from the KL observed on a batch of `nSteps` episodes. */
  update(currentKl: number, nSteps: number): void;
  getState(): KLControllerState;
  setState(state: KLControllerState): void;
}

function checkCoef(value: number, where: string): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${where}: the KL coefficient must be a finite number >= 0, got ${value}.`);
}

/**
 * A constant KL coefficient.
 *
 * @example
 * ```ts
 * const ctl = new FixedKLController(0.05);
 * ctl.update(12, 16);
 * ctl.value; // 0.05
 * ```
 */
export class FixedKLController implements KLController {
  private coef: number;
  constructor(value: number) {
    checkCoef(value, 'FixedKLController');
    this.coef = value;
  }
  get value(): number {
    return this.coef;
  }
  update(_currentKl: number, _nSteps: number): void {}
  getState(): KLControllerState {
    return { kind: 'fixed', value: this.coef, target: null, horizon: null };
  }
  setState(state: KLControllerState): void {
    if (state.kind !== 'fixed') throw new Error(`FixedKLController.setState: got the state of a '${state.kind}' controller.`);
    checkCoef(state.value, 'FixedKLController.setState');
    this.coef = state.value;
  }
}

/**
 * Ziegler et al.'s adaptive KL controller.
 *
 * @example
 * ```ts
 * const ctl = new AdaptiveKLController(0.2, 6, 10000);
 * ctl.update(12, 1000);  // KL twice the target: error clipped to +0.2
 * ctl.value;             // 0.2 · (1 + 0.2 · 1000 / 10000) = 0.204
 * ```
 */
export class AdaptiveKLController implements KLController {
  private coef: number;
  readonly target: number;
  readonly horizon: number;
  constructor(initKlCoef: number, target: number, horizon: number) {
    checkCoef(initKlCoef, 'AdaptiveKLController');
    if (!(target > 0)) throw new RangeError(`AdaptiveKLController: target must be > 0, got ${target}.`);
    if (!(horizon > 0)) throw new RangeError(`AdaptiveKLController: horizon must be > 0, got ${horizon}.`);
    this.coef = initKlCoef;
    this.target = target;
    this.horizon = horizon;
  }
  get value(): number {
    return this.coef;
  }
  update(currentKl: number, nSteps: number): void {
    if (!Number.isFinite(currentKl)) return; // a NaN batch must not poison β
    const error = Math.min(0.2, Math.max(-0.2, currentKl / this.target - 1));
    this.coef *= 1 + (error * nSteps) / this.horizon;
  }
  getState(): KLControllerState {
    return { kind: 'adaptive', value: this.coef, target: this.target, horizon: this.horizon };
  }
  setState(state: KLControllerState): void {
    if (state.kind !== 'adaptive') throw new Error(`AdaptiveKLController.setState: got the state of a '${state.kind}' controller.`);
    checkCoef(state.value, 'AdaptiveKLController.setState');
    this.coef = state.value;
  }
}
