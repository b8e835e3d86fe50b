import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { chromiumUnavailable, renderInChromium } from './chromium.js';
import { readMetrics } from './run-dir.js';
import { runPipeline } from './run-pipeline.js';
import type { PipelineOutcome } from './run-pipeline.js';

// The whole pipeline on the `micro` preset (a 1-layer, 32-wide model; seconds on a CPU).
describe('pipeline (micro preset, synthetic market)', () => {
  let outcome: PipelineOutcome;
  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'girl-cli-pipeline-'));
    outcome = await runPipeline({ config: resolveConfig({ preset: 'micro', out, runId: 'micro' }), quiet: true });
  }, 300_000);

  it('completes every stage and writes the summary fields', async () => {
    expect(outcome.status).toBe('completed');
    const s = JSON.parse(await readFile(outcome.run.file('summary.json'), 'utf8'));
    for (const [section, keys] of Object.entries({
      sft: ['evalLoss'],
      reward: ['auc'],
      ppo: ['scoreBefore', 'scoreAfter', 'kl', 'oracleFitBefore', 'oracleFitAfter'],
      augment: ['aucBase', 'aucAugmented'],
    })) {
      for (const k of keys) expect(typeof s[section][k], `${section}.${k}`).toBe('number');
    }
    expect(s.seconds).toBeGreaterThan(0);
    expect(s.sft.evalLoss).toBeGreaterThan(0);
    expect(s.reward.auc).toBeGreaterThanOrEqual(0);
    expect(s.reward.auc).toBeLessThanOrEqual(1);
    expect(s.backend).toBeTruthy();
    expect(Object.keys(s.stageSeconds)).toEqual(['tokenizer', 'sft', 'reward', 'ppo', 'augment']);
  });

  it('writes checkpoints, metrics of every stage, and the final policy', async () => {
    for (const f of ['tokenizer.girl.json', 'sft/last/manifest.json', 'reward/model/manifest.json', 'ppo/ckpt/manifest.json', 'ppo/policy/config.json', 'run-state.json', 'config.json']) {
      expect(existsSync(outcome.run.file(f)), f).toBe(true);
    }
    const metrics = await readMetrics(outcome.run.file('metrics.jsonl'));
    const kinds = new Set(metrics.map((m) => `${m.stage}/${m.type}`));
    for (const k of ['sft/step', 'sft/eval', 'reward/step', 'reward/eval', 'ppo/step']) expect(kinds.has(k), k).toBe(true);
    expect(metrics.filter((m) => m.stage === 'ppo')).toHaveLength(2);
  });

  it('a finished run resumed does nothing again', async () => {
    const again = await runPipeline({ resume: outcome.run.path, quiet: true });
    expect(again.status).toBe('completed');
    expect(again.summary.sft).toEqual(outcome.summary.sft);
  });

  it('report.html renders its charts in headless Chromium', async (ctx) => {
    const why = await chromiumUnavailable();
    if (why) {
      console.log(`skipped: ${why}`);
      ctx.skip();
      return;
    }
    const html = await readFile(outcome.run.file('report.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const r = await renderInChromium(outcome.run.file('report.html'));
    expect(r.consoleErrors).toEqual([]);
    expect(r.failedRequests).toEqual([]);
    expect(r.charts).toBe(5);
    expect(r.paths).toBeGreaterThanOrEqual(5); // SFT train + eval, RM metrics, RM loss, PPO reward, PPO KL
    expect(r.points).toBeGreaterThan(0);
    for (const b of r.boxes) expect(b.width * b.height).toBeGreaterThan(10_000);
  }, 120_000);
});
