/** The GPT's parameter names (Hugging Face GPT-2's) and shapes for a config. */
import type { GptConfig } from '../config.js';

/**
 * Every parameter's name and shape for a config, in a stable order (HF GPT-2 names; `lm_head.weight`
 * only when the head is untied).
 *
 * @example
 * ```ts
 * parameterShapes(cfg)['transformer.h.0.attn.c_attn.weight']; // [C, 3C]
 * ```
 */
export function parameterShapes(cfg: GptConfig): Record<string, number[]> {
  const { vocabSize: V, contextLength: T, dModel: C, nLayer: L } = cfg;
  const F = Math.round(cfg.mlpRatio * C);
  const s: Record<string, number[]> = { 'transformer.wte.weight': [V, C], 'transformer.wpe.weight': [T, C] };
  for (let l = 0; l < L; l++) {
    const h = `transformer.h.${l}`;
    Object.assign(s, {
      [`${h}.ln_1.weight`]: [C],
      [`${h}.ln_1.bias`]: [C],
      [`${h}.attn.c_attn.weight`]: [C, 3 * C],
      [`${h}.attn.c_attn.bias`]: [3 * C],
      [`${h}.attn.c_proj.weight`]: [C, C],
      [`${h}.attn.c_proj.bias`]: [C],
      [`${h}.ln_2.weight`]: [C],
      [`${h}.ln_2.bias`]: [C],
      [`${h}.mlp.c_fc.weight`]: [C, F],
      [`${h}.mlp.c_fc.bias`]: [F],
      [`${h}.mlp.c_proj.weight`]: [F, C],
      [`${h}.mlp.c_proj.bias`]: [C],
    });
  }
  s['transformer.ln_f.weight'] = [C];
  s['transformer.ln_f.bias'] = [C];
  if (!cfg.tiedHead) s['lm_head.weight'] = [V, C];
  return s;
}
