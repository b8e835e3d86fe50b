/** Stage 3: the CV–JD reward model, trained on recruiter feedback (@girl/reward). */
import { RewardModel, evaluateRewardModel, trainRewardModel } from '@girl/reward';
import type { Tokenizer } from '@girl/tokenizer';
import { round } from './context.js';
import type { StageContext } from './context.js';
import { InterruptedError, budgetSignal, remainingBudget } from './interrupt.js';
import { StageRecorder } from './stage-recorder.js';
import { rethrowDivergence } from './divergence.js';
import { baseModelFor } from './base-model.js';
import { SFT_DIR, loadSftModel } from './stage-sft.js';
import { rewardTrainingPairs, truthLabelled } from './mined-pairs.js';
import { rewardTrainerConfig } from '../config-trainers.js';

/** Folder of the reward checkpoints (`last/`, `best/`) and the final model (`model/`) inside a run. */
export const REWARD_DIR = 'reward';

/** What the reward stage reports. */
export interface RewardStageResult {
  steps: number;
  reason: string;
  auc: number | null;
  accuracy: number | null;
  pairwiseAccuracy: number | null;
  ece: number | null;
  tfidfAuc: number | null;
  tfidfPairwiseAccuracy: number | null;
  /** Synthetic market: AUC against the oracle's truth instead of the noisy recruiter labels (null without an oracle). */
  aucTruth: number | null;
  tfidfAucTruth: number | null;
  lexical: string;
  minedNegatives: boolean;
  evalRows: number;
  trainRows: number;
  fromSft: boolean;
}

/** Trains (or resumes) the reward model and evaluates it on the evaluation pairs beside TF-IDF. */
export async function runRewardStage(ctx: StageContext, tok: Tokenizer): Promise<RewardStageResult> {
  const c = ctx.config;
  let rm: RewardModel;
  const train = rewardTrainingPairs(c, ctx.data);
  // the wide head's IDF table: training texts only, never the evaluation rows
  const lexical = c.reward.lexical !== 'none' ? { lexical: c.reward.lexical, lexicalCorpus: train.flatMap((r) => [r.cv, r.jd]) } : {};
  if (c.reward.fromSft) {
    const sft = await loadSftModel(ctx);
    // the SFT model was loaded only to start the reward model: hand it over (no copy; rm.dispose() frees it)
    rm = RewardModel.create({ tokenizer: sft.tokenizer, backbone: sft.model, shareBackbone: true, seed: c.seed, interaction: c.reward.interaction, ...lexical });
  } else {
    const backbone = c.model.baseModel
      ? await baseModelFor(c.model.baseModel, tok, c.model.contextLength, ctx.log)
      : { ...c.reward.backbone, contextLength: c.model.contextLength, vocabSize: tok.vocabSize };
    rm = RewardModel.create({ tokenizer: tok, backbone, seed: c.seed, interaction: c.reward.interaction, ...lexical });
  }
  const budget = budgetSignal(ctx.signal, remainingBudget(c.reward.budgetSeconds, ctx.spentBefore));
  const bar = ctx.progress('reward', c.reward.maxSteps);
  const rec = new StageRecorder(ctx, 'reward', bar);
  try {
    const result = await trainRewardModel({
      model: rm,
      train,
      valid: ctx.data.pairsEval,
      config: {
        ...rewardTrainerConfig(c.reward), // every @girl/reward setting of the run's config
        seed: c.seed,
        checkpointDir: ctx.run.file(REWARD_DIR),
        metricsFile: ctx.run.file(REWARD_DIR, 'metrics.jsonl'),
        resume: ctx.resume ? 'auto' : false,
      },
      signal: budget.signal,
      events: {
        onStep: (e) => {
          bar.update(e.step, `loss ${e.loss.toFixed(3)}`);
          rec.record({ type: 'step', step: e.step, loss: e.loss, lr: e.lr, gradNorm: e.gradNorm, batchPairwiseAccuracy: Number.isNaN(e.batchPairwiseAccuracy) ? null : e.batchPairwiseAccuracy });
        },
        onEval: (e) => {
          rec.record({ type: 'eval', step: e.step, ...e.metrics });
        },
      },
    }).catch((e: unknown) => rethrowDivergence(e, 'reward', c, ctx.run));
    bar.stop();
    rec.start(result.resumedFrom); // resumed at its last step: nothing was recorded this session
    if (result.reason === 'aborted' && !budget.overBudget()) throw new InterruptedError('reward');
    if (budget.overBudget()) ctx.log(`  reward: stopped at step ${result.steps} by the stage budget (${c.reward.budgetSeconds} s over all sessions); checkpoint kept.`);
    const ev = await evaluateRewardModel(rm, ctx.data.pairsEval);
    const truthRows = truthLabelled(ctx.data);
    const truth = truthRows ? await evaluateRewardModel(rm, truthRows) : null;
    // the final (best-restored) model's evaluation, so the curve ends where the summary's figure comes from
    rec.record({ type: 'eval', step: result.steps, final: true, ...ev.model });
    await rm.save(ctx.run.file(REWARD_DIR, 'model'));
    return {
      steps: result.steps,
      reason: budget.overBudget() ? 'budget' : result.reason,
      auc: round(ev.model.auc),
      accuracy: round(ev.model.accuracy),
      pairwiseAccuracy: round(ev.model.pairwiseAccuracy),
      ece: round(ev.model.ece),
      tfidfAuc: round(ev.baselines?.tfidfCosine.auc),
      tfidfPairwiseAccuracy: round(ev.baselines?.tfidfCosine.pairwiseAccuracy),
      aucTruth: round(truth?.model.auc),
      tfidfAucTruth: round(truth?.baselines?.tfidfCosine.auc),
      lexical: c.reward.lexical,
      minedNegatives: train !== ctx.data.pairsTrain,
      evalRows: ev.rows,
      trainRows: result.data.rows,
      fromSft: c.reward.fromSft,
    };
  } finally {
    bar.stop();
    budget.dispose();
    rm.dispose();
  }
}

/** The run's trained reward model. */
export async function loadRunRewardModel(ctx: Pick<StageContext, 'run'>): Promise<RewardModel> {
  return RewardModel.load(ctx.run.file(REWARD_DIR, 'model'));
}

export { SFT_DIR };
