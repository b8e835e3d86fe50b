/** Stage 2: supervised fine-tuning of the generator on CV → JD pairs (@girl/generator's trainSft). */
import { existsSync } from 'node:fs';
import { GPT, loadModelFromCheckpoint, trainSft } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { round } from './context.js';
import type { StageContext } from './context.js';
import { InterruptedError, budgetSignal, remainingBudget } from './interrupt.js';
import { StageRecorder } from './stage-recorder.js';
import { readMetrics } from './run-dir.js';
import { rethrowDivergence } from './divergence.js';
import { baseModelFor } from './base-model.js';
import { sftTrainerConfig } from '../config-trainers.js';

/** Folder of the SFT checkpoints (`last/`, `best/`) inside a run. */
export const SFT_DIR = 'sft';

/** What the SFT stage reports. */
export interface SftStageResult {
  steps: number;
  reason: string;
  evalLoss: number | null;
  evalPerplexity: number | null;
  trainLoss: number | null;
  parameters: number;
  trainExamples: number;
  evalExamples: number;
  overBudget: boolean;
}

/** Trains (or resumes) SFT; checkpoints in `<run>/sft/{last,best}`. */
export async function runSftStage(ctx: StageContext, tok: Tokenizer): Promise<SftStageResult> {
  const c = ctx.config;
  const model = c.model.baseModel
    ? await baseModelFor(c.model.baseModel, tok, c.model.contextLength, ctx.log)
    : GPT.create({ vocabSize: tok.vocabSize, ...c.model, tiedHead: true }, { seed: c.seed });
  const dir = ctx.run.file(SFT_DIR);
  const budget = budgetSignal(ctx.signal, remainingBudget(c.sft.budgetSeconds, ctx.spentBefore));
  const bar = ctx.progress('sft', c.sft.maxSteps);
  const rec = new StageRecorder(ctx, 'sft', bar);
  let lastLoss: number | null = null;
  try {
    const result = await trainSft({
      model,
      tokenizer: tok,
      train: ctx.data.sftTrain,
      valid: ctx.data.sftEval,
      config: {
        ...sftTrainerConfig(c.sft), // every @girl/generator setting of the run's config
        seed: c.seed,
        checkpointDir: dir,
        metricsFile: ctx.run.file(SFT_DIR, 'metrics.jsonl'),
        resume: ctx.resume ? 'auto' : false,
      },
      signal: budget.signal,
      events: {
        onStep: (e) => {
          lastLoss = e.loss;
          bar.update(e.step, `loss ${e.loss.toFixed(3)} ${Math.round(e.tokensPerSecond)} tok/s`);
          rec.record({ type: 'step', step: e.step, loss: e.loss, lr: e.lr, gradNorm: e.gradNorm, tokensPerSecond: e.tokensPerSecond });
        },
        onEval: (e) => {
          rec.record({ type: 'eval', step: e.step, evalLoss: e.valLoss, evalPerplexity: e.valPerplexity });
        },
      },
    }).catch((e: unknown) => rethrowDivergence(e, 'sft', c, ctx.run));
    bar.stop();
    rec.start(result.resumedFrom); // resumed at its last step: nothing was recorded this session
    if (result.reason === 'aborted' && !budget.overBudget()) throw new InterruptedError('sft');
    if (budget.overBudget()) ctx.log(`  sft: stopped at step ${result.steps} by the stage budget (${c.sft.budgetSeconds} s over all sessions); checkpoint kept.`);
    const best = result.bestValLoss;
    return {
      steps: result.steps,
      reason: budget.overBudget() ? 'budget' : result.reason,
      evalLoss: round(best),
      evalPerplexity: round(best === null ? null : Math.exp(best)),
      trainLoss: round(lastLoss ?? (await lastLoggedLoss(ctx))), // resumed at its last step: from the run log
      parameters: model.numParameters,
      trainExamples: result.data.train,
      evalExamples: result.data.valid,
      overBudget: budget.overBudget(),
    };
  } finally {
    bar.stop();
    budget.dispose();
    model.dispose();
  }
}

/** The loss of the last SFT step in the run log (a resumed stage that had no step left to do). */
async function lastLoggedLoss(ctx: Pick<StageContext, 'run'>): Promise<number | null> {
  const steps = (await readMetrics(ctx.run.file('metrics.jsonl'))).filter((r) => r.stage === 'sft' && r.type === 'step');
  const last = steps.sort((a, b) => a.step - b.step).at(-1);
  return typeof last?.loss === 'number' ? last.loss : null;
}

/** The SFT model of a run: `best/` (lowest evaluation loss) when it exists, else `last/`. */
export async function loadSftModel(ctx: Pick<StageContext, 'run'>): Promise<{ model: CausalLM; tokenizer: Tokenizer; dir: string }> {
  const best = ctx.run.file(SFT_DIR, 'best');
  const dir = existsSync(best) ? best : ctx.run.file(SFT_DIR, 'last');
  const { model, tokenizer } = await loadModelFromCheckpoint(dir);
  return { model, tokenizer, dir };
}
