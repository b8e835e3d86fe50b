/**
 * Synthetic-market evaluation of PPO (the README's numbers).
 *
 *   cd packages/ppo && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts [--steps 40] [--lr 1e-4]
 *
 * 1. SFT: the generator's `tiny` preset on CV → JD pairs of @girl/data's synthetic market (same split and
 *    settings as packages/generator/scripts/eval-synthetic.ts, 3 epochs); the SFT model is cached in
 *    $TMPDIR/girl-ppo-sft-… so reruns skip it. `--sft-checkpoint <dir>` starts from a @girl/generator SFT
 *    checkpoint instead (e.g. the `best` folder that script's run left).
 * 2. PPO against a reward of text: `--reward rm --rm <dir>` uses a @girl/reward model (saved by
 *    packages/reward/scripts/eval-synthetic.ts with OUT=<dir>; its logit is the reward, as in TRL), the
 *    default `--reward oracle` the market's ground-truth oracle score `fit(cv, jd).score` (0.4·occupation
 *    + 0.35·skill recall + 0.25·seniority, in [0, 1]) — the quantity the reward model estimates.
 * 3. Held-out CVs (never seen by SFT, PPO or — with another `--seed` than the reward model's market — the
 *    reward model): greedy JDs and JDs sampled at the PPO temperature of the SFT and the PPO model; reward-
 *    model score, oracle score, oracle fit rate, occupation named; the KL of PPO to SFT on the samples.
 *
 * Other flags: --people [600] --held-out [100] --eval-n [held-out/2] --epochs [3] | --sft-steps N,
 * --steps --batch --lr --kl --lam --temperature --max-new --seed (market) --ppo-seed [seed] --eval-samples [1]
 * --tag (results file suffix).
 * Prints one JSON line; writes scripts/results/eval-synthetic.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, activeBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { createJobMarket } from '@girl/data';
import { GPT, PRESETS, generate, loadModel, loadModelFromCheckpoint, saveModel, sftPrompt, trainSft } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { RewardModel } from '@girl/reward';
import { PpoTrainer, buildSequences, copyModel, responseLogprobs } from '../src/index.js';
import type { PpoMetrics } from '../src/index.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const people = arg('people', 600);
const heldOut = arg('held-out', 100);
const epochs = arg('epochs', 3);
const seed = arg('seed', 1);
const vocabSize = arg('vocab', 2000);
const maxNewTokens = arg('max-new', 128);
const steps = arg('steps', 40);
const lr = arg('lr', 1e-4);
const klCoef = arg('kl', 0.05);
const temperature = arg('temperature', 0.7);
const batchSize = arg('batch', 16);
const lam = arg('lam', 0.95);
const sftSteps = arg('sft-steps', 0); // > 0: SFT for this many optimizer steps instead of `epochs`
const argString = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : def;
};
const rewardKind = argString('reward', 'oracle');
if (rewardKind !== 'oracle' && rewardKind !== 'rm') throw new Error(`--reward must be 'oracle' or 'rm', got ${rewardKind}`);
const rmDir = argString('rm', '');
if (rewardKind === 'rm' && !rmDir) throw new Error('--reward rm needs --rm <folder of a saved @girl/reward model>');
const scoreNorm = arg('score-norm', 1) === 1;
const ppoSeed = arg('ppo-seed', seed); // PPO's own seed (rollout sampling, prompt order), apart from the market's
const evalSamples = arg('eval-samples', 1); // sampled JDs per held-out CV (more: tighter sampled estimates) // running score normalisation: the oracle's scores differ by ~0.1, the KL terms by more

const t0 = Date.now();
await initBackend('auto');
const market = createJobMarket({ seed, people });
const pairs = market.sftPairs;
const train = pairs.slice(0, people - heldOut);
const test = pairs.slice(people - heldOut);
const valid = test.slice(0, heldOut / 2);
const evalSet = test.slice(heldOut / 2, heldOut / 2 + arg('eval-n', heldOut / 2));

// 1. SFT (cached)
// the cache key holds everything that decides the SFT model, held-out size included (it decides the training CVs)
const sftDir = join(tmpdir(), `girl-ppo-sft-s${seed}-p${people}-h${heldOut}-${sftSteps > 0 ? `n${sftSteps}` : `e${epochs}`}-v${vocabSize}`);
const sftCheckpoint = process.argv.includes('--sft-checkpoint') ? process.argv[process.argv.indexOf('--sft-checkpoint') + 1] : undefined;
let sft: CausalLM;
let tok: Tokenizer;
let sftSeconds = 0;
let sftSource = 'trained here';
if (sftCheckpoint) {
  const loaded = await loadModelFromCheckpoint(sftCheckpoint); // a @girl/generator SFT checkpoint
  sft = loaded.model;
  tok = loaded.tokenizer;
  sftSource = `generator SFT checkpoint (step ${loaded.state.step})`;
  console.error(`SFT model loaded from ${sftCheckpoint}`);
} else if (existsSync(join(sftDir, 'config.json'))) {
  sftSource = 'cached';
  const loaded = await loadModel(sftDir);
  if (!loaded.tokenizer) throw new Error(`${sftDir} has no tokenizer`);
  sft = loaded.model;
  tok = loaded.tokenizer;
  console.error(`SFT model loaded from ${sftDir}`);
} else {
  tok = Tokenizer.train(train.flatMap((p) => [p.cv, p.jd]), { vocabSize });
  sft = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed });
  const ckpt = await mkdtemp(join(tmpdir(), 'girl-ppo-eval-sft-'));
  await trainSft({
    model: sft,
    tokenizer: tok,
    train,
    valid,
    config: { numTrainEpochs: epochs, ...(sftSteps > 0 ? { maxSteps: sftSteps } : {}), perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 100, seed, checkpointDir: ckpt, earlyStoppingPatience: 4 },
    events: { onEval: (e) => console.error(`sft step ${e.step} val ${e.valLoss.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`) },
  });
  sftSeconds = (Date.now() - t0) / 1000;
  await saveModel(sft, sftDir, { tokenizer: tok });
}
const reference = copyModel(sft); // the SFT model, kept for the comparison (PPO trains `sft` in place)

const maxPromptTokens = sft.config.contextLength - maxNewTokens;
const prompt = (cv: string) => sftPrompt(tok, cv, { maxPromptTokens });

// the reward model, when PPO is to run against it (loaded once; scoring is text in, logit out)
const rm = rewardKind === 'rm' ? await RewardModel.load(rmDir) : undefined;
const rmScores = async (cvs: string[], jds: string[]): Promise<number[]> => (rm ? rm.score(cvs, jds, { batchSize: 16 }) : cvs.map(() => NaN));

// 3. (helper) held-out evaluation of a model: greedy and sampled JDs, scored by the oracle and the RM
async function evaluate(model: CausalLM) {
  const acc = { greedy: { score: 0, fits: 0, named: 0, rm: 0, len: 0, finished: 0, skills: 0, recall: 0 }, sampled: { score: 0, fits: 0, named: 0, rm: 0, len: 0, finished: 0, skills: 0, recall: 0 } };
  let kl = 0;
  const samples: string[] = [];
  for (let i = 0; i < evalSet.length; i += 10) {
    const chunk = evalSet.slice(i, i + 10);
    const cvs = chunk.map((p) => p.cv);
    const ids = chunk.map((p) => prompt(p.cv));
    const greedy = generate(model, tok, ids, { maxNewTokens });
    const draws = Array.from({ length: evalSamples }, (_, k) => generate(model, tok, ids, { maxNewTokens, doSample: true, temperature, seed: 1000 + i + 7919 * k }));
    for (const sampled of draws) {
      const batch = buildSequences(ids, sampled.tokens, tok.padId!);
      const lp = responseLogprobs(model, batch, { temperature }).logprobs;
      const ref = responseLogprobs(reference, batch, { temperature }).logprobs;
      for (let k = 0; k < lp.length; k++) kl += (lp[k] as number) - (ref[k] as number); // k1, summed over tokens
    }
    for (const [kind, out] of [['greedy', greedy] as const, ...draws.map((d) => ['sampled', d] as const)]) {
      const a = acc[kind];
      const r = await rmScores(cvs, out.texts);
      chunk.forEach((p, j) => {
        const f = market.fit(p.cv, out.texts[j] as string);
        a.score += f.score;
        if (f.fits) a.fits++;
        if (f.occupationMatch) a.named++;
        a.skills += new Set(f.jd.skills).size; // distinct required skills: fewer is easier to satisfy
        a.recall += f.skillRecall;
        a.rm += r[j] as number;
        a.len += (out.tokens[j] as number[]).length;
        if (out.finished[j]) a.finished++;
      });
    }
    if (samples.length < 2) samples.push(greedy.texts[0] as string);
  }
  // means over the JDs, with the standard error of the fit rate (binomial) beside it
  const summary = (a: typeof acc.greedy, n: number) => ({ n, rmScore: a.rm / n, oracleScore: a.score / n, oracleFitRate: a.fits / n, fitRateStdErr: Math.sqrt(((a.fits / n) * (1 - a.fits / n)) / n), occupationMatch: a.named / n, distinctRequiredSkills: a.skills / n, skillRecall: a.recall / n, meanLength: a.len / n, stoppedAtEos: a.finished / n });
  const n = evalSet.length;
  return { greedy: summary(acc.greedy, n), sampled: { temperature, ...summary(acc.sampled, n * evalSamples), klToSft: kl / (n * evalSamples) }, samples };
}

const before = await evaluate(sft);
console.error(`before PPO: ${JSON.stringify(before.greedy)} sampled ${JSON.stringify(before.sampled)}`);

// 2. PPO against the reward model's logit, or the oracle score
const metrics: PpoMetrics[] = [];
const outDir = await mkdtemp(join(tmpdir(), 'girl-ppo-eval-'));
const p0 = Date.now();
const trainer = new PpoTrainer({
  policy: sft,
  reference: copyModel(reference),
  tokenizer: tok,
  reward: rm ? rm.rewardFn({ batchSize: 16 }) : (cv, jd) => market.fit(cv, jd).score,
  prompts: train.map((p) => p.cv),
  config: { maxSteps: steps, batchSize, miniBatchSize: 8, learningRate: lr, maxNewTokens, temperature, initKlCoef: klCoef, lam, scoreScaling: scoreNorm, scoreNorm, seed: ppoSeed, metricsFile: join(outDir, 'metrics.jsonl') },
  events: {
    onStep: (m) => {
      metrics.push(m);
      console.error(
        `ppo ${m.step}: reward ${m['objective/raw_scores'].toFixed(3)} score ${m['objective/scores'].toFixed(3)} kl ${m['objective/kl'].toFixed(2)} approxkl ${m['policy/approxkl_avg'].toFixed(4)} clip ${m['policy/clipfrac_avg'].toFixed(3)} vloss ${m['loss/value_avg'].toFixed(4)} len ${m['val/response_length'].toFixed(0)} eos ${m['val/num_eos_tokens']} ${m['time/step_s'].toFixed(1)} s`,
      );
    },
  },
});
await trainer.train();
const ppoSeconds = (Date.now() - p0) / 1000;
const after = await evaluate(sft);
console.error(`after PPO: ${JSON.stringify(after.greedy)} sampled ${JSON.stringify(after.sampled)}`);

const window = (xs: PpoMetrics[], k: keyof PpoMetrics) => xs.reduce((s, m) => s + (m[k] as number), 0) / Math.max(1, xs.length);
const summary = {
  eval: 'ppo-synthetic-market',
  command: `flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts ${process.argv.slice(2).join(' ')}`,
  reward: rm ? `@girl/reward model ${rmDir} (logit)` : 'oracle fit(cv, jd).score',
  data: { people, sftTrain: train.length, heldOutGenerated: evalSet.length, seed },
  model: { preset: 'tiny', vocabSize: tok.vocabSize, parameters: sft.numParameters },
  ppo: {
    steps,
    batchSize,
    miniBatchSize: 8,
    ppoEpochs: 4,
    learningRate: lr,
    seed: ppoSeed,
    initKlCoef: klCoef,
    lam,
    scoreNorm,
    temperature,
    maxNewTokens,
    seconds: Math.round(ppoSeconds),
    firstSteps: { rawReward: window(metrics.slice(0, 5), 'objective/raw_scores'), kl: window(metrics.slice(0, 5), 'objective/kl') },
    lastSteps: { rawReward: window(metrics.slice(-5), 'objective/raw_scores'), kl: window(metrics.slice(-5), 'objective/kl') },
    tokensPerSecond: window(metrics, 'time/tokens_per_s'),
  },
  heldOut: { sft: before.greedy, ppo: after.greedy, sampledSft: before.sampled, sampledPpo: after.sampled },
  sft: { source: sftSource, epochs, sftSteps, seconds: Math.round(sftSeconds) },
  machine: { backend: activeBackend(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(summary));
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const tag = process.argv.includes('--tag') ? `-${process.argv[process.argv.indexOf('--tag') + 1]}` : '';
await writeFile(new URL(`./results/eval-synthetic${tag}.json`, import.meta.url), `${JSON.stringify({ ...summary, samples: { sft: before.samples, ppo: after.samples }, metrics }, null, 2)}\n`);
