/**
 * Research probe for #15: can one-token credit assignment improve the GREEDY JD (what users get) where
 * whole-JD PPO could not? Each step takes 8 training CVs, decodes their greedy JDs, picks up to 4
 * uncertain positions per JD (top-1 probability < `pMax`), draws a different token there from the policy
 * (temperature `temp`), continues greedily, and scores both JDs with the market's oracle (× 10). The only
 * token that learns is the branch token: its log-prob is raised by (branch − greedy score) / RMS
 * (`reward: 'noise'` uses uniform noise instead, the control for update size; `negScale` weights the
 * branches worse than greedy, 1 by default). AdamW at `lr`, clip 1.
 * Prints the greedy oracle fit of the run's first 100 held-out CVs (serving decode: 10-gram ban)
 * every `every` steps. Synthetic-market runs only.
 *
 *   npx tsx scripts/greedy-branch-probe.mts <run folder> '{"steps":36,"every":12,"lr":1e-5}'
 */
import { readFileSync } from 'node:fs';
import { loadPipelineData } from '@girl/cli';
import { Rng } from '@girl/core';
import { AdamW, clipGradients, initBackend, tf } from '@girl/tensor';
import { generateAnywhere, generateJdAnywhere, loadModelFromCheckpoint, sftPrompt } from '@girl/generator';
const [run, json = '{}'] = process.argv.slice(2) as [string, string];
if (!run) throw new Error("usage: npx tsx scripts/greedy-branch-probe.mts <run folder> '<JSON settings>'");
const S = { steps: 48, every: 12, cvsPerStep: 8, branches: 4, lr: 1e-4, pMax: 0.9, temp: 1.0, reward: 'oracle', negScale: 1, ...JSON.parse(json) };
await initBackend('auto');
const config = JSON.parse(readFileSync(`${run}/config.json`, 'utf8'));
const data = await loadPipelineData(config);
const oracle = data.oracle!;
const evalCvs = data.sftEval.slice(0, 100).map((p) => p.cv);
const trainCvs = data.sftTrain.map((p) => p.cv);
const { model, tokenizer } = await loadModelFromCheckpoint(`${run}/sft/best`);
const maxNew = 112;
const eos = tokenizer.eosId!; const pad = tokenizer.padId ?? eos;
const promptFor = (cv: string) => sftPrompt(tokenizer, cv, { maxPromptTokens: model.config.contextLength - maxNew });
const reward = (cv: string, jd: string) => 10 * oracle.fit(cv, jd).score;
async function greedyFit() {
  const jds: string[] = [];
  for (let i = 0; i < evalCvs.length; i += 16) jds.push(...(await generateJdAnywhere(model, tokenizer, evalCvs.slice(i, i + 16), { maxNewTokens: 112, noRepeatNgramSize: 10 })).texts);
  const f = evalCvs.map((cv, i) => oracle.fit(cv, jds[i]!));
  const m = (g: (x: (typeof f)[number]) => number) => Number((f.reduce((s, x) => s + g(x), 0) / f.length).toFixed(4));
  return { fit: m((x) => x.score), sen: m((x) => +x.seniorityMatch), recall: m((x) => x.skillRecall) };
}
const opt = new AdamW(model.params, { lr: S.lr, weightDecay: 0 });
const rng = new Rng(7);
console.log(JSON.stringify({ S, start: new Date().toISOString() }));
console.log(JSON.stringify({ step: 0, ...(await greedyFit()) }));
let order = rng.shuffle([...trainCvs.keys()]);
let gained = 0, tried = 0;
for (let step = 1; step <= S.steps; step++) {
  const cvs = order.splice(0, S.cvsPerStep).map((i) => trainCvs[i]!);
  if (order.length < S.cvsPerStep) order = rng.shuffle([...trainCvs.keys()]);
  const prompts = cvs.map(promptFor);
  // 1. greedy JDs and their per-position top-1 probability
  const g = await generateAnywhere(model, tokenizer, prompts, { maxNewTokens: maxNew, doSample: false, stopAtEos: true, eosTokenId: eos, padTokenId: pad });
  const gScore = cvs.map((cv, i) => reward(cv, g.texts[i]!));
  // 2. branch points: uncertain positions (p_top1 < pMax), excluding the final EOS
  const rows: { i: number; t: number }[] = [];
  cvs.forEach((_, i) => {
    const lp = g.rawLogprobs?.[i] ?? g.logprobs[i]!;
    const cand = lp.map((x, t) => ({ t, p: Math.exp(x) })).filter((c) => c.t < lp.length - 1 && c.p < S.pMax);
    const pick = rng.shuffle(cand).slice(0, S.branches);
    for (const c of pick) rows.push({ i, t: c.t });
  });
  if (rows.length === 0) continue;
  // 3. the policy's distribution at each branch point; draw a token other than greedy's
  const prefixes = rows.map(({ i, t }) => [...prompts[i]!, ...g.tokens[i]!.slice(0, t)]);
  const L = Math.max(...prefixes.map((p) => p.length));
  const ids = tf.tensor2d(prefixes.flatMap((p) => [...Array(L - p.length).fill(pad), ...p]), [prefixes.length, L], 'int32');
  const am = tf.tensor2d(prefixes.flatMap((p) => [...Array(L - p.length).fill(0), ...Array(p.length).fill(1)]), [prefixes.length, L]);
  const probs = tf.tidy(() => {
    const h = model.forwardHidden(ids, { attentionMask: am });
    const last = tf.reshape(tf.slice(h, [0, L - 1, 0], [prefixes.length, 1, model.config.dModel]), [prefixes.length, model.config.dModel]);
    return tf.softmax(tf.div(model.lmHead(last), S.temp));
  });
  const P = (await probs.array()) as number[][];
  probs.dispose();
  const alt = rows.map(({ i, t }, r) => {
    const gTok = g.tokens[i]![t]!;
    const p = P[r]!.map((x, v) => (v === gTok ? 0 : x));
    const z = p.reduce((a, b) => a + b, 0);
    let u = rng.uniform() * z;
    for (let v = 0; v < p.length; v++) { u -= p[v]!; if (u <= 0) return v; }
    return p.length - 1;
  });
  // 4. greedy continuation of each branch
  const bPrompts = prefixes.map((p, r) => [...p, alt[r]!]);
  const need = rows.map(({ t }) => maxNew - t - 1);
  const byNeed = [...rows.keys()].sort((a, b) => need[b]! - need[a]!);
  const contTokens: number[][] = new Array(rows.length);
  for (let s0 = 0; s0 < byNeed.length; s0 += 8) {
    const grp = byNeed.slice(s0, s0 + 8);
    const lmax = Math.max(...grp.map((r) => bPrompts[r]!.length));
    const mn = Math.max(1, Math.min(Math.max(...grp.map((r) => need[r]!)), model.config.contextLength - lmax));
    const out = await generateAnywhere(model, tokenizer, grp.map((r) => bPrompts[r]!), { maxNewTokens: mn, doSample: false, stopAtEos: true, eosTokenId: eos, padTokenId: pad });
    grp.forEach((r, j) => (contTokens[r] = out.tokens[j]!));
  }
  const cont = { tokens: contTokens };
  const adv = rows.map(({ i, t }, r) => {
    const toks = [...g.tokens[i]!.slice(0, t), alt[r]!, ...cont.tokens[r]!.slice(0, maxNew - t - 1)];
    const text = tokenizer.decode(toks, { skipSpecial: true });
    return S.reward === 'noise' ? rng.uniform() - 0.5 : reward(cvs[i]!, text) - gScore[i]!;
  });
  tried += adv.length; gained += adv.filter((a) => a > 0).length;
  const sd = Math.sqrt(adv.reduce((s, a) => s + a * a, 0) / adv.length) || 1;
  // 5. policy gradient on the branch tokens only: raise the better alternatives, lower the worse
  const A = tf.tensor1d(adv.map((a) => (a < 0 ? S.negScale : 1) * (a / sd)));
  const alts = tf.tensor1d(alt, 'int32');
  const { grads, value } = tf.variableGrads(() => {
    const h = model.forwardHidden(ids, { attentionMask: am });
    const last = tf.reshape(tf.slice(h, [0, L - 1, 0], [prefixes.length, 1, model.config.dModel]), [prefixes.length, model.config.dModel]);
    const logp = tf.logSoftmax(model.lmHead(last));
    const lpAlt = tf.sum(tf.mul(logp, tf.oneHot(alts, logp.shape[1]!)), 1);
    return tf.neg(tf.mean(tf.mul(A, lpAlt))) as tf.Scalar;
  });
  const cl = await clipGradients(grads, 1);
  opt.step(cl.grads);
  tf.dispose([...Object.values(grads), ...(cl.clipped ? Object.values(cl.grads) : []), value, A, alts, ids, am]);
  if (step % S.every === 0) { console.log(JSON.stringify({ step, ...(await greedyFit()), branchBetterShare: +(gained / tried).toFixed(3), greedyTrain: +(gScore.reduce((a, b) => a + b, 0) / gScore.length / 10).toFixed(4) })); gained = tried = 0; }
}
