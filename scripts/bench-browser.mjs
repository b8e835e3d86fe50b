// Tokens/s of JD generation in the job seeker's page (headless Debian Chromium: wasm, and webgl on
// SwiftShader) beside Node (wasm, native) for the same model and CV: a `tiny`-preset-shaped GPT (d 128,
// 4 layers, 4 heads, context 256; random weights, the tokenizer of the micro run that
// `npm run test:browser` trains), greedy, up to 64 new tokens. Prints one JSON line.
// Usage: npm run test:browser (once, for the tokenizer), then node scripts/bench-browser.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { initBackend } from '@girl/tensor';
import { GPT, PRESETS, decodeSteps, encodePrompts, loadModel, saveModel, sftPrompt } from '@girl/generator';
import { loadTokenizer } from '@girl/tokenizer/node';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/cli.js');
const work = join(root, '.tmp/test-browser');
const speedRun = join(work, 'tiny-speed');
const NEW_TOKENS = 64;
const CHROMIUM = process.env.GIRL_CHROMIUM ?? '/usr/bin/chromium';
const BASE = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CV = '## Skills\n- Proficient in SQL\n- Apache Spark\n- Kafka\n\n## Experience\n- Data Engineer, Acme (2021 - present)\n- Data Analyst, Northwind (2018 - 2021)';

const tokFile = join(work, 'micro/ppo/policy/tokenizer.girl.json');
if (!existsSync(tokFile)) throw new Error('run `npm run test:browser` first (it trains the micro run whose tokenizer this uses)');
await initBackend('wasm');
const tok = await loadTokenizer(tokFile);
rmSync(speedRun, { recursive: true, force: true });
mkdirSync(join(speedRun, 'ppo'), { recursive: true });
const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed: 1 });
await saveModel(model, join(speedRun, 'ppo/policy'), { tokenizer: tok });
model.dispose();

const figures = {};
for (const name of ['wasm', 'native']) {
  await initBackend(name);
  const { model: m, tokenizer } = await loadModel(join(speedRun, 'ppo/policy'));
  const [ids] = encodePrompts(tokenizer, [sftPrompt(tokenizer, CV, { maxPromptTokens: m.config.contextLength - NEW_TOKENS })]);
  const opts = { maxNewTokens: NEW_TOKENS, eosTokenId: tokenizer.eosId, padTokenId: tokenizer.padId ?? tokenizer.eosId };
  for (const _ of decodeSteps(m, [ids], opts)); // warm-up
  const t0 = performance.now();
  let n = 0;
  for (const s of decodeSteps(m, [ids], opts)) n += s.real[0];
  figures[`node-${name}`] = { tokens: n, tokensPerSecond: +(n / ((performance.now() - t0) / 1000)).toFixed(1) };
  m.dispose();
}

const child = spawn(process.execPath, [cli, 'serve', '--run', speedRun, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => child.stdout.on('data', (d) => /(http:\/\/\S+\/)/.test(String(d)) && ok(/(http:\/\/\S+\/)/.exec(String(d))[1])));
try {
  for (const [backend, flags] of [['wasm', [...BASE, '--disable-gpu']], ['webgl', [...BASE, '--use-angle=swiftshader', '--enable-unsafe-swiftshader']]]) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: flags });
    try {
      const page = await browser.newPage();
      await page.goto(`${url}?backend=${backend}`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 120_000 });
      await page.fill('#cv', CV);
      await page.fill('#max-tokens', String(NEW_TOKENS));
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => (document.body.dataset.state = 'pending'));
        await page.click('#generate'); // the second run is the warm figure
        await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 600_000 });
      }
      const r = await page.evaluate(() => window.__girlLast);
      figures[`page-${backend}`] = { tokens: r.tokens, tokensPerSecond: +r.tokensPerSecond.toFixed(1) };
    } finally {
      await browser.close();
    }
  }
} finally {
  child.kill('SIGTERM');
}
console.log(JSON.stringify({ bench: 'job seeker page vs Node', model: { shape: 'tiny preset', vocab: tok.vocabSize, weights: 'random (speed only)' }, newTokens: NEW_TOKENS, figures, machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(1)) }, date: new Date().toISOString() }));
