/**
 * Stage 5: the generated JDs as extra features for an existing recommender. Generates (and caches in the
 * run) one JD per CV with the PPO policy, then compares the recommender with and without them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadModel } from '@girl/generator';
import { round } from './context.js';
import type { StageContext } from './context.js';
import { FeatureExtractor, evaluateAugmentation, logisticRecommender } from '@girl/feature-augment';
import type { AugmentationSplits, LabelledSet } from '@girl/feature-augment';
import { evalGeneration, generateJds } from './evaluate-policy.js';
import { InterruptedError } from './interrupt.js';
import type { LabelledExample } from '../data-input.js';
import { PPO_DIR } from './stage-ppo.js';

/** What the augmentation stage reports. */
export interface AugmentStageResult {
  /** Recommender AUC on pairs of people it never saw (cold start), without / with generated-JD features. */
  aucBase: number | null;
  aucAugmented: number | null;
  /** The same on held-out pairs of people seen in training (warm). */
  aucBaseWarm: number | null;
  aucAugmentedWarm: number | null;
  /** NDCG@5 per CV over its candidates (cold start). */
  ndcgBase: number | null;
  ndcgAugmented: number | null;
  sizes: { train: number; heldOut: number; coldStart: number };
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

/** Ids for texts (the recommender ranks candidates per CV id). */
function idsFor(prefix: string): (text: string) => string {
  const ids = new Map<string, string>();
  return (t) => {
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = `${prefix}${ids.size}`));
    return id;
  };
}

/**
 * Splits for @girl/feature-augment: the chosen training people's pairs dealt into train (70 %) and warm
 * held-out (30 %, at least one pair each kept in train); the evaluation people's pairs are cold start.
 */
function augmentationSplits(train: readonly LabelledExample[], evalRows: readonly LabelledExample[]): AugmentationSplits {
  const cvId = idsFor('cv');
  const jdId = idsFor('jd');
  const set = (rows: readonly LabelledExample[]): LabelledSet => ({ pairs: rows.map((r) => ({ cvId: cvId(r.cv), cv: r.cv, jdId: jdId(r.jd), jd: r.jd })), labels: rows.map((r) => r.label) });
  const byCv = new Map<string, LabelledExample[]>();
  for (const r of train) byCv.set(r.cv, [...(byCv.get(r.cv) ?? []), r]);
  const tr: LabelledExample[] = [];
  const held: LabelledExample[] = [];
  for (const rows of byCv.values()) {
    const keep = Math.max(1, Math.ceil(rows.length * 0.7));
    tr.push(...rows.slice(0, keep));
    held.push(...rows.slice(keep));
  }
  return { train: set(tr), heldOut: set(held), coldStart: set(evalRows) };
}

/** Generates JDs for the chosen CVs (cached in `<run>/augment/generated.json`) and evaluates the recommender with @girl/feature-augment. */
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
    const t0 = performance.now();
    try {
      for (let i = 0; i < todo.length; i += 32) {
        if (c.augment.budgetSeconds !== null && (performance.now() - t0) / 1000 > c.augment.budgetSeconds) {
          ctx.log(`  augment: stopped generating after ${i} of ${todo.length} JDs by the stage budget (${c.augment.budgetSeconds} s); evaluating on the CVs that have one.`);
          break;
        }
        if (ctx.signal.aborted) {
          await ctx.run.writeJson('augment/generated.json', cache);
          throw new InterruptedError('augment');
        }
        const chunk = todo.slice(i, i + 32);
        const jds = await generateJds(model, tokenizer, chunk, evalGeneration(c));
        chunk.forEach((cv, k) => (cache[cv] = jds[k] as string));
        bar.update(Math.min(todo.length, i + chunk.length), 'generating JDs');
        await ctx.run.writeJson('augment/generated.json', cache);
      }
    } finally {
      bar.stop();
      model.dispose();
    }
  }
  const has = (cvs: Set<string>) => (r: LabelledExample) => cvs.has(r.cv) && cache[r.cv] !== undefined;
  const splits = augmentationSplits(ctx.data.pairsTrain.filter(has(trainCvs)), ctx.data.pairsEval.filter(has(evalCvs)));
  const oracle = ctx.data.oracle;
  const report = await evaluateAugmentation({
    seeds: [c.seed],
    splits: () => splits,
    generated: new Map(Object.entries(cache)),
    extractor: (train) =>
      new FeatureExtractor({
        corpus: train.pairs.flatMap((p) => [p.cv, p.jd]),
        ...(oracle ? { extractSkills: (t: string) => oracle.extractSkills(t), jdFields: (t: string) => oracle.parseJd(t) } : {}),
      }),
    recommenders: [logisticRecommender()],
  });
  await ctx.run.writeJson('augment/result.json', report);
  const t = report.summary['logistic-regression'];
  return {
    aucBase: round(t?.coldStart.base.auc.mean),
    aucAugmented: round(t?.coldStart.augmented.auc.mean),
    aucBaseWarm: round(t?.heldOut.base.auc.mean),
    aucAugmentedWarm: round(t?.heldOut.augmented.auc.mean),
    ndcgBase: round(t?.coldStart.base.ndcg.mean),
    ndcgAugmented: round(t?.coldStart.augmented.ndcg.mean),
    sizes: report.sizes,
    generatedJds: Object.keys(cache).length,
    recommender: 'logistic regression (@girl/feature-augment)',
    features: { base: [...report.columns.base], augmented: [...report.columns.augmented] },
  };
}
