/**
 * The decoder's configuration (after nanoGPT's `GPTConfig`): every field with its default and why.
 * Presets (`tiny`, `small`, `base`) live apart from the code, in `presets.ts`.
 */

/** A GPT-style decoder's shape. Only `vocabSize` is required; see {@link resolveGptConfig}. */
export interface GptConfig {
  /** Token ids the model reads and writes: the tokenizer's `vocabSize`. Required (no sensible default). */
  vocabSize: number;
  /**
   * Longest sequence (prompt + generated tokens) the model sees: the size of the position table.
   * Default `256`: a CV prompt (~100–200 tokens) plus a JD fits, and attention cost stays small on CPU.
   */
  contextLength: number;
  /** Width of the residual stream. Default `128` (the `tiny` preset): trains in minutes on 2 CPU cores. */
  dModel: number;
  /** Transformer blocks. Default `4`. */
  nLayer: number;
  /** Attention heads; must divide `dModel`. Default `4` (head size 32). */
  nHead: number;
  /** MLP hidden width as a multiple of `dModel`. Default `4`, as in GPT-2 and nanoGPT. */
  mlpRatio: number;
  /**
   * Dropout on the embeddings, the attention output and the MLP output during training. Default `0`:
   * nanoGPT's default, best for short runs and fine-tuning; try `0.1` for long runs on small data.
   * (Attention-probability dropout is not applied: the fused attention op has no dropout.)
   */
  dropout: number;
  /**
   * Share the token embedding with the output head (`logits = h · wteᵀ`). Default `true`, as GPT-2 and
   * nanoGPT: fewer parameters and slightly better small models.
   */
  tiedHead: boolean;
  /** LayerNorm epsilon. Default `1e-5` (GPT-2's `layer_norm_epsilon`), so exported weights load in HF. */
  layerNormEps: number;
}

/** {@link GptConfig} with every field but `vocabSize` optional. */
export type GptConfigInput = Partial<GptConfig> & Pick<GptConfig, 'vocabSize'>;

/** Defaults of every optional {@link GptConfig} field. */
export const DEFAULT_GPT_CONFIG: Omit<GptConfig, 'vocabSize'> = {
  contextLength: 256,
  dModel: 128,
  nLayer: 4,
  nHead: 4,
  mlpRatio: 4,
  dropout: 0,
  tiedHead: true,
  layerNormEps: 1e-5,
};

/** A config that is not valid; the message names the field, the value and the fix. */
export class GptConfigError extends Error {
  override name = 'GptConfigError';
}

function positiveInt(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new GptConfigError(`GptConfig.${name} must be a positive integer, got ${JSON.stringify(v)}.`);
  }
}

/**
 * Fills in defaults and checks a config.
 *
 * @throws GptConfigError naming the bad field (e.g. `nHead` not dividing `dModel`).
 * @example
 * ```ts
 * const cfg = resolveGptConfig({ vocabSize: tok.vocabSize, ...PRESETS.tiny });
 * cfg.dModel; // 128
 * ```
 */
export function resolveGptConfig(input: GptConfigInput): GptConfig {
  const cfg: GptConfig = { ...DEFAULT_GPT_CONFIG, ...stripUndefined(input) } as GptConfig;
  for (const k of ['vocabSize', 'contextLength', 'dModel', 'nLayer', 'nHead'] as const) positiveInt(k, cfg[k]);
  if (!(typeof cfg.mlpRatio === 'number' && cfg.mlpRatio > 0 && Number.isInteger(cfg.mlpRatio * cfg.dModel))) {
    throw new GptConfigError(`GptConfig.mlpRatio must be > 0 with mlpRatio·dModel an integer, got ${cfg.mlpRatio}.`);
  }
  if (cfg.dModel % cfg.nHead !== 0) {
    throw new GptConfigError(`GptConfig.nHead (${cfg.nHead}) must divide dModel (${cfg.dModel}); e.g. dModel ${cfg.nHead * Math.ceil(cfg.dModel / cfg.nHead)}.`);
  }
  if (!(cfg.dropout >= 0 && cfg.dropout < 1)) throw new GptConfigError(`GptConfig.dropout must be in [0, 1), got ${cfg.dropout}.`);
  if (typeof cfg.tiedHead !== 'boolean') throw new GptConfigError(`GptConfig.tiedHead must be a boolean, got ${JSON.stringify(cfg.tiedHead)}.`);
  if (!(cfg.layerNormEps > 0)) throw new GptConfigError(`GptConfig.layerNormEps must be > 0, got ${cfg.layerNormEps}.`);
  return cfg;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Parameter count of a config (embeddings included, tied head counted once).
 *
 * @example
 * ```ts
 * countParameters(resolveGptConfig({ vocabSize: 2000 })); // 1,082,112 (tiny)
 * ```
 */
export function countParameters(cfg: GptConfig): number {
  const { vocabSize: V, contextLength: T, dModel: C, nLayer: L, mlpRatio } = cfg;
  const H = mlpRatio * C;
  const block = 2 * 2 * C + (C * 3 * C + 3 * C) + (C * C + C) + (C * H + H) + (H * C + C);
  return V * C + T * C + L * block + 2 * C + (cfg.tiedHead ? 0 : V * C);
}
