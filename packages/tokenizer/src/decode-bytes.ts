/** Ids → bytes: the concatenated bytes of each id's token, special tokens optionally left out. */
import { TokenizerError, describe } from './errors.js';

/**
 * The bytes `ids` stand for, concatenated (one allocation). Throws `unknown-token` naming the first id
 * outside `tokens`.
 *
 * @example
 * ```ts
 * concatTokenBytes([Uint8Array.of(104), Uint8Array.of(105)], new Set(), [0, 1], false); // bytes of 'hi'
 * ```
 */
export function concatTokenBytes(tokens: readonly Uint8Array[], specialIds: ReadonlySet<number>, ids: ArrayLike<number>, skipSpecial: boolean): Uint8Array {
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new TokenizerError('invalid-input', `decode(ids): expected an array of ids but got ${describe(ids)}.`);
  }
  // 1. the total length (and every id checked) first
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const t = tokens[id];
    if (t === undefined) {
      throw new TokenizerError('unknown-token', `decode(ids): ids[${i}] = ${describe(id)} is not in the vocabulary (ids are integers 0..${tokens.length - 1}).`);
    }
    if (!(skipSpecial && specialIds.has(id))) total += t.length;
  }
  // 2. one copy per token
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (skipSpecial && specialIds.has(id)) continue;
    const t = tokens[id]!;
    out.set(t, at);
    at += t.length;
  }
  return out;
}
