/**
 * `npm run parity`: GIRL against PyTorch on the same safetensors, both directions, for random-weight
 * GPT-2-, Llama- (llama3 RoPE scaling, GQA, untied), Qwen2- (q/k/v biases, linear scaling) and
 * Qwen3-shaped (q/k norms, head_dim ≠ C/H, tied) models:
 *
 * - `hf->girl`: PyTorch writes a folder (scripts/parity/reference.py make), GIRL loads it (loadHfModel);
 * - `girl->hf`: GIRL creates a model and exports it (saveHfModel), PyTorch loads it.
 *
 * Reward models (GPT-2 and Qwen3 backbones) go `girl->hf` as `…ForSequenceClassification`: their
 * scores are compared (minus the reported bias offset), and `greedyEqual` says whether the best-scored
 * of the pairs is the same (the classifier's argmax).
 *
 * Compares the logits of a [2, 8] batch (max |diff| ≤ 1e-4) and 8 greedy tokens per prompt (GIRL with
 * its KV cache and left padding; PyTorch without cache, one row at a time). PyTorch runs transformers'
 * classes when `import transformers` works, else the reference forward in reference.py.
 * Last line: `{"torch", "transformers", "cases": [{"arch", "direction", "maxAbsDiff", "greedyEqual"}]}`.
 *
 *   npm run parity        (PYTHON=/path/to/python3 to choose; default: the first python3 that imports torch)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend, tf } from '@girl/tensor';
import { GPT, Llama, decodeSteps, isLlamaConfig, loadHfModel, saveHfModel } from '@girl/generator';
import { modelConfigFromJson } from '@girl/generator/internal';
import type { CausalLM } from '@girl/generator';
import { RewardModel, saveRewardModelHf } from '@girl/reward';
import { Tokenizer } from '@girl/tokenizer';

/** The first interpreter that imports torch: $PYTHON, `python3` on PATH, Debian's /usr/bin/python3. */
function pickPython(): string {
  const candidates = [process.env['PYTHON'], 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const c of candidates) {
    try {
      execFileSync(c, ['-c', 'import torch'], { stdio: 'ignore' });
      return c;
    } catch {
      // next candidate
    }
  }
  throw new Error(`parity: none of ${candidates.join(', ')} can import torch; install it (Debian: apt-get install python3-torch) or set PYTHON.`);
}
const PY = pickPython();
const REF = fileURLToPath(new URL('./reference.py', import.meta.url));
const TOL = 1e-4;
const common = { vocab_size: 96, max_position_embeddings: 64, hidden_size: 32, intermediate_size: 48, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, hidden_act: 'silu', rms_norm_eps: 1e-5 };
const ARCHS: Record<string, Record<string, unknown>> = {
  gpt2: { model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], vocab_size: 96, n_positions: 64, n_ctx: 64, n_embd: 32, n_layer: 2, n_head: 4, n_inner: 96, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5, tie_word_embeddings: true },
  llama: { ...common, model_type: 'llama', architectures: ['LlamaForCausalLM'], head_dim: 8, rope_theta: 10000, tie_word_embeddings: false, attention_bias: false, mlp_bias: false, rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 16 } },
  qwen2: { ...common, model_type: 'qwen2', architectures: ['Qwen2ForCausalLM'], rope_theta: 1e6, tie_word_embeddings: true, rope_scaling: { rope_type: 'linear', factor: 2 }, use_sliding_window: false },
  qwen3: { ...common, model_type: 'qwen3', architectures: ['Qwen3ForCausalLM'], head_dim: 16, rope_theta: 1e6, tie_word_embeddings: true, attention_bias: false, rope_scaling: null, use_sliding_window: false },
};
const IDS = [[5, 17, 33, 2, 9, 40, 61, 3], [88, 1, 0, 45, 45, 12, 70, 95]];
const PROMPTS = [[5, 17, 33, 2, 9, 40], [7, 8]];
const NEW_TOKENS = 8;

const py = (...args: string[]) => execFileSync(PY, [REF, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** GIRL's logits of IDS and greedy continuations of PROMPTS (KV cache, left padding). */
function girlRun(model: CausalLM): { logits: Float32Array; greedy: number[][] } {
  const logits = tf.tidy(() => model.forward(tf.tensor2d(IDS, [2, 8], 'int32')).dataSync() as Float32Array);
  const greedy: number[][] = PROMPTS.map(() => []);
  for (const s of decodeSteps(model, PROMPTS, { maxNewTokens: NEW_TOKENS, stopAtEos: false, eosTokenId: 95, padTokenId: 0 })) {
    s.tokens.forEach((t, b) => greedy[b]!.push(t));
  }
  return { logits, greedy };
}

/** PyTorch's logits and greedy tokens for a folder. */
function torchRun(dir: string, work: string): { logits: number[]; greedy: number[][] } {
  const req = join(work, 'request.json');
  const out = join(work, 'torch-out.json');
  writeFileSync(req, JSON.stringify({ ids: IDS, prompts: PROMPTS, newTokens: NEW_TOKENS }));
  py('forward', dir, req, out);
  return JSON.parse(readFileSync(out, 'utf8')) as { logits: number[]; greedy: number[][] };
}

/** Random GIRL weights spread like reference.py's (weights ×4, norms and biases perturbed), so greedy picks are clear. */
function spread(model: CausalLM, seed: number): void {
  let i = 0;
  for (const p of Object.values(model.params)) {
    tf.tidy(() => p.assign(p.rank >= 2 ? tf.mul(p, 4) : tf.add(p, tf.mul(tf.randomNormal(p.shape, 0, 1, 'float32', seed + i++), 0.1))));
  }
}

function compare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`parity: logits have ${a.length} vs ${b.length} values`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

await initBackend(process.env['GIRL_BACKEND'] === undefined ? 'cpu' : (process.env['GIRL_BACKEND'] as 'cpu'));
const info = JSON.parse(py('info')) as { torch: string | null; transformers: string | null };
const cases: { arch: string; direction: string; maxAbsDiff: number; greedyEqual: boolean }[] = [];
const work = mkdtempSync(join(tmpdir(), 'girl-parity-'));
try {
  for (const [arch, hf] of Object.entries(ARCHS)) {
    // 1. HF folder (written by PyTorch) → GIRL
    const cfgPath = join(work, `${arch}.json`);
    writeFileSync(cfgPath, JSON.stringify(hf));
    const fromTorch = join(work, `${arch}-torch`);
    py('make', cfgPath, fromTorch, '7');
    const ref = torchRun(fromTorch, work);
    const loaded = await loadHfModel(fromTorch, { tokenizer: false });
    const mine = girlRun(loaded.model);
    cases.push({ arch, direction: 'hf->girl', maxAbsDiff: compare(mine.logits, ref.logits), greedyEqual: JSON.stringify(mine.greedy) === JSON.stringify(ref.greedy) });
    loaded.model.dispose();
    // 2. GIRL model → HF folder → PyTorch
    const cfg = modelConfigFromJson(hf, `${arch} parity config`);
    const model: CausalLM = isLlamaConfig(cfg) ? Llama.create(cfg, { seed: 11 }) : GPT.create(cfg, { seed: 11 });
    spread(model, 100);
    const fromGirl = join(work, `${arch}-girl`);
    await saveHfModel(model, fromGirl);
    const girl = girlRun(model);
    const back = torchRun(fromGirl, work);
    cases.push({ arch, direction: 'girl->hf', maxAbsDiff: compare(girl.logits, back.logits), greedyEqual: JSON.stringify(girl.greedy) === JSON.stringify(back.greedy) });
    model.dispose();
    const last = cases.slice(-2);
    console.log(`${arch}: ${last.map((c) => `${c.direction} max|diff| ${c.maxAbsDiff.toExponential(2)}, greedy ${c.greedyEqual ? 'equal' : 'DIFFERENT'}`).join('; ')}`);
  }
  // 3. reward models → …ForSequenceClassification → PyTorch
  const PAIRS = [
    ['Data engineer, Python and Spark, 5 years.', 'We seek a data engineer: Python, Spark.'],
    ['Registered nurse, triage.', 'Hospital hiring a nurse.'],
    ['Chef, sauces and pastry.', 'We seek a data engineer: Python, Spark.'],
  ] as const;
  const tok = Tokenizer.train(PAIRS.flat(), { vocabSize: 300 });
  for (const arch of ['gpt2', 'qwen3'] as const) {
    const shape = { vocabSize: tok.vocabSize, contextLength: 64, dModel: 32, nLayer: 2, nHead: 4 };
    const backbone: CausalLM = arch === 'gpt2' ? GPT.create(shape, { seed: 5 }) : Llama.create({ ...shape, arch, qkNorm: true, nKvHead: 2, headDim: 16 }, { seed: 5 });
    spread(backbone, 200);
    const rm = RewardModel.create({ tokenizer: tok, backbone, seed: 1 });
    tf.tidy(() => {
      rm.head.weight.assign(tf.mul(rm.head.weight, 50));
      rm.head.bias.assign(tf.tensor1d([0.3]));
    });
    const dir = join(work, `${arch}-reward`);
    const exported = await saveRewardModelHf(rm, dir);
    const girl = await rm.score(PAIRS.map((p) => p[0]), PAIRS.map((p) => p[1]));
    const req = join(work, 'rows.json');
    writeFileSync(req, JSON.stringify({ rows: PAIRS.map(([cv, jd]) => Array.from(rm.encode(cv, jd).ids)) }));
    py('score', dir, req, join(work, 'scores.json'));
    const theirs = (JSON.parse(readFileSync(join(work, 'scores.json'), 'utf8')) as { scores: number[] }).scores;
    const argmax = (xs: readonly number[]) => xs.indexOf(Math.max(...xs));
    const mine = girl.map((g) => g - exported.scoreOffset);
    cases.push({ arch: `${arch}-reward`, direction: 'girl->hf', maxAbsDiff: compare(mine, theirs), greedyEqual: argmax(mine) === argmax(theirs) });
    console.log(`${arch}-reward (${exported.architecture}, offset ${exported.scoreOffset}): max|diff| ${cases.at(-1)!.maxAbsDiff.toExponential(2)}`);
    rm.dispose();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const failed = cases.filter((c) => !(c.maxAbsDiff <= TOL) || !c.greedyEqual);
if (failed.length > 0) console.error(`parity: ${failed.length} case(s) over ${TOL} or with different greedy tokens`);
console.log(JSON.stringify({ torch: info.torch, transformers: info.transformers, cases }));
process.exitCode = failed.length > 0 ? 1 : 0;
