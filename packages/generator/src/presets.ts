import type { GptConfig } from './config.js';

/** A model shape without the vocabulary (which comes from the tokenizer). */
export type GptPreset = Omit<GptConfig, 'vocabSize'>;

/**
 * Model presets (nanoGPT keeps these in `config/`; here they are data, apart from the model code).
 *
 * - `tiny`: d_model 128, 4 layers, 4 heads, context 256 — 0.8 M parameters plus embeddings (1.08 M in all at vocab 2000); trains
 *   usefully in a few minutes on 2 CPU cores with the wasm backend (synthetic market, ~200-token pairs).
 * - `small`: d_model 384, 6 layers, 6 heads, context 512 — nanoGPT's "baby GPT" (Shakespeare char);
 *   11.6 M parameters at vocab 2000; a GPU (tfjs-node-gpu) or patience.
 * - `base`: d_model 768, 12 layers, 12 heads, context 1024 — GPT-2 small's shape (~85 M without
 *   embeddings); GPU only.
 *
 * @example
 * ```ts
 * const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed: 1 });
 * ```
 */
export const PRESETS = {
  tiny: { contextLength: 256, dModel: 128, nLayer: 4, nHead: 4, mlpRatio: 4, dropout: 0, tiedHead: true, layerNormEps: 1e-5 },
  small: { contextLength: 512, dModel: 384, nLayer: 6, nHead: 6, mlpRatio: 4, dropout: 0.1, tiedHead: true, layerNormEps: 1e-5 },
  base: { contextLength: 1024, dModel: 768, nLayer: 12, nHead: 12, mlpRatio: 4, dropout: 0.1, tiedHead: true, layerNormEps: 1e-5 },
} as const satisfies Record<string, GptPreset>;

/** The names of {@link PRESETS}. */
export type PresetName = keyof typeof PRESETS;
