/**
 * The pipeline: tokenizer → SFT → reward model → PPO → augmentation, each stage skipped when a resumed run
 * has it done, continued from its checkpoint when it was interrupted. Writes `runs/<id>/` with
 * checkpoints, `metrics.jsonl`, `summary.json` and `report.html`.
 */
import { activeBackend, initBackend } from '@girl/tensor';
import type { BackendName } from '@girl/tensor';
import type { GirlConfig } from '../config.js';
import { loadPipelineData } from '../data-input.js';
import { consoleOutput } from './context.js';
import type { StageContext } from './context.js';
import { InterruptedError, watchInterrupts } from './interrupt.js';
import { RunDir, STAGES } from './run-dir.js';
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
    ({ dir: run, config } = await RunDir.open(options.resume));
  } else {
    if (!options.config) throw new Error('runPipeline: pass a config for a new run, or resume: <run folder>.');
    config = options.config;
  }
  // data and backend first: a bad path or a missing backend fails before a run folder is made
  const data = await loadPipelineData(config);
  const info = await initBackend(config.backend as BackendName, { onNotice: (m: string) => out.log(`note: ${m}`) });
  if (run) {
    const done = STAGES.filter((s) => run?.state.stages[s]);
    out.log(`Resuming ${run.path} (done: ${done.length ? done.join(', ') : 'nothing yet'})`);
  } else {
    run = await RunDir.create(config.out, config.runId, config);
    out.log(`Run folder: ${run.path}`);
  }
  run.state.backend = activeBackend() ?? info.name;
  out.log(`Backend: ${run.state.backend}; preset ${config.preset}; seed ${config.seed}`);
  const dataInfo = {
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
  const ctx: StageContext = { ...out, config, run, data, signal: watch.signal, resume: Boolean(options.resume) };
  let accounted = t0;
  const account = () => {
    const now = performance.now();
    run.state.seconds += (now - accounted) / 1000;
    accounted = now;
  };
  const wanted = STAGES.slice(0, STAGES.indexOf(options.until ?? 'augment') + 1);
  let status: PipelineOutcome['status'] = 'completed';
  try {
    let tok = run.state.stages.tokenizer ? await loadRunTokenizer(ctx) : null;
    for (const stage of STAGES) {
      if (run.state.stages[stage] || !wanted.includes(stage)) continue;
      if (stage === 'augment' && !config.augment.enabled) continue;
      out.log(`\n== ${stage}`);
      const s0 = performance.now();
      let result: object;
      if (stage === 'tokenizer') {
        result = await runTokenizerStage(ctx);
        tok = await loadRunTokenizer(ctx);
      } else if (stage === 'sft') result = await runSftStage(ctx, tok!);
      else if (stage === 'reward') result = await runRewardStage(ctx, tok!);
      else if (stage === 'ppo') result = await runPpoStage(ctx);
      else result = await runAugmentStage(ctx);
      const seconds = (performance.now() - s0) / 1000;
      account();
      await run.completeStage(stage, seconds, result as Record<string, unknown>);
      out.log(`  ${stage} done in ${seconds.toFixed(1)} s: ${JSON.stringify(result)}`);
      ctx.resume = true; // later stages of this session may find checkpoints of an earlier one
    }
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
    status = 'interrupted';
    out.log(`\n${e.message}\nContinue with:  girl pipeline --resume ${run.path}`);
  } finally {
    watch.dispose();
    account();
    await run.saveState();
  }
  const summary = await writeSummaryAndReport(run, config.preset, dataInfo, config);
  if (status === 'completed' && wanted.length === STAGES.length) {
    out.log(`\n${formatSummaryTable(summary)}`);
    out.log(`\nWrote ${run.file('summary.json')}\n      ${run.file('report.html')}\n      ${run.file('metrics.jsonl')}`);
    out.log(`Try:  girl generate --run ${run.path} --cv <cv.txt> --explain`);
  }
  return { run, summary, status };
}
