/**
 * Stage 4: PPO against the reward model with a KL penalty to the SFT model (@girl/ppo), and the held-out
 * comparison before / after.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { findCheckpoint } from '@girl/tensor';
import { saveModel } from '@girl/generator';
import { PpoTrainer, resumePpo, savePpoCheckpoint } from '@girl/ppo';
import type { PpoMetrics } from '@girl/ppo';
import { mean, round } from './context.js';
import type { StageContext } from './context.js';
import { trainerPpoConfig } from '../config-ppo.js';
import { evalGeneration, evaluatePolicy } from './evaluate-policy.js';
import { sectionProfile } from './jd-quality.js';
import type { JdQuality } from './jd-quality.js';
import type { PolicyEvaluation } from './evaluate-policy.js';
import { InterruptedError, budgetSignal, remainingBudget } from './interrupt.js';
import { readMetrics } from './run-dir.js';
import { StageRecorder } from './stage-recorder.js';
import { rethrowDivergence } from './divergence.js';
import { loadRunRewardModel } from './stage-reward.js';
import { loadSftModel } from './stage-sft.js';

/** Folder of the PPO checkpoint (`ckpt/`) and the final policy (`policy/`, a Hugging Face-style folder). */
export const PPO_DIR = 'ppo';

/** What the PPO stage reports. */
export interface PpoStageResult {
  steps: number;
  reason: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  kl: number | null;
  oracleFitBefore?: number | null;
  oracleFitAfter?: number | null;
  oracleFitRateBefore?: number | null;
  oracleFitRateAfter?: number | null;
  rewardFirstSteps: number | null;
  rewardLastSteps: number | null;
  /** Held-out CVs the before / after figures are on. */
  heldOutCvs?: number;
  /** How the greedy JDs read before and after PPO (see jd-quality.ts). */
  quality?: { before: JdQuality | null; after: JdQuality | null };
}

/** The sample JDs (before / after PPO) kept for the report. */
export interface PpoSamples {
  samples: { cv: string; before: string; after: string; reference?: string }[];
}

/** Runs PPO (or resumes it from `<run>/ppo/ckpt`), then evaluates the policy before and after. */
export async function runPpoStage(ctx: StageContext): Promise<PpoStageResult> {
  const c = ctx.config;
  const sft = await loadSftModel(ctx);
  const rm = await loadRunRewardModel(ctx);
  const tok = sft.tokenizer;
  const evalCvs = ctx.data.sftEval.slice(0, c.eval.cvs).map((p) => p.cv);
  const oracle = ctx.data.oracle;
  const ckptDir = ctx.run.file(PPO_DIR, 'ckpt');
  const gen = evalGeneration(c);
  const sections = sectionProfile(ctx.data.sftTrain.map((p) => p.jd));

  // 1. the SFT model on held-out CVs (kept in the run so a resumed stage need not redo it)
  const beforeFile = ctx.run.file(PPO_DIR, 'eval-before.json');
  let before: PolicyEvaluation;
  if (existsSync(beforeFile)) before = JSON.parse(await readFile(beforeFile, 'utf8')) as PolicyEvaluation;
  else {
    ctx.log(`  ppo: scoring the SFT model's JDs for ${evalCvs.length} held-out CVs…`);
    before = await evaluatePolicy(sft.model, tok, rm, oracle, evalCvs, gen, sections);
    await ctx.run.writeJson(`${PPO_DIR}/eval-before.json`, before);
  }

  // 2. PPO
  const reward = rm.rewardFn();
  const prompts = ctx.data.sftTrain.map((p) => p.cv);
  const ppoConfig = {
    ...trainerPpoConfig(c.ppo), // every @girl/ppo setting of the run's config
    seed: c.seed,
    checkpointDir: ckptDir,
    saveSteps: c.ppo.saveSteps,
    metricsFile: ctx.run.file(PPO_DIR, 'metrics.jsonl'),
  };
  // only a complete checkpoint counts: a kill during the first save leaves an incomplete `.girl-new` and no step
  const resuming = ctx.resume && (await findCheckpoint(ckptDir)) !== null;
  // on resume: this run's own paths, and the settings a resume may change (see resume-overrides.ts)
  const { maxSteps, learningRate, saveSteps, checkpointDir, metricsFile, maxGradNorm } = ppoConfig;
  const resumeConfig = { maxSteps, learningRate, saveSteps, checkpointDir, metricsFile, maxGradNorm };
  const bar = ctx.progress('ppo', c.ppo.maxSteps);
  const rec = new StageRecorder(ctx, 'ppo', bar);
  // recorded from the trainer's onStep, which runs before the step's checkpoint: a step is in the run log
  // no later than the checkpoint that covers it
  const events = {
    onStep: (m: PpoMetrics) => {
      bar.update(m.step, `reward ${m['objective/scores'].toFixed(3)} kl ${m['objective/kl'].toFixed(3)} ${m['time/step_s'].toFixed(1)} s/step`);
      rec.record({
        type: 'step',
        step: m.step,
        reward: m['objective/scores'],
        rawReward: m['objective/raw_scores'],
        kl: m['objective/kl'],
        rlhfReward: m['objective/rlhf_reward'],
        klCoef: m['objective/kl_coef'],
        approxKl: m['policy/approxkl_avg'],
        clipfrac: m['policy/clipfrac_avg'],
        responseLength: m['val/response_length'],
        stepSeconds: m['time/step_s'],
      });
    },
  };
  const trainer = resuming
    ? await resumePpo(ckptDir, { tokenizer: tok, reward, prompts, config: resumeConfig, events })
    : new PpoTrainer({ policy: sft.model, tokenizer: tok, reward, prompts, config: ppoConfig, events });
  if (resuming) {
    sft.model.dispose();
    ctx.log(`  ppo: resumed from step ${trainer.stepCount} (${ckptDir})`);
  }
  rec.start(trainer.stepCount);
  const budget = budgetSignal(ctx.signal, remainingBudget(c.ppo.budgetSeconds, ctx.spentBefore));
  let savedAt = trainer.stepCount;
  try {
    while (trainer.stepCount < c.ppo.maxSteps && !budget.signal.aborted) {
      await trainer.step().catch((e: unknown) => rethrowDivergence(e, 'ppo', c, ctx.run));
      if (trainer.stepCount % c.ppo.saveSteps === 0 || trainer.stepCount === c.ppo.maxSteps) savedAt = trainer.stepCount;
    }
    bar.stop();
    if (savedAt !== trainer.stepCount) await savePpoCheckpoint(ckptDir, trainer);
    if (ctx.signal.aborted) throw new InterruptedError('ppo');
    if (budget.overBudget()) ctx.log(`  ppo: stopped at step ${trainer.stepCount} by the stage budget (${c.ppo.budgetSeconds} s over all sessions); checkpoint kept.`);

    // 3. the PPO policy on the same held-out CVs
    ctx.log(`  ppo: scoring the PPO policy's JDs for ${evalCvs.length} held-out CVs…`);
    const after = await evaluatePolicy(trainer.policy, tok, rm, oracle, evalCvs, gen, sections);
    await ctx.run.writeJson(`${PPO_DIR}/eval-after.json`, after);
    await saveModel(trainer.policy, ctx.run.file(PPO_DIR, 'policy'), { tokenizer: tok });
    const refs = ctx.data.sftEval;
    const samples: PpoSamples = {
      samples: evalCvs.slice(0, c.eval.samples).map((cv, i) => ({ cv, before: before.jds[i] ?? '', after: after.jds[i] ?? '', reference: refs[i]?.jd })),
    };
    await ctx.run.writeJson(`${PPO_DIR}/samples.json`, samples);
    // the whole stage over every session, from the run log (each step once): not just this session's steps
    const all = (await readMetrics(ctx.run.file('metrics.jsonl'))).filter((r) => r.stage === 'ppo' && r.type === 'step').sort((a, b) => a.step - b.step);
    const kls = all.slice(-3).map((m) => m.kl as number);
    return {
      steps: trainer.stepCount,
      reason: budget.overBudget() ? 'budget' : 'completed',
      scoreBefore: round(before.score),
      scoreAfter: round(after.score),
      kl: round(kls.length > 0 ? mean(kls) : null),
      ...(oracle
        ? { oracleFitBefore: round(before.oracleFit), oracleFitAfter: round(after.oracleFit), oracleFitRateBefore: round(before.oracleFitRate), oracleFitRateAfter: round(after.oracleFitRate) }
        : {}),
      rewardFirstSteps: round(all.length ? mean(all.slice(0, 3).map((m) => m.reward as number)) : null),
      rewardLastSteps: round(all.length ? mean(all.slice(-3).map((m) => m.reward as number)) : null),
      heldOutCvs: evalCvs.length,
      quality: { before: before.quality ?? null, after: after.quality ?? null },
    };
  } finally {
    bar.stop();
    budget.dispose();
    trainer.policy.dispose();
    trainer.dispose();
    rm.dispose();
  }
}

/** Path of the run's final policy (a `saveModel` folder) for `girl generate`. */
export function ppoPolicyDir(ctx: Pick<StageContext, 'run'>): string {
  return ctx.run.file(PPO_DIR, 'policy');
}
