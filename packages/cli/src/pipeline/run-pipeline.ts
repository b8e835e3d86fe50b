/**
 * The pipeline: tokenizer → SFT → reward model → PPO → augmentation, each stage skipped when a resumed run
 * has it done, continued from its checkpoint when it was interrupted. Writes `runs/<id>/` with
 * checkpoints, `metrics.jsonl`, `summary.json` and `report.html`.
 */
import { activeBackend, describeAdapter, initBackend } from '@girl/tensor';
import type { BackendName } from '@girl/tensor';
import type { GirlConfig, UserConfig } from '../config.js';
import { loadPipelineData } from '../data-input.js';
import { consoleOutput } from './context.js';
import type { StageContext } from './context.js';
import { InterruptedError, watchInterrupts } from './interrupt.js';
import { RunDir, STAGES, validateRunId } from './run-dir.js';
import { applyResumeOverrides } from './resume-overrides.js';
import { sweepLeftovers } from './sweep.js';
import type { StageName } from './run-dir.js';
import { runAugmentStage } from './stage-augment.js';
import { runPpoStage } from './stage-ppo.js';
import { runRewardStage } from './stage-reward.js';
import { loadRunTokenizer, runTokenizerStage } from './stage-tokenizer.js';
import { runSftStage } from './stage-sft.js';
import { formatSummaryTable } from './summary.js';
import type { RunSummary } from './summary.js';
import { writeSummaryAndReport } from './write-report.js';

/** Options of {@link runPipeline}. */
export interface RunPipelineOptions {
  /** A new run's config (not needed with `resume`, which reads the run's own config.json). */
  config?: GirlConfig;
  /** Path of a run folder to continue. */
  resume?: string;
  /**
   * With `resume`: settings to change (learning rates, clipping, budgets, steps, backend; see
   * SAFE_RESUME_FIELDS). A field that differs from the run's config and may not change is refused by name.
   */
  overrides?: UserConfig;
  /** Stop after this stage (the stages before it run first unless done). Default: all stages. */
  until?: StageName;
  /** No progress bars (tests). */
  quiet?: boolean;
}

/** What {@link runPipeline} returns. */
export interface PipelineOutcome {
  run: RunDir;
  summary: RunSummary;
  /** `interrupted` when Ctrl-C / SIGTERM stopped a stage (its checkpoint is kept). */
  status: 'completed' | 'interrupted';
}

/**
 * Runs the pipeline.
 *
 * @example
 * ```ts
 * const { run, summary } = await runPipeline({ config: resolveConfig({ preset: 'tiny' }) });
 * console.log(run.path, summary.ppo?.scoreAfter);
 * ```
 */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineOutcome> {
  const out = consoleOutput(options.quiet ?? false);
  const t0 = performance.now();
  let run: RunDir | null = null;
  let config: GirlConfig;
  if (options.resume) {
    ({ dir: run, config } = await RunDir.open(options.resume, out.log));
  } else {
    if (!options.config) throw new Error('runPipeline: pass a config for a new run, or resume: <run folder>.');
    config = options.config;
    if (config.runId !== null) validateRunId(config.runId); // before any work: the run can only land inside --out
  }
  let status: PipelineOutcome['status'] = 'completed';
  let dataInfo: RunSummary['data'];
  const wanted = STAGES.slice(0, STAGES.indexOf(options.until ?? 'augment') + 1);
  try {
    if (run && options.overrides) {
      const applied = applyResumeOverrides(config, options.overrides);
      if (applied.changed.length > 0) {
        config = applied.config;
        await run.writeJson('config.json', config);
        out.log(`Resume changes: ${applied.changed.join('; ')}`);
      }
    }
    // data and backend first: a bad path or a missing backend fails before a run folder is made
    const data = await loadPipelineData(config, out.log);
    const info = await initBackend(config.backend as BackendName, { onNotice: (m: string) => out.log(`note: ${m}`) });
    if (run) {
      const done = STAGES.filter((s) => run?.state.stages[s]);
      out.log(`Resuming ${run.path} (done: ${done.length ? done.join(', ') : 'nothing yet'})`);
    } else {
      run = await RunDir.create(config.out, config.runId, config, out.log);
      out.log(`Run folder: ${run.path}`);
    }
    const theRun = run;
    theRun.state.backend = (activeBackend() ?? info.name) + (info.adapter ? ` (${describeAdapter(info.adapter)})` : '');
    out.log(`Backend: ${theRun.state.backend}; preset ${config.preset}; seed ${config.seed}`);
    dataInfo = {
      source: data.source,
      format: data.format,
      sftTrain: data.sftTrain.length,
      sftEval: data.sftEval.length,
      pairsTrain: data.pairsTrain.length,
      pairsEval: data.pairsEval.length,
      oracle: data.oracle !== null,
    };
    out.log(`Data: ${data.source} — ${data.sftTrain.length} SFT pairs / ${data.pairsTrain.length} labelled pairs for training, ${data.sftEval.length} / ${data.pairsEval.length} held out`);

    const watch = watchInterrupts((sig) => out.log(`\n${sig}: stopping after the current step and keeping the last checkpoint… (again to exit at once)`));
    const ctx: StageContext = { ...out, config, run: theRun, data, signal: watch.signal, resume: Boolean(options.resume), spentBefore: 0 };
    // time accounting that survives a kill: run-state.json is refreshed every few seconds with the
    // seconds of the run and of the running stage, so budgets and ETAs after a resume start from them
    let accounted = t0;
    let current: { stage: StageName; since: number; before: number } | null = null;
    const account = () => {
      const now = performance.now();
      theRun.state.seconds += (now - accounted) / 1000;
      accounted = now;
      if (current) (theRun.state.stageSpent ??= {})[current.stage] = current.before + (now - current.since) / 1000;
    };
    const heartbeat = setInterval(() => {
      account();
      void theRun.saveState().catch(() => undefined);
    }, 2000);
    heartbeat.unref();
    try {
      let tok = theRun.state.stages.tokenizer ? await loadRunTokenizer(ctx) : null;
      for (const stage of STAGES) {
        if (theRun.state.stages[stage] || !wanted.includes(stage)) continue;
        if (stage === 'augment' && !config.augment.enabled) continue;
        out.log(`\n== ${stage}`);
        account();
        ctx.spentBefore = theRun.state.stageSpent?.[stage] ?? 0;
        if (ctx.spentBefore > 0) out.log(`  ${stage}: ${ctx.spentBefore.toFixed(1)} s spent in earlier sessions (counted against its budget)`);
        current = { stage, since: performance.now(), before: ctx.spentBefore };
        let result: object;
        if (stage === 'tokenizer') {
          result = await runTokenizerStage(ctx);
          tok = await loadRunTokenizer(ctx);
        } else if (stage === 'sft') result = await runSftStage(ctx, tok!);
        else if (stage === 'reward') result = await runRewardStage(ctx, tok!);
        else if (stage === 'ppo') result = await runPpoStage(ctx);
        else result = await runAugmentStage(ctx);
        account();
        const seconds = theRun.state.stageSpent?.[stage] ?? 0;
        current = null;
        await theRun.completeStage(stage, seconds, result as Record<string, unknown>);
        out.log(`  ${stage} done in ${seconds.toFixed(1)} s: ${JSON.stringify(result)}`);
        ctx.resume = true; // later stages of this session may find checkpoints of an earlier one
      }
    } catch (e) {
      if (!(e instanceof InterruptedError)) throw e;
      status = 'interrupted';
      out.log(`\n${e.message}\nContinue with:  girl pipeline --resume ${theRun.path}`);
    } finally {
      clearInterval(heartbeat);
      watch.dispose();
      account();
      await theRun.saveState();
    }
  } catch (e) {
    await run?.close();
    throw e;
  }
  let summary: RunSummary;
  try {
    if (status === 'completed') await sweepLeftovers(run.path); // e.g. a spare checkpoint folder a killed save left
    summary = await writeSummaryAndReport(run, config.preset, dataInfo, config);
  } finally {
    await run.close();
  }
  if (status === 'completed' && wanted.length === STAGES.length) {
    out.log(`\n${formatSummaryTable(summary)}`);
    out.log(`\nWrote ${run.file('summary.json')}\n      ${run.file('report.html')}\n      ${run.file('metrics.jsonl')}`);
    out.log(`Try:  girl generate --run ${run.path} --cv <cv.txt> --explain`);
  }
  return { run, summary, status };
}
