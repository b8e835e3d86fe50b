/**
 * The reward model: a GPT backbone from @girl/generator read over `<|bos|> <|cv|> cv <|sep|> <|jd|> jd
 * <|eos|>`, and a scalar head (`score.weight` [C, 1], `score.bias` [1]) on the hidden state of the last
 * token (or the mean of all tokens). Its output is a raw logit: σ(logit) is P(recruiter says "fits").
 *
 * It carries its own tokenizer, so callers pass text and get numbers back (a policy with another
 * tokenizer still gets rewards). Empty text is flagged and scored by a documented rule; over-long text is
 * cut and counted; nothing about a text's content makes scoring throw.
 */
import { GPT, loadModelFromCheckpoint, resolveGptConfig } from '@girl/generator';
import type { GptConfig, GptConfigInput } from '@girl/generator';
import { Rng, embedding, linear, loadCheckpoint, matmul, randomNormalTensor, saveCheckpoint, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { fitTfidf, sigmoid, tfidfFromJSON } from '@girl/core';
import type { TfidfModel } from '@girl/core';
import { collateRm, encodeRmPair, poolingWeights, rmTemplateIds } from './encode.js';
import { LEXICAL_FEATURE_COUNT, LEXICAL_SCALE, lexicalFeatures } from './lexical.js';
import type { RmBatch, RmExample } from './encode.js';

/** Format tag and version of a saved reward model (`state.json`). */
export const RM_FORMAT = 'girl-reward-model';
/**
 * Version written by this release: 2 when the model has a lexical head (so that @girl/reward 0.1, which
 * would silently drop the head, refuses the folder), else 1. Both are read.
 */
export const RM_FORMAT_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

/** Settings of a reward model that are not the backbone's shape. */
export interface RewardModelSettings {
  /**
   * Longest encoded pair in tokens (CV + JD + 5 specials). Default: the backbone's `contextLength`.
   * Longer pairs are cut: the CV's middle (head and tail kept), the JD's tail, sharing the budget.
   */
  maxLength: number;
  /**
   * Which hidden state the head reads. `'last'` (default): the final `<|eos|>`, which under causal
   * attention has read the CV and the whole JD — like GPT2ForSequenceClassification and TRL reward
   * models. `'mean'`: the mean over all tokens (measured in the README; `'last'` was better on both
   * synthetic and RJDB data because only the JD tokens can attend to the CV).
   */
  pooling: 'last' | 'mean';
  /**
   * Score given to a pair whose CV or JD is empty (or not a string): a number (default `-10`, i.e.
   * σ ≈ 0.00005, far below any real pair, so a policy that writes an empty JD is clearly penalised), or
   * `'model'` to let the model score the empty text. Either way the row is listed in `warnings`.
   */
  emptyScore: number | 'model';
  /**
   * An optional late-interaction term added to the head's output. `'maxsim'` adds
   * `α · Σ_t g_t · max_s cos(e_t, e_s) / Σ_t g_t` over JD tokens t and CV tokens s, where e are the
   * backbone's (learned) token embeddings, g_t = σ(h_t · w_g + b) an importance the transformer gives each
   * JD token from its context, and α (`score.interaction`, init 4) and w_g (`score.gate`, init 0) are
   * learned: ColBERT's MaxSim with a learned, contextual weighting. It gives the causal backbone a direct
   * CV↔JD matching path that a small model otherwise learns slowly. Default `'none'`; see the README.
   */
  interaction: 'none' | 'maxsim';
  /**
   * An optional "wide" part of the head over lexical features of the texts. `'tfidf'` adds
   * `10 · Σ_f w_f · x_f` for x = [TF-IDF cosine of CV and JD, IDF-weighted share of the JD's words found
   * in the CV] (see `lexicalFeatures`), each in [0, 1], with w (`score.lexical`, init 0) learned with the rest
   * and the IDF table fitted on training texts and saved with the model. Wide-and-deep: the keyword screen
   * a recruiter runs, plus what the transformer reads; on RJDB, whose unmatched CVs are matched CVs with
   * skills removed, the transformer alone over-fits its 1.3k pairs (README). Default `'none'`.
   */
  lexical: 'none' | 'tfidf';
}

/** Options of {@link RewardModel.create}. */
export interface CreateRewardModelOptions {
  /** The tokenizer (with GIRL's special tokens). */
  tokenizer: Tokenizer;
  /** Backbone shape (vocabSize defaults to the tokenizer's), or an existing GPT (e.g. an SFT model) to build on. */
  backbone?: Partial<GptConfigInput> | GPT;
  /** Seed of the backbone (when created) and the head initialisation. Default `1337`. */
  seed?: number;
  /** See {@link RewardModelSettings}. */
  maxLength?: number;
  pooling?: 'last' | 'mean';
  emptyScore?: number | 'model';
  interaction?: 'none' | 'maxsim';
  lexical?: 'none' | 'tfidf';
  /**
   * Texts to fit the lexical head's IDF table on (e.g. every CV and JD of the training set), or a fitted
   * TF-IDF model. Required with `lexical: 'tfidf'`; never fit it on evaluation texts.
   */
  lexicalCorpus?: Iterable<string> | TfidfModel;
}

/** Why a row's score deserves a look. */
export interface ScoreWarning {
  /** Row index in the call. */
  index: number;
  kind: 'empty-cv' | 'empty-jd' | 'not-a-string' | 'non-finite';
  message: string;
}

/** What {@link RewardModel.scoreWithReport} returns. */
export interface ScoreReport {
  /** Raw logits (the reward), one per row. */
  scores: number[];
  /** σ(score): P(match). */
  probabilities: number[];
  /** Rows that were empty, not strings, or gave a non-finite score (then replaced by the empty score). */
  warnings: ScoreWarning[];
  /** Rows whose CV / JD was cut to fit `maxLength`. */
  truncatedCv: number;
  truncatedJd: number;
}

/** Options of {@link RewardModel.score}. */
export interface ScoreOptions {
  /** Pairs per forward pass. Default `32`. Pairs are sorted by length first, so padding stays small. */
  batchSize?: number;
}

/** A reward function of text, as PPO consumes it. */
export type RewardFn = (cv: string, jd: string) => Promise<number>;

/** Options of {@link RewardModel.rewardFn}. */
export interface RewardFnOptions extends ScoreOptions {
  /** `'logit'` (default, the raw reward as TRL uses it) or `'probability'` (σ(logit), in [0, 1]). */
  output?: 'logit' | 'probability';
  /** Called with each flush's warnings (empty texts, …) so a PPO run can log them. */
  onWarnings?: (warnings: ScoreWarning[]) => void;
}

/** Cumulative counters since the model was made (useful in PPO logs). */
export interface ScoreStats {
  scored: number;
  empty: number;
  truncatedCv: number;
  truncatedJd: number;
  nonFinite: number;
}

const DEFAULT_EMPTY_SCORE = -10;

/** The scalar head's variables. */
export interface RewardHead {
  /** `[C, 1]` */
  weight: Variable;
  /** `[1]` */
  bias: Variable;
  /** `[1]`, the MaxSim weight α (only with `interaction: 'maxsim'`). */
  interaction?: Variable;
  /** `[C, 1]`, the JD-token importance gate of the MaxSim term (only with `interaction: 'maxsim'`). */
  gate?: Variable;
  /** `[F, 1]`, weights of the lexical features (only with `lexical: 'tfidf'`). */
  lexical?: Variable;
}

/**
 * A CV–JD reward model.
 *
 * @example
 * ```ts
 * await initBackend('auto');
 * const tok = Tokenizer.train(texts, { vocabSize: 2000 });
 * const rm = RewardModel.create({ tokenizer: tok, backbone: { ...PRESETS.tiny, contextLength: 256 } });
 * await trainRewardModel({ model: rm, train, valid });
 * const [r] = await rm.score([cvText], [jdText]);   // raw logit
 * const reward = rm.rewardFn();                     // (cv, jd) => Promise<number>, for PPO
 * await rm.save('runs/7/rm');
 * const same = await RewardModel.load('runs/7/rm');
 * ```
 */
export class RewardModel {
  readonly backbone: GPT;
  readonly tokenizer: Tokenizer;
  readonly settings: RewardModelSettings;
  /** The head: `score.weight` [C, 1], `score.bias` [1] and, with `interaction: 'maxsim'`, `score.interaction` [1]. */
  readonly head: RewardHead;
  /** Counters over every scoring call. */
  readonly stats: ScoreStats = { scored: 0, empty: 0, truncatedCv: 0, truncatedJd: 0, nonFinite: 0 };
  /** The IDF table of the lexical head (only with `lexical: 'tfidf'`). */
  readonly tfidf: TfidfModel | undefined;
  private readonly padId: number;

  constructor(backbone: GPT, tokenizer: Tokenizer, head: RewardHead, settings: Partial<RewardModelSettings> = {}, tfidf?: TfidfModel) {
    if (head.gate && head.gate.shape.join() !== `${backbone.config.dModel},1`) throw new Error(`RewardModel: score.gate has shape [${head.gate.shape}], expected [${backbone.config.dModel}, 1].`);
    this.backbone = backbone;
    this.tokenizer = tokenizer;
    this.head = head;
    this.padId = rmTemplateIds(tokenizer).pad;
    const C = backbone.config.dModel;
    if (head.weight.shape.join() !== `${C},1` || head.bias.shape.join() !== '1') {
      throw new Error(`RewardModel: head shapes [${head.weight.shape}] / [${head.bias.shape}] do not fit dModel ${C}; expected [${C}, 1] and [1].`);
    }
    if (tokenizer.vocabSize > backbone.config.vocabSize) {
      throw new Error(`RewardModel: the tokenizer has ${tokenizer.vocabSize} ids but the backbone's vocabSize is ${backbone.config.vocabSize}; use the tokenizer the backbone was trained with.`);
    }
    const maxLength = settings.maxLength ?? backbone.config.contextLength;
    if (!Number.isInteger(maxLength) || maxLength < 8 || maxLength > backbone.config.contextLength) {
      throw new RangeError(`RewardModel: maxLength must be an integer in [8, contextLength = ${backbone.config.contextLength}], got ${maxLength}.`);
    }
    const pooling = settings.pooling ?? 'last';
    if (pooling !== 'last' && pooling !== 'mean') throw new RangeError(`RewardModel: pooling must be 'last' or 'mean', got ${JSON.stringify(pooling)}.`);
    const emptyScore = settings.emptyScore ?? DEFAULT_EMPTY_SCORE;
    if (emptyScore !== 'model' && !Number.isFinite(emptyScore)) throw new RangeError(`RewardModel: emptyScore must be a finite number or 'model', got ${String(emptyScore)}.`);
    const interaction = settings.interaction ?? 'none';
    if (interaction !== 'none' && interaction !== 'maxsim') throw new RangeError(`RewardModel: interaction must be 'none' or 'maxsim', got ${JSON.stringify(interaction)}.`);
    if ((interaction === 'maxsim') !== Boolean(head.interaction && head.gate)) {
      throw new Error(`RewardModel: interaction '${interaction}' ${interaction === 'maxsim' ? 'needs' : 'must not have'} the score.interaction and score.gate weights.`);
    }
    const lexical = settings.lexical ?? 'none';
    if (lexical !== 'none' && lexical !== 'tfidf') throw new RangeError(`RewardModel: lexical must be 'none' or 'tfidf', got ${JSON.stringify(lexical)}.`);
    if ((lexical === 'tfidf') !== Boolean(head.lexical && tfidf)) {
      throw new Error(`RewardModel: lexical '${lexical}' ${lexical === 'tfidf' ? 'needs' : 'must not have'} the score.lexical weights and a TF-IDF table.`);
    }
    if (head.lexical && head.lexical.shape.join() !== `${LEXICAL_FEATURE_COUNT},1`) throw new Error(`RewardModel: score.lexical has shape [${head.lexical.shape}], expected [${LEXICAL_FEATURE_COUNT}, 1].`);
    this.tfidf = tfidf;
    this.settings = { maxLength, pooling, emptyScore, interaction, lexical };
  }

  /**
   * A new reward model: a fresh backbone (or the one given, e.g. an SFT model) and a new head.
   *
   * @example
   * ```ts
   * const rm = RewardModel.create({ tokenizer: tok, backbone: { dModel: 64, nLayer: 2, nHead: 4, contextLength: 192 }, seed: 1 });
   * ```
   */
  static create(options: CreateRewardModelOptions): RewardModel {
    const seed = options.seed ?? 1337;
    const backbone =
      options.backbone instanceof GPT
        ? options.backbone
        : GPT.create({ vocabSize: options.tokenizer.vocabSize, ...(options.backbone ?? {}) } as GptConfigInput, { seed });
    const C = backbone.config.dModel;
    const id = instances++;
    const head: RewardHead = {
      weight: tf.variable(randomNormalTensor(new Rng(seed).fork('score.weight'), [C, 1], 0.02), true, `rm${id}/score.weight`),
      bias: tf.variable(tf.zeros([1]), true, `rm${id}/score.bias`),
    };
    if (options.interaction === 'maxsim') {
      head.interaction = tf.variable(tf.fill([1], 4), true, `rm${id}/score.interaction`);
      head.gate = tf.variable(tf.zeros([C, 1]), true, `rm${id}/score.gate`);
    }
    let tfidf: TfidfModel | undefined;
    if (options.lexical === 'tfidf') {
      const corpus = options.lexicalCorpus;
      if (!corpus) throw new Error("RewardModel.create: lexical: 'tfidf' needs lexicalCorpus (the training texts, e.g. rows.flatMap((r) => [r.cv, r.jd]), or a fitted TF-IDF model) to fit its IDF table on.");
      tfidf = isTfidfModel(corpus) ? corpus : fitTfidf(corpus);
      head.lexical = tf.variable(tf.zeros([LEXICAL_FEATURE_COUNT, 1]), true, `rm${id}/score.lexical`);
    }
    return new RewardModel(
      backbone,
      options.tokenizer,
      head,
      withoutUndefined({ maxLength: options.maxLength, pooling: options.pooling, emptyScore: options.emptyScore, interaction: options.interaction, lexical: options.lexical }),
      tfidf,
    );
  }

  /**
   * A reward model on the backbone and tokenizer of an SFT checkpoint (@girl/generator's trainer), with a
   * new head — as RLHF reward models start from the SFT model.
   *
   * @example
   * ```ts
   * const rm = await RewardModel.fromSftCheckpoint('runs/7/sft/best', { maxLength: 256 });
   * ```
   */
  static async fromSftCheckpoint(dir: string, options: Omit<CreateRewardModelOptions, 'tokenizer' | 'backbone'> = {}): Promise<RewardModel> {
    const { model, tokenizer } = await loadModelFromCheckpoint(dir);
    return RewardModel.create({ ...options, tokenizer, backbone: model });
  }

  /** Every trainable variable: the backbone's (HF GPT-2 names) plus `score.weight`, `score.bias`. */
  get params(): Record<string, Variable> {
    const p: Record<string, Variable> = { ...this.backbone.params, 'score.weight': this.head.weight, 'score.bias': this.head.bias };
    if (this.head.interaction) p['score.interaction'] = this.head.interaction;
    if (this.head.gate) p['score.gate'] = this.head.gate;
    if (this.head.lexical) p['score.lexical'] = this.head.lexical;
    return p;
  }

  /**
   * Encodes one pair with this model's settings (see {@link encodeRmPair}), with its lexical features when
   * the model has a lexical head. `maxLength` (≤ the model's) gives a shorter budget, e.g. for training.
   */
  encode(cv: unknown, jd: unknown, options: { maxLength?: number } = {}): RmExample {
    const e = encodeRmPair(this.tokenizer, cv, jd, { maxLength: options.maxLength ?? this.settings.maxLength });
    if (this.tfidf) e.lexical = lexicalFeatures(this.tfidf, cv, jd);
    return e;
  }

  /** Right-pads encoded pairs into a batch. */
  collate(examples: readonly RmExample[]): RmBatch {
    return collateRm(examples, this.padId);
  }

  /**
   * Logits `[B]` of a batch, as a tensor (differentiable: the trainer calls it inside `variableGrads`).
   * Pass `rng` to train with the backbone's dropout.
   */
  logits(batch: RmBatch, options: { training?: boolean; rng?: Rng } = {}): Tensor {
    const [B, T] = batch.shape;
    const ids = tf.tensor2d(batch.ids, [B, T], 'int32');
    const fwd = options.training && options.rng ? { training: true, rng: options.rng } : {};
    const hidden = this.backbone.forwardHidden(ids, fwd); // [B, T, C] (right padding: causality hides it)
    const w = tf.tensor3d(poolingWeights(batch.lengths, T, this.settings.pooling), [B, T, 1]); // [B, T, 1]
    const pooled = tf.sum(tf.mul(hidden, w), 1); // [B, C]
    let out = tf.reshape(linear(pooled, this.head.weight, this.head.bias), [B]); // [B]
    if (this.head.lexical) {
      if (!batch.lexical) throw new Error('RewardModel.logits: this model has a lexical head but the batch has no lexical features; encode pairs with model.encode() and batch them with model.collate().');
      const x = tf.tensor2d(batch.lexical, [B, LEXICAL_FEATURE_COUNT]); // [B, F], each in [0, 1]
      out = tf.add(out, tf.mul(tf.reshape(matmul(x, this.head.lexical), [B]), LEXICAL_SCALE)); // [B]
    }
    if (!this.head.interaction) return out;
    // late interaction: each JD token's best cosine match among the CV tokens, averaged over the JD with
    // a learned contextual gate. Per row with 2-D matmuls over the real spans only (batched 3-D matmuls and
    // their transposed gradients are tfjs-wasm's slow path).
    const e = embedding(ids, this.backbone.params['transformer.wte.weight'] as Variable); // [B, T, C] token embeddings
    const en = tf.div(e, tf.sqrt(tf.add(tf.sum(tf.square(e), -1, true), 1e-6))); // [B, T, C] unit rows
    const gate = tf.sigmoid(tf.reshape(linear(hidden, this.head.gate as Variable), [B, T])); // [B, T], 0.5 at start
    const C = this.backbone.config.dModel;
    const rows: Tensor[] = [];
    for (let b = 0; b < B; b++) {
      const cv = batch.cvLengths[b] as number;
      const jd = batch.jdLengths[b] as number;
      if (cv === 0 || jd === 0) {
        rows.push(tf.zeros([1]));
        continue;
      }
      const q = tf.reshape(tf.slice(en, [b, cv + 4, 0], [1, jd, C]), [jd, C]); // [Lj, C] JD tokens
      const k = tf.reshape(tf.slice(en, [b, 2, 0], [1, cv, C]), [cv, C]); // [Lc, C] CV tokens
      const best = tf.max(matmul(q, tf.transpose(k)), 1); // [Lj]
      const g = tf.reshape(tf.slice(gate, [b, cv + 4], [1, jd]), [jd]); // [Lj]
      rows.push(tf.reshape(tf.div(tf.sum(tf.mul(best, g)), tf.sum(g)), [1]));
    }
    const maxsim = tf.concat(rows, 0); // [B]
    return tf.add(out, tf.mul(maxsim, this.head.interaction));
  }

  /**
   * Scores pairs with a report of empty, invalid, truncated and non-finite rows. Never throws on text
   * content; throws only when `cvs` and `jds` differ in length.
   *
   * @example
   * ```ts
   * const { scores, warnings } = await rm.scoreWithReport([cv, ''], [jd, jd]);
   * warnings; // [{ index: 1, kind: 'empty-cv', message: '…' }]
   * ```
   */
  async scoreWithReport(cvs: readonly unknown[], jds: readonly unknown[], options: ScoreOptions = {}): Promise<ScoreReport> {
    if (cvs.length !== jds.length) throw new RangeError(`RewardModel.score: ${cvs.length} CVs but ${jds.length} JDs; pass one JD per CV.`);
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`RewardModel.score: batchSize must be a positive integer, got ${batchSize}.`);
    const n = cvs.length;
    const warnings: ScoreWarning[] = [];
    const examples = cvs.map((cv, i) => this.encode(cv, jds[i]));
    const scores = new Array<number>(n).fill(NaN);
    const fixed = this.settings.emptyScore;
    const toRun: number[] = [];
    examples.forEach((e, i) => {
      const notString = typeof cvs[i] !== 'string' || typeof jds[i] !== 'string';
      if (notString) warnings.push({ index: i, kind: 'not-a-string', message: `row ${i}: the CV or JD is ${typeof cvs[i] !== 'string' ? typeof cvs[i] : typeof jds[i]}, not a string; scored as empty text.` });
      else if (e.emptyCv) warnings.push({ index: i, kind: 'empty-cv', message: `row ${i}: the CV is empty.` });
      else if (e.emptyJd) warnings.push({ index: i, kind: 'empty-jd', message: `row ${i}: the JD is empty.` });
      const empty = notString || e.emptyCv || e.emptyJd;
      if (empty) this.stats.empty++;
      if (empty && fixed !== 'model') scores[i] = fixed;
      else toRun.push(i);
    });
    // length-sorted batches: little padding, same results as any other grouping
    toRun.sort((a, b) => (examples[a] as RmExample).ids.length - (examples[b] as RmExample).ids.length);
    for (let s = 0; s < toRun.length; s += batchSize) {
      const rows = toRun.slice(s, s + batchSize);
      const batch = this.collate(rows.map((i) => examples[i] as RmExample));
      const out = tf.tidy(() => this.logits(batch));
      const values = await out.data();
      out.dispose();
      rows.forEach((i, k) => {
        scores[i] = values[k] as number;
      });
      if (s + batchSize < toRun.length) await new Promise((r) => setImmediate(r)); // let other work (PPO's event loop) run
    }
    const emptyFallback = fixed === 'model' ? DEFAULT_EMPTY_SCORE : fixed;
    scores.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        warnings.push({ index: i, kind: 'non-finite', message: `row ${i}: the model gave ${v}; replaced by ${emptyFallback}. Check the weights (a diverged checkpoint?).` });
        scores[i] = emptyFallback;
        this.stats.nonFinite++;
      }
    });
    const truncatedCv = examples.filter((e) => e.cvTruncated > 0).length;
    const truncatedJd = examples.filter((e) => e.jdTruncated > 0).length;
    this.stats.scored += n;
    this.stats.truncatedCv += truncatedCv;
    this.stats.truncatedJd += truncatedJd;
    warnings.sort((a, b) => a.index - b.index);
    return { scores, probabilities: scores.map(sigmoid), warnings, truncatedCv, truncatedJd };
  }

  /**
   * Raw reward logits for `(cvs[i], jds[i])` pairs, in batches.
   *
   * @example
   * ```ts
   * const rewards = await rm.score(cvs, generatedJds, { batchSize: 16 });
   * ```
   */
  async score(cvs: readonly string[], jds: readonly string[], options: ScoreOptions = {}): Promise<number[]> {
    return (await this.scoreWithReport(cvs, jds, options)).scores;
  }

  /**
   * P(match) = σ(logit) for each pair.
   *
   * @example
   * ```ts
   * const [p] = await rm.probability([cv], [jd]); // e.g. 0.93
   * ```
   */
  async probability(cvs: readonly string[], jds: readonly string[], options: ScoreOptions = {}): Promise<number[]> {
    return (await this.scoreWithReport(cvs, jds, options)).probabilities;
  }

  /**
   * A reward function of text for PPO. Calls made in the same tick (e.g. `Promise.all` over a rollout
   * batch) are scored together in batches of `batchSize`.
   *
   * @example
   * ```ts
   * const reward = rm.rewardFn({ onWarnings: (w) => log.warn(w) });
   * const rs = await Promise.all(rollouts.map((r) => reward(r.cv, r.jd)));
   * ```
   */
  rewardFn(options: RewardFnOptions = {}): RewardFn {
    let queue: { cv: string; jd: string; resolve: (v: number) => void; reject: (e: unknown) => void }[] = [];
    const flush = async () => {
      const items = queue;
      queue = [];
      try {
        const report = await this.scoreWithReport(
          items.map((q) => q.cv),
          items.map((q) => q.jd),
          options,
        );
        if (report.warnings.length > 0) options.onWarnings?.(report.warnings);
        const out = options.output === 'probability' ? report.probabilities : report.scores;
        items.forEach((q, i) => q.resolve(out[i] as number));
      } catch (e) {
        items.forEach((q) => q.reject(e));
      }
    };
    return (cv: string, jd: string) =>
      new Promise<number>((resolve, reject) => {
        queue.push({ cv, jd, resolve, reject });
        if (queue.length === 1) setImmediate(() => void flush());
      });
  }

  /**
   * Saves weights (backbone + head), tokenizer and settings into a crash-safe checkpoint folder.
   *
   * @example
   * ```ts
   * await rm.save('runs/7/rm');
   * ```
   */
  async save(dir: string): Promise<void> {
    await saveCheckpoint(dir, {
      tensors: this.params,
      json: this.stateJson(),
      files: {
        'tokenizer.girl.json': JSON.stringify(this.tokenizer.toJSON()),
        ...(this.tfidf ? { 'lexical-tfidf.json': JSON.stringify(this.tfidf.toJSON()) } : {}),
      },
    });
  }

  /** The JSON stored beside the weights (format, version, backbone config, settings). */
  stateJson(): { format: string; version: number; backbone: GptConfig; settings: RewardModelSettings } {
    return { format: RM_FORMAT, version: this.settings.lexical === 'none' ? 1 : RM_FORMAT_VERSION, backbone: this.backbone.config, settings: { ...this.settings } };
  }

  /**
   * Loads a model saved by {@link RewardModel.save} or a reward-training checkpoint (`<dir>/best`, `<dir>/last`).
   *
   * @throws Error naming the folder when it is not a reward model, or a file is missing or corrupt.
   * @example
   * ```ts
   * const rm = await RewardModel.load('runs/7/rm/best');
   * ```
   */
  static async load(dir: string): Promise<RewardModel> {
    const ck = await loadCheckpoint(dir);
    tf.dispose(Object.values(ck.optimizer ?? {}));
    const json = ck.json as Partial<ReturnType<RewardModel['stateJson']>> | undefined;
    const fail = (why: string): never => {
      tf.dispose(Object.values(ck.tensors));
      throw new Error(`RewardModel.load('${dir}'): ${why}`);
    };
    if (!json || json.format !== RM_FORMAT) return fail(`state.json has format ${JSON.stringify(json?.format)}, expected '${RM_FORMAT}'; is this a reward model saved by @girl/reward?`);
    if (!READABLE_VERSIONS.includes(json.version as number)) return fail(`format version ${String(json.version)} is not supported (this release reads ${READABLE_VERSIONS.join(' and ')}); upgrade @girl/reward.`);
    const unknownSettings = Object.keys(json.settings ?? {}).filter((k) => !KNOWN_SETTINGS.includes(k));
    const unknownHead = Object.keys(ck.tensors).filter((k) => k.startsWith('score.') && !KNOWN_HEAD.includes(k));
    if (unknownSettings.length + unknownHead.length > 0) {
      return fail(`it has ${[...unknownSettings.map((k) => `setting '${k}'`), ...unknownHead.map((k) => `head weight '${k}'`)].join(', ')} that this release does not know; it was saved by a newer @girl/reward — upgrade rather than score without them.`);
    }
    const tokFile = ck.files['tokenizer.girl.json'];
    if (!tokFile) return fail('tokenizer.girl.json is missing.');
    const tokenizer = Tokenizer.fromJSON(JSON.parse(new TextDecoder().decode(tokFile)));
    const { 'score.weight': w, 'score.bias': b, 'score.interaction': a, 'score.gate': gt, 'score.lexical': lx, ...rest } = ck.tensors;
    let tfidf: TfidfModel | undefined;
    const tfidfFile = ck.files['lexical-tfidf.json'];
    if (json.settings?.lexical === 'tfidf') {
      if (!tfidfFile || !lx) return fail("the lexical head (lexical-tfidf.json, score.lexical) is missing though settings.lexical is 'tfidf'.");
      try {
        tfidf = tfidfFromJSON(JSON.parse(new TextDecoder().decode(tfidfFile)));
      } catch (e) {
        return fail(`lexical-tfidf.json is corrupt: ${(e as Error).message}`);
      }
    }
    if (!w || !b) return fail('the head (score.weight, score.bias) is missing.');
    const cfg = resolveGptConfig(json.backbone as GptConfig);
    const backbone = GPT.fromTensors(cfg, rest, { dispose: true });
    const id = instances++;
    const head: RewardHead = { weight: tf.variable(w, true, `rm${id}/score.weight`), bias: tf.variable(b, true, `rm${id}/score.bias`) };
    if (a) head.interaction = tf.variable(a, true, `rm${id}/score.interaction`);
    if (gt) head.gate = tf.variable(gt, true, `rm${id}/score.gate`);
    if (lx && tfidf) head.lexical = tf.variable(lx, true, `rm${id}/score.lexical`);
    tf.dispose([w, b, ...(a ? [a] : []), ...(gt ? [gt] : []), ...(lx ? [lx] : [])]);
    return new RewardModel(backbone, tokenizer, head, json.settings ?? {}, tfidf);
  }

  /** Frees the weights. */
  dispose(): void {
    this.backbone.dispose();
    tf.dispose([this.head.weight, this.head.bias, ...[this.head.interaction, this.head.gate, this.head.lexical].filter((v): v is Variable => v !== undefined)]);
  }
}

let instances = 0;
const KNOWN_SETTINGS = ['maxLength', 'pooling', 'emptyScore', 'interaction', 'lexical'];
const KNOWN_HEAD = ['score.weight', 'score.bias', 'score.interaction', 'score.gate', 'score.lexical'];

function isTfidfModel(x: Iterable<string> | TfidfModel): x is TfidfModel {
  return typeof (x as TfidfModel).coverage === 'function' && typeof (x as TfidfModel).toJSON === 'function';
}

function withoutUndefined<T extends object>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
