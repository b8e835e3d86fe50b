/**
 * Where the pipeline's data comes from: RJDB, labelled-pair JSONL/CSV files, or the synthetic job market
 * (the default). Training and evaluation data are separate paths; without an evaluation path a share of the
 * training groups is held out (split by group, so no JD or person crosses the split).
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname } from 'node:path';
import { createJobMarket, loadPairs, loadRjdb, rjdbToPairs, rjdbToSftPairs, splitByGroup } from '@girl/data';
import type { FitOracle, LabelledPair, SftPair } from '@girl/data';
import type { GirlConfig } from './config.js';

/** A CV → JD example (SFT) with the group that keeps it on one side of a split. */
export interface SftExample {
  cv: string;
  jd: string;
  group: string;
}

/** A labelled (CV, JD) pair (reward model, recommenders). */
export interface LabelledExample extends SftExample {
  label: 0 | 1;
}

/** The pipeline's data, split. */
export interface PipelineData {
  /** `synthetic` or the training file's path. */
  source: string;
  format: 'synthetic' | 'rjdb' | 'jsonl' | 'csv';
  sftTrain: SftExample[];
  sftEval: SftExample[];
  pairsTrain: LabelledExample[];
  pairsEval: LabelledExample[];
  /** Ground truth `fit(cv, jd)` where one exists (the synthetic market). */
  oracle: FitOracle | null;
}

/** Thrown for data that cannot be used; the message names the file and the fix. */
export class DataInputError extends Error {
  override name = 'DataInputError';
}

async function detectFormat(path: string, format: GirlConfig['data']['format']): Promise<'rjdb' | 'jsonl' | 'csv'> {
  if (format !== 'auto') return format;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') {
    const head = (await readFile(path, 'utf8').catch((e: Error) => {
      throw new DataInputError(`Cannot read '${path}': ${e.message}. Check the --train / --eval path.`);
    })).slice(0, 4096);
    return head.includes('"Job-Description"') || head.includes('"Resume-matched"') ? 'rjdb' : 'jsonl';
  }
  throw new DataInputError(`Cannot tell the format of '${path}' from its extension '${ext}'. Use .jsonl (RJDB or labelled pairs), .csv, or pass --format rjdb|jsonl|csv.`);
}

async function loadFile(path: string, format: GirlConfig['data']['format'], flag: '--train' | '--eval'): Promise<{ format: 'rjdb' | 'jsonl' | 'csv'; sft: SftExample[]; pairs: LabelledExample[] }> {
  const f = await detectFormat(path, format);
  const loaded = await loadRows(path, f);
  if (loaded.sft.length === 0 && loaded.pairs.length === 0) throw new DataInputError(`'${path}' (${flag}) holds no records. Pass a file with CV–JD records (see packages/cli/README.md, "Data").`);
  if (loaded.sft.length === 0) throw new DataInputError(`'${path}' (${flag}) has no pair with label 1; SFT needs matched CV → JD pairs. Add matched pairs (label 1) to ${flag}.`);
  return loaded;
}

async function loadRows(path: string, f: 'rjdb' | 'jsonl' | 'csv'): Promise<{ format: 'rjdb' | 'jsonl' | 'csv'; sft: SftExample[]; pairs: LabelledExample[] }> {
  if (f === 'rjdb') {
    const rows = await loadRjdb(path);
    return { format: f, sft: rjdbToSftPairs(rows).map(sftOf), pairs: rjdbToPairs(rows).map(pairOf) };
  }
  const pairs = (await loadPairs(path, f === 'jsonl' ? { format: 'jsonl' } : {})).map(pairOf);
  const sft = pairs.filter((p) => p.label === 1).map(({ cv, jd, group }) => ({ cv, jd, group }));
  return { format: f, sft, pairs };
}

const sftOf = (p: SftPair): SftExample => ({ cv: p.cv, jd: p.jd, group: String(p.group ?? p.jdId ?? p.jd) });
const pairOf = (p: LabelledPair): LabelledExample => ({ cv: p.cv, jd: p.jd, label: p.label, group: String(p.group ?? p.jdId ?? p.jd) });

function holdOut<T extends SftExample>(items: T[], groupsEval: Set<string>): [T[], T[]] {
  return [items.filter((x) => !groupsEval.has(x.group)), items.filter((x) => groupsEval.has(x.group))];
}

/**
 * Loads the data the config names.
 *
 * @example
 * ```ts
 * const data = await loadPipelineData(config); // synthetic market when config.data.train is null
 * data.sftTrain.length; data.oracle?.fit(cv, jd).score;
 * ```
 */
export async function loadPipelineData(config: GirlConfig, notice: (line: string) => void = () => {}): Promise<PipelineData> {
  const d = config.data;
  const cap = <T>(xs: T[]) => (d.maxTrain === null ? xs : xs.slice(0, d.maxTrain));
  if (d.train === null) {
    if (d.eval !== null) throw new DataInputError('--eval was given without --train; give both paths, or neither for the synthetic market.');
    const market = createJobMarket({ seed: config.seed, people: d.people, pairs: d.pairs });
    const sft = market.sftPairs.map(sftOf);
    const pairs = market.pairs.map(pairOf);
    const split = splitByGroup(sft, { key: (p) => p.group, ratios: { train: 1 - d.evalFraction, validation: d.evalFraction, test: 0 }, seed: config.seed });
    const evalGroups = new Set(split.groups.validation);
    const [pairsTrain, pairsEval] = holdOut(pairs, evalGroups);
    return { source: 'synthetic', format: 'synthetic', sftTrain: cap(split.train), sftEval: split.validation, pairsTrain: cap(pairsTrain), pairsEval, oracle: market };
  }
  const train = await loadFile(d.train, d.format, '--train');
  if (d.eval !== null) {
    if ((await realpath(d.eval).catch(() => d.eval)) === (await realpath(d.train).catch(() => d.train))) {
      throw new DataInputError(`--train and --eval are the same file ('${d.eval}'): figures on training data measure nothing. Drop --eval (a held-out share of --train is used), or pass a separate evaluation file.`);
    }
    const ev = await loadFile(d.eval, d.format, '--eval');
    warnSmallEval(ev.sft.length, ev.pairs, `--eval '${d.eval}'`, notice);
    return { source: d.train, format: train.format, sftTrain: cap(train.sft), sftEval: ev.sft, pairsTrain: cap(train.pairs), pairsEval: ev.pairs, oracle: null };
  }
  const groups = [...new Set(train.pairs.map((p) => p.group).concat(train.sft.map((p) => p.group)))];
  const split = splitByGroup(groups, { key: (g) => g, ratios: { train: 1 - d.evalFraction, validation: d.evalFraction, test: 0 }, seed: config.seed });
  const evalGroups = new Set(split.validation);
  const [sftTrain, sftEval] = holdOut(train.sft, evalGroups);
  const [pairsTrain, pairsEval] = holdOut(train.pairs, evalGroups);
  if (sftEval.length === 0 || pairsEval.length === 0) throw new DataInputError(`'${d.train}' is too small to hold out ${Math.round(d.evalFraction * 100)} % for evaluation; pass --eval <path>.`);
  warnSmallEval(sftEval.length, pairsEval, `the held-out share of --train '${d.train}'`, notice);
  return { source: d.train, format: train.format, sftTrain: cap(sftTrain), sftEval, pairsTrain: cap(pairsTrain), pairsEval, oracle: null };
}

/** Smallest evaluation set whose figures are worth printing without a warning. */
const MIN_EVAL_RECORDS = 20;

/** Warns when the evaluation data is too small for its figures to mean much, or lacks a label (no AUC). */
export function warnSmallEval(sft: number, pairs: readonly LabelledExample[], where: string, notice: (line: string) => void): void {
  const labels = new Set(pairs.map((p) => p.label));
  if (sft < MIN_EVAL_RECORDS || pairs.length < MIN_EVAL_RECORDS) {
    notice(`warning: ${where} has ${sft} matched and ${pairs.length} labelled pairs; evaluation figures on fewer than ${MIN_EVAL_RECORDS} are noise. Pass a larger --eval file.`);
  }
  if (pairs.length > 0 && labels.size < 2) {
    notice(`warning: ${where} has only label ${[...labels][0]}; AUC needs both labels (0 and 1) and will be reported as null. Add pairs of the other label.`);
  }
}
