/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, no network) with the run's
 * summary, the SFT loss, reward-model metrics, PPO reward and KL curves, JDs before and after PPO for
 * sample CVs, and the augmentation table.
 */
import type { MetricRecord } from '../pipeline/run-dir.js';
import type { RunSummary } from '../pipeline/summary.js';
import type { PpoSamples } from '../pipeline/stage-ppo.js';
import { escapeHtml, lineChart } from './svg-chart.js';

/** Everything the report shows. */
export interface ReportInput {
  summary: RunSummary;
  metrics: MetricRecord[];
  samples: PpoSamples['samples'];
  config: unknown;
}

const pts = (records: MetricRecord[], stage: string, type: string, key: string): [number, number][] =>
  records.filter((r) => r.stage === stage && r.type === type && typeof r[key] === 'number').map((r) => [r.step, r[key] as number]);

/** Moving average (window w) to make noisy per-step curves readable beside the raw points. */
function smooth(points: [number, number][], w = 10): [number, number][] {
  return points.map(([x], i) => {
    const win = points.slice(Math.max(0, i - w + 1), i + 1);
    return [x, win.reduce((s, p) => s + p[1], 0) / win.length];
  });
}

const v = (x: unknown) => (x === null || x === undefined ? '—' : typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(4)) : escapeHtml(String(x)));

/** Renders the report. */
export function renderReport(input: ReportInput): string {
  const { summary: s, metrics } = input;
  const sftLoss = pts(metrics, 'sft', 'step', 'loss');
  const charts = [
    lineChart(
      [
        { name: 'train loss (smoothed)', points: smooth(sftLoss) },
        { name: 'eval loss', points: pts(metrics, 'sft', 'eval', 'evalLoss') },
      ],
      { title: 'SFT loss (nats per JD token)', xLabel: 'step', yLabel: 'loss' },
    ),
    lineChart(
      [
        { name: 'eval AUC', points: pts(metrics, 'reward', 'eval', 'auc') },
        { name: 'eval pairwise acc.', points: pts(metrics, 'reward', 'eval', 'pairwiseAccuracy') },
        { name: 'eval accuracy', points: pts(metrics, 'reward', 'eval', 'accuracy') },
      ],
      { title: 'Reward model: held-out metrics', xLabel: 'step', yLabel: 'metric' },
    ),
    lineChart([{ name: 'train loss (smoothed)', points: smooth(pts(metrics, 'reward', 'step', 'loss')) }], { title: 'Reward model: training loss', xLabel: 'step', yLabel: 'loss' }),
    lineChart([{ name: 'reward (RM logit)', points: pts(metrics, 'ppo', 'step', 'reward') }], { title: 'PPO: mean reward of rollouts', xLabel: 'PPO step', yLabel: 'reward' }),
    lineChart([{ name: 'KL to SFT (nats/JD)', points: pts(metrics, 'ppo', 'step', 'kl') }], { title: 'PPO: KL to the SFT model', xLabel: 'PPO step', yLabel: 'KL' }),
  ];
  const summaryRows: [string, unknown][] = [
    ['SFT eval loss', s.sft?.evalLoss],
    ['SFT eval perplexity', s.sft?.evalPerplexity],
    ['Reward model AUC (held-out)', s.reward?.auc],
    ['TF-IDF baseline AUC', s.reward?.tfidfAuc],
    ['PPO score before → after (RM logit, greedy, held-out CVs)', s.ppo ? `${v(s.ppo.scoreBefore)} → ${v(s.ppo.scoreAfter)}` : undefined],
    ...(s.ppo && 'oracleFitBefore' in s.ppo ? ([['Oracle fit before → after', `${v(s.ppo.oracleFitBefore)} → ${v(s.ppo.oracleFitAfter)}`]] as [string, unknown][]) : []),
    ['PPO KL (last steps)', s.ppo?.kl],
    ['Seconds (total)', s.seconds],
  ];
  const stageRows = Object.entries(s.stageSeconds).map(([k, sec]) => `<tr><td>${escapeHtml(k)}</td><td class="num">${v(sec)}</td></tr>`).join('');
  const samples = input.samples
    .map(
      (x, i) => `<section class="sample"><h3>CV ${i + 1}</h3><div class="cols">
<div><h4>CV</h4><pre>${escapeHtml(x.cv)}</pre></div>
<div><h4>JD after SFT (before PPO)</h4><pre>${escapeHtml(x.before)}</pre></div>
<div><h4>JD after PPO</h4><pre>${escapeHtml(x.after)}</pre></div>
</div></section>`,
    )
    .join('\n');
  const a = s.augment;
  const augment = a
    ? `<table><tr><th>recommender</th><th>features</th><th>AUC (held-out pairs)</th></tr>
<tr><td rowspan="2">${v(a.recommender)}</td><td>base: ${escapeHtml(((a.features as { base?: string[] } | undefined)?.base ?? []).join(', '))}</td><td class="num">${v(a.aucBase)}</td></tr>
<tr><td>augmented: ${escapeHtml(((a.features as { augmented?: string[] } | undefined)?.augmented ?? []).join(', '))}</td><td class="num">${v(a.aucAugmented)}</td></tr></table>
<p>Training rows ${v(a.trainRows)}, evaluation rows ${v(a.evalRows)}, generated JDs ${v(a.generatedJds)}.</p>`
    : '<p>The augmentation stage did not run.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GIRL run ${escapeHtml(s.id)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#111;padding:0 16px}
h1{font-size:22px}h2{margin-top:32px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart-box{margin:0;border:1px solid #eee}
.chart .grid{stroke:#eee}.chart .axis{stroke:#333}.chart .tick,.chart .legend,.chart .label{font-size:11px;fill:#333}.chart .chart-title{font-size:13px;font-weight:600}
.cols{display:grid;grid-template-columns:1fr 1fr 1fr;gap:8px}pre{white-space:pre-wrap;background:#f7f7f7;padding:8px;font-size:12px;margin:0}
.muted{color:#666}
</style></head><body>
<h1>GIRL run <code>${escapeHtml(s.id)}</code></h1>
<p class="muted">Preset <b>${escapeHtml(s.preset)}</b>, backend <b>${escapeHtml(String(s.backend))}</b>, data <b>${escapeHtml(s.data.source)}</b> (${s.data.sftTrain} SFT / ${s.data.pairsTrain} labelled pairs for training, ${s.data.sftEval} / ${s.data.pairsEval} held out). Finished ${escapeHtml(s.finishedAt)} on ${s.machine.cpus} × ${escapeHtml(String(s.machine.cpu))}, Node ${escapeHtml(s.machine.node)}.</p>
<h2>Summary</h2>
<table>${summaryRows.map(([k, x]) => `<tr><td>${escapeHtml(k)}</td><td class="num">${v(x)}</td></tr>`).join('')}</table>
<table><tr><th>stage</th><th>seconds</th></tr>${stageRows}</table>
<h2>Curves</h2>
<div class="charts">${charts.join('\n')}</div>
<h2>Generated JDs before and after PPO</h2>
<p class="muted">Greedy decoding for held-out CVs the models never trained on.</p>
${samples || '<p>No samples.</p>'}
<h2>Generated JDs as recommender features</h2>
${augment}
<h2>Config</h2>
<pre>${escapeHtml(JSON.stringify(input.config, null, 2))}</pre>
</body></html>
`;
}
