/**
 * The reward model: a GPT backbone from @girl/generator read over `<|bos|> <|cv|> cv <|sep|> <|jd|> jd
 * <|eos|>`, and a scalar head (`score.weight` [C, 1], `score.bias` [1]) on the hidden state of the last
 * token (or the mean of all tokens). Its output is a raw logit: σ(logit) is P(recruiter says "fits").
 *
 * It carries its own tokenizer, so callers pass text and get numbers back (a policy with another
 * tokenizer still gets rewards). Empty text is flagged and scored by a documented rule; over-long text is
 * cut and counted; nothing about a text's content makes scoring throw.
 *
 * This file is the model object; its parts live beside it: `settings.ts` (settings, report types, format
 * constants), `head.ts` and `maxsim.ts` (the head and its forward pass), `scoring.ts` (text in, scores
 * out), `persistence.ts` (save and load).
 */
import { fitTfidf } from '@girl/core';
import type { Rng, TfidfModel } from '@girl/core';
import { GPT, cloneModel, loadModelFromCheckpoint } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import type { GptConfigInput } from '@girl/generator';
import type { Tensor, Variable } from '@girl/tensor';
import { tf } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import { collateRm, encodeRmPair, rmTemplateIds } from './encode.js';
import type { RmBatch, RmExample } from './encode.js';
import { checkRewardHead, createRewardHead, headParams, rewardLogits } from './head.js';
import type { RewardHead } from './head.js';
import { lexicalFeatures } from './lexical.js';
import { loadRewardParts, saveRewardParts } from './persistence.js';
import type { RewardStateJson } from './persistence.js';
import { batchedRewardFn, scorePairs } from './scoring.js';
import { RM_FORMAT, RM_FORMAT_VERSION, resolveRewardSettings } from './settings.js';
import type { CreateRewardModelOptions, RewardFn, RewardFnOptions, RewardModelSettings, ScoreOptions, ScoreReport, ScoreStats } from './settings.js';

export { RM_FORMAT, RM_FORMAT_VERSION } from './settings.js';
export type { CreateRewardModelOptions, RewardFn, RewardFnOptions, RewardModelSettings, ScoreOptions, ScoreReport, ScoreStats, ScoreWarning } from './settings.js';
export type { RewardHead } from './head.js';

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
  readonly backbone: CausalLM;
  readonly tokenizer: Tokenizer;
  readonly settings: RewardModelSettings;
  /** The head: `score.weight` [C, 1], `score.bias` [1] and, with `interaction: 'maxsim'`, `score.interaction` [1]. */
  readonly head: RewardHead;
  /** Counters over every scoring call. */
  readonly stats: ScoreStats = { scored: 0, empty: 0, truncatedCv: 0, truncatedJd: 0, nonFinite: 0 };
  /** The IDF table of the lexical head (only with `lexical: 'tfidf'`). */
  readonly tfidf: TfidfModel | undefined;
  private readonly padId: number;

  /** Takes ownership of `backbone` and `head`: {@link dispose} frees them. */
  constructor(backbone: CausalLM, tokenizer: Tokenizer, head: RewardHead, settings: Partial<RewardModelSettings> = {}, tfidf?: TfidfModel) {
    this.settings = resolveRewardSettings(settings, backbone.config.contextLength);
    checkRewardHead(head, backbone.config.dModel, this.settings, tfidf);
    if (tokenizer.vocabSize > backbone.config.vocabSize) {
      throw new Error(`RewardModel: the tokenizer has ${tokenizer.vocabSize} ids but the backbone's vocabSize is ${backbone.config.vocabSize}; use the tokenizer the backbone was trained with.`);
    }
    this.backbone = backbone;
    this.tokenizer = tokenizer;
    this.head = head;
    this.padId = rmTemplateIds(tokenizer).pad;
    this.tfidf = tfidf;
  }

  /**
   * A new reward model: a fresh backbone, or a copy of the GPT given (e.g. an SFT model; with
   * `shareBackbone: true`, that model itself), and a new head.
   *
   * @example
   * ```ts
   * const rm = RewardModel.create({ tokenizer: tok, backbone: { dModel: 64, nLayer: 2, nHead: 4, contextLength: 192 }, seed: 1 });
   * const fromSft = RewardModel.create({ tokenizer: tok, backbone: sftModel }); // sftModel is left as it is
   * ```
   */
  static create(options: CreateRewardModelOptions): RewardModel {
    const seed = options.seed ?? 1337;
    let tfidf: TfidfModel | undefined;
    if (options.lexical === 'tfidf' || options.lexical === 'screen') {
      const corpus = options.lexicalCorpus;
      if (!corpus) throw new Error(`RewardModel.create: lexical: '${options.lexical}' needs lexicalCorpus (the training texts, e.g. rows.flatMap((r) => [r.cv, r.jd]), or a fitted TF-IDF model) to fit its IDF table on.`);
      tfidf = isTfidfModel(corpus) ? corpus : fitTfidf(corpus);
    }
    const given = options.backbone && typeof (options.backbone as CausalLM).forwardHidden === 'function' ? (options.backbone as CausalLM) : undefined;
    const backbone = given
      ? options.shareBackbone
        ? given
        : cloneModel(given)
      : GPT.create({ vocabSize: options.tokenizer.vocabSize, ...(options.backbone ?? {}) } as GptConfigInput, { seed });
    const head = createRewardHead(backbone.config.dModel, seed, { interaction: options.interaction === 'maxsim', lexical: options.lexical ?? 'none' });
    try {
      return new RewardModel(
        backbone,
        options.tokenizer,
        head,
        withoutUndefined({ maxLength: options.maxLength, pooling: options.pooling, emptyScore: options.emptyScore, interaction: options.interaction, lexical: options.lexical }),
        tfidf,
      );
    } catch (e) {
      tf.dispose(Object.values(headParams(head)));
      if (backbone !== given) backbone.dispose();
      throw e;
    }
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
  static async fromSftCheckpoint(dir: string, options: Omit<CreateRewardModelOptions, 'tokenizer' | 'backbone' | 'shareBackbone'> = {}): Promise<RewardModel> {
    const { model, tokenizer } = await loadModelFromCheckpoint(dir);
    // the loaded model exists only for this reward model: hand it over rather than copy it
    return RewardModel.create({ ...options, tokenizer, backbone: model, shareBackbone: true });
  }

  /** Every trainable variable: the backbone's (HF GPT-2 names) plus `score.weight`, `score.bias`. */
  get params(): Record<string, Variable> {
    return { ...this.backbone.params, ...headParams(this.head) };
  }

  /**
   * Encodes one pair with this model's settings (see {@link encodeRmPair}), with its lexical features when
   * the model has a lexical head. `maxLength` (≤ the model's) gives a shorter budget, e.g. for training.
   */
  encode(cv: unknown, jd: unknown, options: { maxLength?: number } = {}): RmExample {
    const e = encodeRmPair(this.tokenizer, cv, jd, { maxLength: options.maxLength ?? this.settings.maxLength });
    if (this.tfidf && this.settings.lexical !== 'none') e.lexical = lexicalFeatures(this.tfidf, cv, jd, this.settings.lexical);
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
    return rewardLogits(this.backbone, this.head, this.settings, batch, options);
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
    return scorePairs(this, cvs, jds, options);
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
    return batchedRewardFn(this, options);
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
    await saveRewardParts(dir, { params: this.params, tokenizer: this.tokenizer, tfidf: this.tfidf, json: this.stateJson() });
  }

  /** The JSON stored beside the weights (format, version, backbone config, settings). */
  stateJson(): RewardStateJson {
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
    const { backbone, tokenizer, head, settings, tfidf } = await loadRewardParts(dir);
    return new RewardModel(backbone, tokenizer, head, settings, tfidf);
  }

  /** Frees the weights (backbone and head). */
  dispose(): void {
    this.backbone.dispose();
    tf.dispose(Object.values(headParams(this.head)));
  }
}

function isTfidfModel(x: Iterable<string> | TfidfModel): x is TfidfModel {
  return typeof (x as TfidfModel).coverage === 'function' && typeof (x as TfidfModel).toJSON === 'function';
}

function withoutUndefined<T extends object>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
