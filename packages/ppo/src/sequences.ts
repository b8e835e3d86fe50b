/**
 * Response masks and the one padded layout every PPO forward pass uses.
 *
 * Layout of a batch of B (prompt, response) pairs, width P + R:
 * ```
 * [pad pad p p p | r r r EOS pad]    prompts LEFT-padded to P, responses RIGHT-padded to R
 *  0   0   1 1 1 | 1 1 1  1   0      attentionMask (0 on every pad)
 *                | 1 1 1  1   0      responseMask [B, R]: real response tokens, EOS included
 * ```
 * Left-padding prompts puts every response at the same column P, so the logits that predict the response
 * are one slice `[:, P−1 : P+R−1]` for the whole batch; the model's position ids start at 0 at each row's
 * first real token (`positionsFromMask`), so padding never shifts positions.
 */

/**
 * The response mask `[B, R]`: 1 through a row's first `eosId` (inclusive), 0 after it. Rows without EOS
 * are all 1 (they hit `maxNewTokens`). Optionally `padId` tokens BEFORE any EOS are padding too when
 * `treatPadAsEnd` (a response right-padded by someone else).
 *
 * @example
 * ```ts
 * responseMask(Int32Array.of(5, 2, 9,  5, 5, 5), 2, 3, 2); // [1, 1, 0,  1, 1, 1]  (eos = 2)
 * ```
 */
export function responseMask(tokens: ArrayLike<number>, B: number, R: number, eosId: number, padId?: number): Uint8Array {
  if (tokens.length !== B * R) throw new RangeError(`responseMask: tokens must have B·R = ${B * R} entries, got ${tokens.length}.`);
  const mask = new Uint8Array(B * R);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < R; t++) {
      const id = tokens[b * R + t] as number;
      if (padId !== undefined && id === padId && id !== eosId) break;
      mask[b * R + t] = 1;
      if (id === eosId) break;
    }
  }
  return mask;
}

/**
 * Index of each row's last real token (`−1` for an empty row): where the score goes.
 *
 * @example
 * ```ts
 * lastRealIndex(Uint8Array.of(1, 1, 0,  1, 1, 1), 2, 3); // [1, 2]
 * ```
 */
export function lastRealIndex(mask: ArrayLike<number>, B: number, R: number): Int32Array {
  const out = new Int32Array(B).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < R; t++) if ((mask[b * R + t] as number) > 0) out[b] = t;
  return out;
}

/** What {@link buildSequences} returns. */
export interface PaddedBatch {
  /** `[B, P + R]` int32 ids: prompts left-padded, responses right-padded. */
  ids: Int32Array;
  /** `[B, P + R]` 1 on real tokens (prompt and response), 0 on padding. */
  attentionMask: Float32Array;
  /** `[B, R]` response ids (`padId` after a row's end). */
  responses: Int32Array;
  /** `[B, R]` 1 on real response tokens. */
  responseMask: Float32Array;
  B: number;
  /** Longest prompt. */
  P: number;
  /** Longest response. */
  R: number;
}

/**
 * Packs prompts and responses into the {@link PaddedBatch} layout.
 *
 * @param responses each row's REAL response tokens (through EOS when it stopped)
 * @example
 * ```ts
 * const b = buildSequences([[1, 7], [1]], [[4, 2], [5]], 0);
 * b.ids;           // [1, 7, 4, 2,   0, 1, 5, 0]   (P = 2, R = 2)
 * b.attentionMask; // [1, 1, 1, 1,   0, 1, 1, 0]
 * ```
 */
export function buildSequences(prompts: readonly (readonly number[])[], responses: readonly (readonly number[])[], padId: number): PaddedBatch {
  const B = prompts.length;
  if (B === 0 || responses.length !== B) throw new RangeError(`buildSequences: need as many responses (${responses.length}) as prompts (${B}), at least one.`);
  const P = Math.max(...prompts.map((p) => p.length));
  const R = Math.max(1, ...responses.map((r) => r.length));
  if (prompts.some((p) => p.length === 0)) throw new RangeError('buildSequences: every prompt needs at least one token (e.g. <|bos|>).');
  const W = P + R;
  const ids = new Int32Array(B * W).fill(padId);
  const attentionMask = new Float32Array(B * W);
  const resp = new Int32Array(B * R).fill(padId);
  const rmask = new Float32Array(B * R);
  for (let b = 0; b < B; b++) {
    const p = prompts[b] as readonly number[];
    const r = responses[b] as readonly number[];
    ids.set(p, b * W + P - p.length);
    attentionMask.fill(1, b * W + P - p.length, b * W + P);
    ids.set(r, b * W + P);
    attentionMask.fill(1, b * W + P, b * W + P + r.length);
    resp.set(r, b * R);
    rmask.fill(1, b * R, b * R + r.length);
  }
  return { ids, attentionMask, responses: resp, responseMask: rmask, B, P, R };
}
