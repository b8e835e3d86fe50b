/**
 * The metrics of one PPO step, named as TRL's PPOTrainer logs them so runs compare side by side.
 */

/** One step's metrics (TRL names; GIRL's additions are marked). */
export interface PpoMetrics {
  /** 1-based PPO step. */
  step: number;
  /** Episodes (rollouts) so far. */
  episode: number;
  /** Mean over responses of Σ_t kl_t (the chosen estimator), before this step's update. */
  'objective/kl': number;
  /** Mean over responses of Σ_t −log π(y_t) (TRL's sampled entropy estimate). */
  'objective/entropy': number;
  /** Mean processed score (after the missing-EOS penalty, normalisation and clipping). */
  'objective/scores': number;
  /** GIRL: mean raw reward-function output. */
  'objective/raw_scores': number;
  /** Mean over responses of Σ_t −β·kl_t. */
  'objective/non_score_reward': number;
  /** `objective/scores` + `objective/non_score_reward`: what PPO maximises. */
  'objective/rlhf_reward': number;
  /** β used this step. */
  'objective/kl_coef': number;
  /** Mean over minibatch updates of ½·mean (log π − log π_old)². */
  'policy/approxkl_avg': number;
  /** Mean share of tokens whose ratio was clipped. */
  'policy/clipfrac_avg': number;
  /** Mean per-token entropy of the policy (at the rollout temperature) during the updates. */
  'policy/entropy_avg': number;
  'loss/policy_avg': number;
  'loss/value_avg': number;
  /** Mean share of tokens whose value was clipped. */
  'val/clipfrac_avg': number;
  /** Mean probability ratio π/π_old. */
  'val/ratio': number;
  /** Responses that ended with EOS. */
  'val/num_eos_tokens': number;
  /** GIRL: mean response length in tokens (EOS included). */
  'val/response_length': number;
  /** Learning rate. */
  lr: number;
  /** GIRL: minibatch updates applied this step (fewer than epochs × minibatches after an early stop). */
  'ppo/updates': number;
  /** GIRL: whether the approximate-KL early stop ended this step's epochs. */
  'ppo/early_stopped': boolean;
  /** GIRL: mean gradient norm before clipping. */
  'ppo/grad_norm': number;
  /** Episodes per second (TRL's `eps`). */
  eps: number;
  /** GIRL: generated tokens per second over the whole step (rollout + scoring + update). */
  'time/tokens_per_s': number;
  /** GIRL: generated tokens per second during the rollout alone. */
  'time/rollout_tokens_per_s': number;
  /** GIRL: wall-clock seconds of the step. */
  'time/step_s': number;
}

/** Opens a JSONL metrics file (folder created) and returns an appender: one write per whole line. */
export async function openMetricsFile(path: string): Promise<(m: PpoMetrics) => Promise<void>> {
  const { appendFile, mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  return (m) => appendFile(path, `${JSON.stringify(m)}\n`);
}
