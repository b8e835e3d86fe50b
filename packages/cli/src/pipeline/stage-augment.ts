/**
 * Stage 5: the generated JDs as extra features for an existing recommender. Generates (and caches in the
 * run) one JD per CV with the PPO policy, then compares the recommender with and without them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadModel } from '@girl/generator';
import { round } from './context.js';
import type { StageContext } from './context.js';
import { evaluateAugmentationBaseline } from './augment-baseline.js';
import type { AugmentRow } from './augment-baseline.js';
import { generateJds } from './evaluate-policy.js';
import { InterruptedError } from './interrupt.js';
import type { LabelledExample } from '../data-input.js';
import { PPO_DIR } from './stage-ppo.js';

/** What the augmentation stage reports. */
export interface AugmentStageResult {
  aucBase: number | null;
  aucAugmented: number | null;
  trainRows: number;
  evalRows: number;
  generatedJds: number;
  recommender: string;
  features: { base: string[]; augmented: string[] };
}

function pickCvs(rows: readonly LabelledExample[], max: number): Set<string> {
  const cvs: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.cv)) continue;
    seen.add(r.cv);
    cvs.push(r.cv);
    if (cvs.length >= max) break;
  }
  return new Set(cvs);
}

/** Generates JDs for the chosen CVs (cached in `<run>/augment/generated.json`) and evaluates the recommender. */
export async function runAugmentStage(ctx: StageContext): Promise<AugmentStageResult> {
  const c = ctx.config;
  const trainCvs = pickCvs(ctx.data.pairsTrain, c.augment.maxTrainCvs);
  const evalCvs = pickCvs(ctx.data.pairsEval, c.augment.maxEvalCvs);
  const cacheFile = ctx.run.file('augment', 'generated.json');
  const cache: Record<string, string> = existsSync(cacheFile) ? (JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, string>) : {};
  const todo = [...trainCvs, ...evalCvs].filter((cv) => cache[cv] === undefined);
  if (todo.length > 0) {
    const { model, tokenizer } = await loadModel(ctx.run.file(PPO_DIR, 'policy'));
    if (!tokenizer) throw new Error(`${ctx.run.file(PPO_DIR, 'policy')} has no tokenizer; rerun the ppo stage.`);
    const bar = ctx.progress('augment', todo.length);
    try {
      for (let i = 0; i < todo.length; i += 32) {
        if (ctx.signal.aborted) {
          await ctx.run.writeJson('augment/generated.json', cache);
          throw new InterruptedError('augment');
        }
        const chunk = todo.slice(i, i + 32);
        const jds = await generateJds(model, tokenizer, chunk, c.eval.maxNewTokens);
        chunk.forEach((cv, k) => (cache[cv] = jds[k] as string));
        bar.update(Math.min(todo.length, i + chunk.length), 'generating JDs');
        await ctx.run.writeJson('augment/generated.json', cache);
      }
    } finally {
      bar.stop();
      model.dispose();
    }
  }
  const rows = (src: readonly LabelledExample[], cvs: Set<string>): AugmentRow[] =>
    src.filter((r) => cvs.has(r.cv)).map((r) => ({ cv: r.cv, jd: r.jd, label: r.label, generated: cache[r.cv] ?? '' }));
  const train = rows(ctx.data.pairsTrain, trainCvs);
  const evalRows = rows(ctx.data.pairsEval, evalCvs);
  const ev = evaluateAugmentationBaseline(train, evalRows);
  await ctx.run.writeJson('augment/result.json', ev);
  return {
    aucBase: round(ev.aucBase),
    aucAugmented: round(ev.aucAugmented),
    trainRows: ev.trainRows,
    evalRows: ev.evalRows,
    generatedJds: Object.keys(cache).length,
    recommender: ev.recommender,
    features: ev.features,
  };
}
