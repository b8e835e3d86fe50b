/**
 * The PPO trainer: fine-tunes a generator against any reward function of text, held near a frozen
 * reference model by a per-token KL penalty (Ziegler et al. 2019; Ouyang et al. 2022; TRL's PPOTrainer).
 *
 * One step, numbered as in the code below:
 *  1. rollout: a batch of CVs → prompts → sampled JDs (the generator's sampler, KV cache, stop at EOS)
 *  2. score: the reward function on (cv, jd) text; missing-EOS penalty, normalisation, clipping
 *  3. log-probs: ONE training-mode forward pass of the policy (with its value head) and of the reference
 *     over the padded (prompt, response) batch, logits divided by the rollout temperature
 *  4. rewards: −β·kl per token, the score at the last real token
 *  5. values: from the same forward pass as 3
 *  6. advantages and returns: GAE, whitened advantages
 *  7. PPO epochs over shuffled minibatches: clipped policy loss + vfCoef·clipped value loss − entCoef·entropy,
 *     gradient clipping, AdamW; stop early when the approximate KL passes `targetKl`
 *  8. metrics (TRL names) to the callback and the JSONL file
 *  9. KL controller update
 * 10. checkpoint
 *
 * Why step 3 recomputes the rollout's log-probs instead of taking the sampler's: the old-policy, new-policy
 * and reference log-probs must come from the very same computation, or the KL starts non-zero (and can go
 * negative) before anything was learned. Sampling uses the temperature only (no top-k / top-p /
 * repetition penalty, which would make the sampled distribution differ from the one scored).
 */
import { Rng } from '@girl/core';
import { AdamW, JsonlLog, assertGpuHealthy } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import { cloneModel, generateAnywhere, sftPrompt } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { resolvePpoConfig } from './config.js';
import type { PpoConfig } from './config.js';
import { gaeBatch } from './gae.js';
import { baselineAdvantages, rlooAdvantages } from './rloo.js';
import { greedyBaseline } from './greedy-baseline.js';
import { AdaptiveKLController, FixedKLController } from './kl-controller.js';
import type { KLController } from './kl-controller.js';
import type { PpoMetrics } from './metrics.js';
import { stepMetrics } from './step-metrics.js';
import { runPpoEpochs } from './ppo-epochs.js';
import { PromptSchedule } from './prompt-schedule.js';
import { responseLogprobsAsync } from './response-log-probs.js';
import { assembleRewards, assertFiniteScores, processScores } from './rewards.js';
import { RunningMoments } from './running-moments.js';
import { buildSequences } from './sequences.js';
import { ValueHead } from './value-head.js';
import { scaleByStd, scaleNegatives, whiten } from './whiten.js';

export type { PpoEvents, PpoTokenizer, PpoTrainerInput, PpoTrainerState, RewardFn, RolloutSample } from './trainer-types.js';
import type { PpoEvents, PpoTokenizer, PpoTrainerInput, PpoTrainerState, RewardFn } from './trainer-types.js';

/**
 * PPO for GIRL's generator.
 *
 * @example
 * ```ts
 * const trainer = new PpoTrainer({
 *   policy: sftModel, tokenizer: tok, prompts: cvs,
 *   reward: (cv, jd) => rewardModel.score(cv, jd),
 *   config: { maxSteps: 200, learningRate: 1e-4, metricsFile: 'runs/ppo/metrics.jsonl', checkpointDir: 'runs/ppo/ckpt' },
 *   events: { onStep: (m) => console.log(m.step, m['objective/scores'], m['objective/kl']) },
 * });
 * await trainer.train();
 * trainer.dispose(); // frees the optimizer's moments, the reference copy and the value head (not the policy)
 * ```
 */
export class PpoTrainer {
  readonly config: PpoConfig;
  readonly policy: CausalLM;
  readonly reference: CausalLM;
  readonly valueHead: ValueHead;
  readonly tokenizer: PpoTokenizer;
  readonly optimizer: AdamW;
  readonly klController: KLController;
  readonly runningMoments = new RunningMoments();
  private readonly reward: RewardFn;
  private readonly prompts: readonly string[];
  private readonly events: PpoEvents;
  private readonly promptFor: (cv: string) => number[];
  private readonly ownsReference: boolean;
  private readonly ownsValueHead: boolean;
  private rng: Rng;
  private steps = 0;
  private readonly schedule: PromptSchedule;
  /** `config.metricsFile`, opened at the first step (rewound to the step the trainer starts from). */
  private metricsLog: JsonlLog | null | undefined;
  private disposed = false;

  constructor(input: PpoTrainerInput) {
    this.config = resolvePpoConfig(input.config);
    const c = this.config;
    if (!input.policy || typeof input.policy.forwardHidden !== 'function') throw new TypeError('PpoTrainer: policy must be a @girl/generator causal LM (GPT or Llama).');
    if (typeof input.reward !== 'function') throw new TypeError('PpoTrainer: reward must be a function (cv, jd) => number | Promise<number>.');
    if (!Array.isArray(input.prompts) || input.prompts.length === 0 || input.prompts.some((p) => typeof p !== 'string')) {
      throw new TypeError('PpoTrainer: prompts must be a non-empty array of strings (the CVs).');
    }
    this.policy = input.policy;
    if (input.reference) {
      if (JSON.stringify(input.reference.config) !== JSON.stringify(input.policy.config)) {
        throw new Error('PpoTrainer: the reference model must have the same config as the policy (it is the policy before PPO).');
      }
      if (input.reference === input.policy) throw new Error('PpoTrainer: reference must be a separate (frozen) copy, not the policy object itself; omit it to copy the policy.');
    }
    this.reference = input.reference ?? cloneModel(input.policy);
    this.ownsReference = !input.reference || input.owns?.reference === true;
    this.valueHead = input.valueHead ?? ValueHead.create(input.policy.config.dModel);
    this.ownsValueHead = !input.valueHead || input.owns?.valueHead === true;
    if ((this.valueHead.params['v_head.weight'] as Variable).shape[0] !== input.policy.config.dModel) {
      throw new Error(`PpoTrainer: the value head's width does not match the policy's dModel (${input.policy.config.dModel}).`);
    }
    this.tokenizer = input.tokenizer;
    const eos = input.tokenizer.eosId;
    if (eos === undefined) throw new Error('PpoTrainer: the tokenizer has no <|eos|> token; responses could never stop.');
    this.reward = input.reward;
    this.prompts = input.prompts;
    this.events = input.events ?? {};
    const maxPromptTokens = input.policy.config.contextLength - c.maxNewTokens;
    if (maxPromptTokens < 6) {
      throw new Error(`PpoTrainer: maxNewTokens (${c.maxNewTokens}) leaves ${maxPromptTokens} of the model's ${input.policy.config.contextLength} positions for the prompt; lower maxNewTokens.`);
    }
    this.promptFor = input.promptIds ?? ((cv) => sftPrompt(input.tokenizer, cv, { maxPromptTokens }));
    this.optimizer = new AdamW(this.trainableParams(), { lr: c.learningRate, weightDecay: c.weightDecay });
    this.klController = c.adaptiveKl ? new AdaptiveKLController(c.initKlCoef, c.target, c.horizon) : new FixedKLController(c.initKlCoef);
    this.rng = new Rng(c.seed);
    this.schedule = new PromptSchedule(input.prompts.length, c);
  }

  /** PPO steps completed. */
  get stepCount(): number {
    return this.steps;
  }

  /** The variables the optimizer updates: the policy's and the value head's (keyed by their saved names). */
  trainableParams(): Record<string, Variable> {
    return { ...this.policy.params, ...this.valueHead.params };
  }

  /**
   * Runs steps until `config.maxSteps` are done, or until `signal` aborts (checked between steps: the step in
   * flight finishes, so the trainer is left at a step boundary, ready for `savePpoCheckpoint` and a resume).
   * Returns this call's steps' metrics.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * process.once('SIGINT', () => stop.abort());
   * await trainer.train({ signal: stop.signal });
   * await savePpoCheckpoint('runs/7/ppo', trainer);
   * ```
   */
  async train(options: { signal?: AbortSignal } = {}): Promise<PpoMetrics[]> {
    const all: PpoMetrics[] = [];
    while (this.steps < this.config.maxSteps && !options.signal?.aborted) all.push(await this.step());
    return all;
  }

  /** One PPO step (rollout → update); returns its metrics. */
  async step(): Promise<PpoMetrics> {
    const c = this.config;
    const t0 = performance.now();
    const B = c.batchSize;
    const eos = this.tokenizer.eosId as number;
    const pad = this.tokenizer.padId ?? eos;

    // 1. rollout
    const cvs = this.schedule.indices(this.steps).map((i) => this.prompts[i] as string);
    const promptIds = cvs.map((cv) => this.promptFor(cv));
    const gen = await generateAnywhere(this.policy, this.tokenizer, promptIds, {
      maxNewTokens: c.maxNewTokens,
      doSample: true,
      temperature: c.temperature,
      seed: this.rng.next(),
      stopAtEos: true,
      eosTokenId: eos,
      padTokenId: pad,
    });
    const tRollout = performance.now();

    // 2. score (text in, number out) and the score pipeline
    const rawScores = await Promise.all(cvs.map((cv, i) => this.reward(cv, gen.texts[i] as string)));
    assertFiniteScores(rawScores, (i) => `sample ${i} of step ${this.steps + 1}`);
    await this.events.onRollout?.(cvs.map((cv, i) => ({ cv, jd: gen.texts[i] as string, score: rawScores[i] as number, finished: gen.finished[i] as boolean })), this.steps + 1);
    //    ReMax: the greedy JDs' scores go through the same pipeline and become the baselines
    const greedy = c.advantage === 'remax' ? await greedyBaseline(this.policy, this.tokenizer, this.reward, cvs, promptIds, c.samplesPerPrompt, { maxNewTokens: c.maxNewTokens, eosTokenId: eos, padTokenId: pad }) : null;
    const processed = processScores([...rawScores, ...(greedy?.raw ?? [])], [...gen.finished, ...(greedy?.finished ?? [])], c, this.runningMoments);
    const scores = processed.slice(0, B);

    // 3. + 5. log-probs of the policy (and its values) and of the reference, one forward pass each
    const batch = buildSequences(promptIds, gen.tokens, pad);
    const { R } = batch;
    const mask = batch.responseMask; // [B, R]
    const score = { temperature: c.temperature, chunkSize: c.miniBatchSize };
    const policyOut = await responseLogprobsAsync(this.policy, batch, { ...score, valueHead: this.valueHead });
    const refOut = await responseLogprobsAsync(this.reference, batch, score);

    // 4. per-token rewards: −β·kl, plus the score at the last real token
    const klCoef = this.klController.value;
    const assembled = assembleRewards({ scores, logprobs: policyOut.logprobs, refLogprobs: refOut.logprobs, mask, B, R, klCoef, estimator: c.klEstimator });
    const rewards = c.whitenRewards ? whiten(assembled.rewards, mask, false) : assembled.rewards;

    // 6. advantages (GAE, or leave-one-out over each CV's responses) and the value head's returns;
    //    advantages whitened over real tokens
    const { advantages: gaeAdv, returns } = gaeBatch(rewards, policyOut.values, mask, B, R, c.gamma, c.lam);
    const k = c.samplesPerPrompt;
    const rawAdv = c.advantage === 'rloo' ? rlooAdvantages(rewards, mask, B, R, k) : c.advantage === 'remax' ? baselineAdvantages(rewards, mask, B, R, processed.slice(B), k) : gaeAdv;
    //    (ReMax keeps its baseline's zero: only samples beating greedy gain); negatives scaled by negativeAdvantageScale
    const advantages = scaleNegatives(c.advantage === 'remax' ? scaleByStd(rawAdv, mask) : whiten(rawAdv, mask), c.negativeAdvantageScale);

    // 7. PPO epochs over shuffled minibatches
    const lr = this.optimizer.getLearningRate();
    const epochsInput = { policy: this.policy, valueHead: this.valueHead, optimizer: this.optimizer, varList: Object.values(this.trainableParams()), config: c, rng: this.rng, step: this.steps + 1 };
    const { stats, earlyStopped } = await runPpoEpochs(epochsInput, batch, { oldLogprobs: policyOut.logprobs, oldValues: policyOut.values, advantages, returns });
    //    on webgpu an allocation that did not fit is an event, not an exception: stop before anything is saved
    assertGpuHealthy(`PPO step ${this.steps + 1}`);

    // 8. metrics
    this.steps++;
    const metrics = stepMetrics({
      step: this.steps,
      B,
      R,
      mask,
      logprobs: policyOut.logprobs,
      kl: assembled.kl,
      nonScoreReward: assembled.nonScoreReward,
      scores,
      rawScores,
      klCoef,
      stats,
      earlyStopped,
      lr,
      tokens: gen.tokens,
      finished: gen.finished,
      seconds: (performance.now() - t0) / 1000,
      rolloutSeconds: (tRollout - t0) / 1000,
    });
    if (this.metricsLog === undefined) {
      const from = this.steps - 1; // a resumed trainer drops the records past its checkpoint: each step is logged once
      this.metricsLog = c.metricsFile ? await JsonlLog.open(c.metricsFile, { keep: (r) => typeof r.step === 'number' && r.step <= from }) : null;
    }
    this.metricsLog?.append(metrics as unknown as Record<string, unknown>);
    await this.events.onStep?.(metrics);

    // 9. KL controller
    this.klController.update(metrics['objective/kl'], B);

    // 10. checkpoint
    if (c.checkpointDir && (this.steps % c.saveSteps === 0 || this.steps === c.maxSteps)) {
      const { savePpoCheckpoint } = await import('./checkpoint.js');
      await this.metricsLog?.sync(); // the records this checkpoint covers reach the disk first
      await savePpoCheckpoint(c.checkpointDir, this);
      await this.events.onCheckpoint?.(c.checkpointDir, this.steps);
    }
    return metrics;
  }

  /** The resumable state (see {@link savePpoCheckpoint}). */
  getState(): PpoTrainerState {
    return {
      step: this.steps,
      rng: this.rng.getState(),
      klController: this.klController.getState(),
      runningMoments: this.runningMoments.getState(),
      optimizerStep: this.optimizer.stepCount,
    };
  }

  /** Restores {@link getState}'s output (and the optimizer's moments). */
  setState(state: PpoTrainerState, optimizerSlots: Record<string, Tensor> = {}): void {
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`PpoTrainer.setState: bad step ${String(state.step)}.`);
    this.klController.setState(state.klController);
    this.runningMoments.setState(state.runningMoments);
    this.optimizer.setState({ step: state.optimizerStep, slots: optimizerSlots });
    this.rng = Rng.fromState(state.rng);
    this.steps = state.step;
  }

  /**
   * Frees everything the trainer created: the optimizer's moments, the reference copy and the default value
   * head, plus a reference or value head handed over with `owns` (as `resumePpo` does). The policy, and
   * whatever else you passed in, stay yours. Calling it twice is harmless.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.metricsLog?.close();
    this.metricsLog = undefined;
    this.optimizer.dispose();
    if (this.ownsReference) this.reference.dispose();
    if (this.ownsValueHead) this.valueHead.dispose();
  }
}

/** A frozen copy of a model (same config, cloned weights). @deprecated use `cloneModel` from @girl/generator. */
export function copyModel<M extends CausalLM>(model: M): M {
  return cloneModel(model);
}
