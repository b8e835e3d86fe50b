/**
 * ReMax's baseline (Li et al. 2023): each CV's greedy response, scored by the same reward function. A
 * sampled JD then earns a positive advantage only when it beats what greedy decoding — the way GIRL writes
 * JDs for users — already produces for that CV.
 */
import { generateAnywhere } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { assertFiniteScores } from './rewards.js';
import type { PpoTokenizer, RewardFn } from './trainer-types.js';

/** The greedy responses' raw scores and whether each stopped at EOS, one per distinct CV of the batch. */
export interface GreedyBaseline {
  raw: number[];
  finished: boolean[];
}

/**
 * Greedy JDs for the batch's distinct CVs (rows 0, k, 2k, … of `cvs`, each CV being repeated `k` times in a
 * row) and their scores.
 *
 * @example
 * ```ts
 * const g = await greedyBaseline(policy, tok, reward, cvs, promptIds, 4, { maxNewTokens: 112, eosTokenId: 2, padTokenId: 0 });
 * g.raw.length === cvs.length / 4; // true
 * ```
 */
export async function greedyBaseline(
  policy: CausalLM,
  tokenizer: PpoTokenizer,
  reward: RewardFn,
  cvs: readonly string[],
  promptIds: readonly number[][],
  k: number,
  gen: { maxNewTokens: number; eosTokenId: number; padTokenId: number },
): Promise<GreedyBaseline> {
  const rows = cvs.map((_, i) => i).filter((i) => i % k === 0);
  const out = await generateAnywhere(policy, tokenizer, rows.map((i) => promptIds[i] as number[]), { ...gen, doSample: false, stopAtEos: true });
  const raw = await Promise.all(rows.map((i, j) => reward(cvs[i] as string, out.texts[j] as string)));
  assertFiniteScores(raw, (j) => `the greedy JD of CV ${j}`);
  return { raw, finished: [...out.finished] };
}
