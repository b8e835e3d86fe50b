/** The report's "Figures of this run" table: the per-run figures `npm run eval:seeds` collects. */
import type { RunFigures } from '../pipeline/run-figures.js';
import { worseQuality } from '../pipeline/run-figures.js';
import { escapeHtml } from './svg-chart.js';

const f = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(4));

/** HTML for a run's figures (empty string without them). */
export function figuresSection(fig: RunFigures | undefined): string {
  if (!fig) return '';
  const q = fig.quality;
  const worse = new Set<string>(worseQuality(q.before, q.after));
  const qRows = q.before
    ? (Object.keys(q.before) as (keyof typeof q.before)[])
        .map((k) => `<tr><td>${escapeHtml(k)}${k === 'repeatedLineRate' ? ' (lower is better)' : ''}</td><td class="num">${f(q.before?.[k])}</td><td class="num">${f(q.after?.[k])}${worse.has(k) ? ' (worse)' : ''}</td></tr>`)
        .join('')
    : '';
  const aug = fig.augment;
  return `<h2>Figures of this run</h2>
<table><tr><th>figure</th><th>before PPO / base</th><th>after PPO / augmented</th></tr>
<tr><td>reward model AUC vs TF-IDF AUC (${escapeHtml(fig.aucLabels)})</td><td class="num">${f(fig.tfidfAuc)} (TF-IDF)</td><td class="num">${f(fig.rmAuc)} (RM)</td></tr>
<tr><td>oracle fit, greedy JDs of ${f(fig.heldOutCvs)} held-out CVs</td><td class="num">${f(fig.oracleFitBefore)}</td><td class="num">${f(fig.oracleFitAfter)}</td></tr>
<tr><td>RM score (logit), same JDs</td><td class="num">${f(fig.rmScoreBefore)}</td><td class="num">${f(fig.rmScoreAfter)}</td></tr>
<tr><td>KL to SFT (nats per JD, last PPO steps)</td><td></td><td class="num">${f(fig.klPerJd)}</td></tr>
${qRows}
<tr><td>augmentation AUC, cold start</td><td class="num">${f(aug.coldBase)}</td><td class="num">${f(aug.coldAugmented)}</td></tr>
<tr><td>augmentation AUC, warm</td><td class="num">${f(aug.warmBase)}</td><td class="num">${f(aug.warmAugmented)}</td></tr></table>`;
}
