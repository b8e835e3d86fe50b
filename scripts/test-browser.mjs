// `npm run test:browser`: the job seeker's page tested as a person uses it, in Debian's headless Chromium
// (playwright-core; no browser is downloaded). Trains a `micro` run (or reuses .tmp/test-browser/micro),
// serves it with `girl serve`, pastes a CV with the keyboard at 375 px wide, waits for the JD and checks
// that it equals `girl generate` (greedy, wasm) on the same CV, with the same explanation and nearest
// jobs; then the bad inputs: empty CV, a 2 MB CV, a run without an exported policy, corrupt weights.
// Also measures tokens/s in the page (wasm, webgl) and in Node (wasm, native) on the same model.
// Exit code 1 on any failed check; the last line is one JSON object with the figures.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/cli.js');
const work = join(root, '.tmp/test-browser');
const run = join(work, 'micro');
const CHROMIUM = process.env.GIRL_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// WebGL without a GPU: Chromium's software rasteriser (SwiftShader), which it gates behind this flag
const WEBGL_FLAGS = [...FLAGS.filter((f) => f !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const CV = `## Summary
Data engineer with 6 years of experience building batch and streaming pipelines.

## Skills
- Proficient in SQL
- Apache Spark
- Kafka
- Python
- Airflow

## Experience
- Data Engineer, Acme Analytics (2021 - present). Keep the warehouse fresh and correct.
- Data Analyst, Northwind (2018 - 2021)

## Education
BSc Computer Science`;

const failures = [];
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(what);
}
const girl = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`girl ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
};

// 0. what this test needs
if (!existsSync(cli) || !existsSync(join(root, 'packages/cli/dist/page/app.js'))) {
  console.error('packages/cli is not built: run `npx turbo build --filter=@girl/cli...` (npm run test:browser does).');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) or set GIRL_CHROMIUM.`);
  process.exit(1);
}
const { chromium } = await import('playwright-core');

// 1. a micro run (reused when its policy and the policy's checksums exist)
mkdirSync(work, { recursive: true });
if (!existsSync(join(run, 'ppo/policy/config.json')) || !existsSync(join(run, 'ppo/policy/checksums.sha256'))) {
  rmSync(run, { recursive: true, force: true });
  console.log('training a micro run…');
  girl(['pipeline', '--preset', 'micro', '--out', work, '--run-id', 'micro', '--quiet']);
}

// 2. servers: the run, a run without a policy, a run with corrupt weights
async function serve(dir, extra = []) {
  const child = spawn(process.execPath, [cli, 'serve', '--run', dir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`girl serve --run ${dir} exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}
const noPolicy = join(work, 'no-policy');
rmSync(noPolicy, { recursive: true, force: true });
mkdirSync(noPolicy, { recursive: true });
cpSync(join(run, 'config.json'), join(noPolicy, 'config.json'));
const corrupt = join(work, 'corrupt');
rmSync(corrupt, { recursive: true, force: true });
cpSync(join(run, 'ppo/policy'), join(corrupt, 'ppo/policy'), { recursive: true });
const weights = readFileSync(join(corrupt, 'ppo/policy/model.safetensors'));
for (let i = 0; i < 4096; i++) weights[Math.floor(weights.length / 2) + i] = (i * 2654435761) >>> 24; // 4 KB overwritten mid-file
writeFileSync(join(corrupt, 'ppo/policy/model.safetensors'), weights);
const servers = await Promise.all([serve(run), serve(noPolicy), serve(corrupt), serve(run, ['--f16'])]);
const [main, missing, damaged, half] = servers;

// 3. the reference: girl generate, greedy, wasm, with the jobs the page ranks
const jobs = await (await fetch(new URL('run/jobs.json', main.url))).json();
const jobsFile = join(work, 'jobs.jsonl');
writeFileSync(jobsFile, jobs.map((j) => JSON.stringify(j)).join('\n'));
const cvFile = join(work, 'cv.md');
writeFileSync(cvFile, CV);
const ref = JSON.parse(girl(['generate', '--run', run, '--cv', cvFile, '--backend', 'wasm', '--explain', '--jobs', jobsFile, '--top', '5', '--json']));
// webgl on SwiftShader is slow (about 1 token/s here): it writes a short JD, checked against its own reference
const WEBGL_TOKENS = 16;
const refShort = JSON.parse(girl(['generate', '--run', run, '--cv', cvFile, '--backend', 'wasm', '-n', String(WEBGL_TOKENS), '--json']));

const figures = {};
const browsers = [];
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  browsers.push(browser);
  const open = async (url, b = browser) => {
    const page = await b.newPage({ viewport: { width: 375, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 60_000 });
    return { page, errors };
  };
  const waitDone = (page) => page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 300_000 });
  const text = (page, sel) => page.locator(sel).innerText();

  // 4. a person on a phone: labelled inputs, keyboard only, the JD as girl generate writes it
  const { page, errors } = await open(`${main.url}?backend=wasm`);
  check((await page.evaluate(() => document.body.dataset.state)) === 'ready', 'page loads the run', await text(page, '#status'));
  check(/SHA-256/.test(await text(page, '#status')), "the page checks the files against the export's checksums");
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].filter((e) => e.labels.length === 0).map((e) => e.id));
  check(unlabelled.length === 0, 'every input has a label', unlabelled.join(', '));
  await page.focus('#cv');
  await page.keyboard.insertText(CV);
  let tabs = 0;
  while ((await page.evaluate(() => document.activeElement?.id)) !== 'generate' && tabs < 12) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  check((await page.evaluate(() => document.activeElement?.id)) === 'generate', 'Tab reaches the Write button', `${tabs} presses`);
  await page.evaluate(() => {
    document.body.dataset.state = 'pending';
    window.__jdUpdates = 0; // the JD must appear token by token, not at once
    new MutationObserver(() => window.__jdUpdates++).observe(document.querySelector('#jd'), { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Enter');
  await waitDone(page);
  const updates = await page.evaluate(() => window.__jdUpdates);
  const last = await page.evaluate(() => window.__girlLast);
  check(last?.jd === ref.jd, 'page JD equals girl generate (greedy, same CV)', last ? `${last.tokens} tokens` : 'no JD');
  check(updates >= Math.min(8, last?.tokens ?? 0), 'the JD streams token by token', `${updates} updates for ${last?.tokens} tokens`);
  const shownJd = await page.locator('#jd').textContent();
  check(shownJd === ref.jd, 'the JD is shown in full');
  const items = await page.locator('#explanation li').count();
  check(items === ref.explanation.skills.length + ref.explanation.experience.length && items > 0, 'explanation lists the CV items', `${items}`);
  const usedPage = await page.locator('#explanation li.used').count();
  const usedCli = [...ref.explanation.skills, ...ref.explanation.experience].filter((x) => x.used).length;
  check(usedPage === usedCli, 'explanation marks the same items as --explain', `${usedPage} used`);
  const pageJobs = await page.locator('#jobs li strong').allInnerTexts();
  check(pageJobs.length === 5 && pageJobs.join('|') === ref.nearestJobs.map((j) => j.title ?? '').join('|'), 'nearest jobs equal --jobs --top 5', pageJobs.join(' | '));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 375, 'usable at 375 px (no sideways scrolling)', `${width} px`);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-results/job-seeker-page.png'), fullPage: true });
  figures.tokens = last?.tokens;
  await page.evaluate(() => (document.body.dataset.state = 'pending'));
  await page.click('#generate'); // again, warm: the figure for docs/PERFORMANCE.md
  await waitDone(page);
  figures.pageWasm = await page.evaluate(() => window.__girlLast?.tokensPerSecond);

  // 5. regenerate: sampling at another seed; copy and download
  await page.evaluate(() => (document.body.dataset.state = 'pending'));
  await page.click('#regenerate');
  await waitDone(page);
  check((await page.inputValue('#seed')) === '1' && (await page.inputValue('#temperature')) === '0.8', 'regenerate samples with the next seed');
  check((await page.evaluate(() => window.__girlLast?.tokens ?? 0)) > 0, 'regenerated JD written');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  check(download.suggestedFilename() === 'job-description.md', 'download offers job-description.md');

  // 6. empty CV (Ctrl+Enter), then a 2 MB CV
  await page.fill('#cv', '   ');
  await page.focus('#cv');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#error:not([hidden])');
  check(/empty/i.test(await text(page, '#error')), 'empty CV answered on the page', await text(page, '#error'));
  const big = Buffer.from(`${CV}\n${'- Kept the warehouse fresh and correct.\n'.repeat(52_000)}`); // ~2 MB, uploaded
  await page.setInputFiles('#cv-file', { name: 'long-cv.md', mimeType: 'text/markdown', buffer: big });
  await page.waitForFunction((n) => document.querySelector('#cv').value.length === n, big.length);
  await page.evaluate(() => (document.body.dataset.state = 'pending'));
  await page.click('#generate');
  await waitDone(page);
  check(await page.locator('#cv-notice').isVisible(), '2 MB CV truncated with a visible notice', (await text(page, '#cv-notice')).slice(0, 90));
  check((await page.evaluate(() => window.__girlLast?.tokens ?? 0)) > 0, 'JD written for the 2 MB CV');
  check(errors.length === 0, 'no uncaught errors in the page', errors.join('; '));
  await page.close();

  // 7. auto in a browser without WebGPU / WebGL: the fallback is announced
  const auto = await open(main.url);
  const backend = await auto.page.evaluate(() => document.body.dataset.backend);
  check(backend === 'webgpu' || (await auto.page.locator('#backend-notice').isVisible()), 'fallback from WebGPU/WebGL is announced', `${backend}: ${await text(auto.page, '#backend-notice')}`);
  await auto.page.close();

  // 8. a run without an exported policy; corrupt weights
  const m = await open(missing.url);
  check(/no exported policy/.test(await text(m.page, '#error')), 'missing policy answered on the page', (await text(m.page, '#error')).slice(0, 100));
  const d = await open(damaged.url);
  check(/damaged|corrupt/i.test(await text(d.page, '#error')), 'corrupt weights answered on the page', (await text(d.page, '#error')).slice(0, 140));

  // 8a. --f16: half the download, still a JD
  const halfBytes = (await (await fetch(new URL('run/model.safetensors', half.url))).arrayBuffer()).byteLength;
  const fullBytes = readFileSync(join(run, 'ppo/policy/model.safetensors')).length;
  const h = await open(`${half.url}?backend=wasm`);
  await h.page.fill('#cv', CV);
  await h.page.click('#generate');
  await waitDone(h.page);
  check(halfBytes < 0.55 * fullBytes && (await h.page.evaluate(() => window.__girlLast?.tokens ?? 0)) > 0, '--f16 halves the weights and the page still writes a JD', `${halfBytes} of ${fullBytes} bytes; same JD as F32: ${(await h.page.evaluate(() => window.__girlLast?.jd)) === ref.jd}`);

  // 8b. the exported static site on a plain static server (not girl serve)
  const site = join(work, 'site');
  rmSync(site, { recursive: true, force: true });
  girl(['serve', '--run', run, '--export', site]);
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
  const plain = createServer((req, res) => {
    const file = join(site, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html'));
    if (!file.startsWith(site) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[/\.\w+$/.exec(file)?.[0]] ?? 'application/octet-stream' }).end(readFileSync(file));
  }).listen(0, '127.0.0.1');
  await new Promise((ok) => plain.once('listening', ok));
  const st = await open(`http://127.0.0.1:${plain.address().port}/?backend=wasm`);
  await st.page.fill('#cv', CV);
  await st.page.click('#generate');
  await waitDone(st.page);
  check((await st.page.evaluate(() => window.__girlLast?.jd)) === ref.jd, 'the exported site writes the same JD on a plain static server');
  plain.close();

  // 9. webgl (SwiftShader): same JD, its speed
  const gl = await chromium.launch({ executablePath: CHROMIUM, args: WEBGL_FLAGS });
  browsers.push(gl);
  const w = await open(`${main.url}?backend=webgl`, gl);
  if ((await w.page.evaluate(() => document.body.dataset.state)) === 'ready') {
    await w.page.fill('#cv', CV);
    await w.page.fill('#max-tokens', String(WEBGL_TOKENS));
    for (let i = 0; i < 2; i++) {
      await w.page.evaluate(() => (document.body.dataset.state = 'pending'));
      await w.page.click('#generate'); // the second run is the warm figure
      await waitDone(w.page);
    }
    const r = await w.page.evaluate(() => window.__girlLast);
    figures.pageWebgl = r?.tokensPerSecond;
    check(r?.jd === refShort.jd, `webgl JD equals girl generate -n ${WEBGL_TOKENS}`, `${r?.tokens} tokens`);
  } else check(false, 'webgl starts (SwiftShader)', await text(w.page, '#error'));
} finally {
  for (const b of browsers) await b.close();
  for (const s of servers) s.stop();
}

// 10. Node on the same model and CV, for docs/PERFORMANCE.md
const { initBackend } = await import('@girl/tensor');
const { loadModel, decodeSteps, encodePrompts, sftPrompt } = await import('@girl/generator');
for (const name of ['wasm', 'native']) {
  await initBackend(name);
  const { model, tokenizer } = await loadModel(join(run, 'ppo/policy'));
  const [ids] = encodePrompts(tokenizer, [sftPrompt(tokenizer, CV, { maxPromptTokens: model.config.contextLength - 128 })]);
  const opts = { maxNewTokens: 128, eosTokenId: tokenizer.eosId, padTokenId: tokenizer.padId ?? tokenizer.eosId };
  for (const _ of decodeSteps(model, [ids], opts)); // warm-up
  const t0 = performance.now();
  let n = 0;
  for (const s of decodeSteps(model, [ids], opts)) n += s.real[0];
  figures[`node${name[0].toUpperCase()}${name.slice(1)}`] = n / ((performance.now() - t0) / 1000);
  model.dispose();
}
console.log(failures.length ? `\n${failures.length} check(s) failed: ${failures.join('; ')}` : '\nall checks passed');
console.log(JSON.stringify({ passed: failures.length === 0, failures, ...figures, date: new Date().toISOString().slice(0, 10) }));
process.exit(failures.length ? 1 : 0);
