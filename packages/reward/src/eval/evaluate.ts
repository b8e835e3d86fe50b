/**
 * Evaluation of a reward model beside the two surface baselines, on the same rows: AUC, accuracy,
 * pairwise accuracy, expected calibration error and log-loss for the model; AUC and pairwise accuracy
 * for TF-IDF cosine and for "the longer CV wins".
 */
import { longerCvScores } from '../baselines/length.js';
import { accuracy, auc, expectedCalibrationError, logLoss, pairwiseComparisons, sigmoid, tfidfCosine } from '@girl/core';
import type { RewardModel } from '../model/reward-model.js';

/** A labelled (CV, JD) row; `group` ties rows compared pairwise (RJDB: the JD; synthetic market: the person). */
export interface EvalRow {
  cv: string;
  jd: string;
  /** 1 = match, 0 = no match. */
  label: number;
  group?: string | number | undefined;
}

/** The model's figures on a set of rows. */
export interface ModelMetrics {
  auc: number;
  /** Accuracy of σ(score) > 0.5. */
  accuracy: number;
  /** Within-group (positive, negative) comparisons won by the positive; ties one half. */
  pairwiseAccuracy: number;
  /** Expected calibration error of σ(score), 10 equal-width bins. */
  ece: number;
  /** Mean binary cross-entropy of σ(score), nats. */
  logLoss: number;
}

/** A baseline's figures (it gives scores, not probabilities, so no accuracy / calibration). */
export interface BaselineMetrics {
  auc: number;
  pairwiseAccuracy: number;
}

/** What {@link evaluateRewardModel} returns. */
export interface Evaluation {
  rows: number;
  positives: number;
  /** Within-group (positive, negative) comparisons and the groups that have them. */
  comparisons: number;
  groups: number;
  model: ModelMetrics;
  /** Same rows, same comparisons. Absent with `baselines: false`. */
  baselines?: { tfidfCosine: BaselineMetrics; longerCv: BaselineMetrics };
  /** Rows the model flagged (empty or non-string text, non-finite scores). */
  warnings: number;
  /** Rows whose CV / JD the model had to cut. */
  truncatedCv: number;
  truncatedJd: number;
  /** The model's raw scores, in row order. */
  scores: number[];
}

function groupsOf(rows: readonly EvalRow[]): (string | number)[] {
  return rows.map((r, i) => r.group ?? `#${i}`);
}

/**
 * The model metrics of raw logits against the rows' labels (pure; no model needed).
 *
 * @example
 * ```ts
 * metricsFromScores([2, -1], [{ cv, jd, label: 1, group: 'a' }, { cv, jd: jd2, label: 0, group: 'a' }]);
 * // { auc: 1, accuracy: 1, pairwiseAccuracy: 1, ece: …, logLoss: … }
 * ```
 */
export function metricsFromScores(scores: readonly number[], rows: readonly EvalRow[]): ModelMetrics {
  const labels = rows.map((r) => r.label);
  const probs = scores.map(sigmoid);
  return {
    auc: auc(scores, labels),
    accuracy: accuracy(probs, labels),
    pairwiseAccuracy: pairwiseComparisons(scores, labels, groupsOf(rows)).accuracy,
    ece: expectedCalibrationError(probs, labels),
    logLoss: logLoss(probs, labels),
  };
}

/**
 * Baseline metrics of any per-row scores.
 *
 * @example
 * ```ts
 * baselineMetrics(tfidfCosine(rows), rows); // { auc, pairwiseAccuracy }
 * ```
 */
export function baselineMetrics(scores: readonly number[], rows: readonly EvalRow[]): BaselineMetrics {
  const labels = rows.map((r) => r.label);
  return { auc: auc(scores, labels), pairwiseAccuracy: pairwiseComparisons(scores, labels, groupsOf(rows)).accuracy };
}

/** Options of {@link evaluateRewardModel}. */
export interface EvaluateOptions {
  /** Pairs per forward pass. Default `64`. */
  batchSize?: number;
  /** Compute the TF-IDF and longer-CV baselines on the same rows. Default `true`. */
  baselines?: boolean;
  /** Texts to fit TF-IDF's IDF on. Default: the evaluated rows' own CVs and JDs (no labels used). */
  tfidfFitOn?: Iterable<string>;
}

/**
 * Scores `rows` with the model and reports its metrics beside the baselines on the same rows.
 *
 * @example
 * ```ts
 * const e = await evaluateRewardModel(rm, testRows);
 * console.log(formatEvaluation(e));
 * e.model.pairwiseAccuracy > e.baselines!.tfidfCosine.pairwiseAccuracy; // does the RM earn its cost?
 * ```
 */
export async function evaluateRewardModel(model: RewardModel, rows: readonly EvalRow[], options: EvaluateOptions = {}): Promise<Evaluation> {
  const report = await model.scoreWithReport(
    rows.map((r) => r.cv),
    rows.map((r) => r.jd),
    { batchSize: options.batchSize ?? 64 },
  );
  const pw = pairwiseComparisons(report.scores, rows.map((r) => r.label), groupsOf(rows));
  const e: Evaluation = {
    rows: rows.length,
    positives: rows.filter((r) => r.label > 0.5).length,
    comparisons: pw.comparisons,
    groups: pw.groups,
    model: metricsFromScores(report.scores, rows),
    warnings: report.warnings.length,
    truncatedCv: report.truncatedCv,
    truncatedJd: report.truncatedJd,
    scores: report.scores,
  };
  if (options.baselines !== false) {
    const fit = options.tfidfFitOn;
    e.baselines = {
      tfidfCosine: baselineMetrics(tfidfCosine(rows, fit ? { fitOn: fit } : {}), rows),
      longerCv: baselineMetrics(longerCvScores(rows), rows),
    };
  }
  return e;
}

const f = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '   —  ' : x.toFixed(4));

/**
 * A plain-text table of an evaluation: the model and both baselines on the same rows.
 *
 * @example
 * ```ts
 * console.log(formatEvaluation(await evaluateRewardModel(rm, rows)));
 * ```
 */
export function formatEvaluation(e: Evaluation, title = 'evaluation'): string {
  const lines = [
    `${title}: ${e.rows} rows (${e.positives} positive), ${e.comparisons} within-group comparisons in ${e.groups} groups; CV cut in ${e.truncatedCv}, JD cut in ${e.truncatedJd}, flagged ${e.warnings}`,
    '| scorer | AUC | pairwise acc. | accuracy | ECE | log-loss |',
    '| --- | --- | --- | --- | --- | --- |',
    `| reward model | ${f(e.model.auc)} | ${f(e.model.pairwiseAccuracy)} | ${f(e.model.accuracy)} | ${f(e.model.ece)} | ${f(e.model.logLoss)} |`,
  ];
  if (e.baselines) {
    lines.push(`| TF-IDF cosine | ${f(e.baselines.tfidfCosine.auc)} | ${f(e.baselines.tfidfCosine.pairwiseAccuracy)} | — | — | — |`);
    lines.push(`| longer CV wins | ${f(e.baselines.longerCv.auc)} | ${f(e.baselines.longerCv.pairwiseAccuracy)} | — | — | — |`);
  }
  return lines.join('\n');
}
