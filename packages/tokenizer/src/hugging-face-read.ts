/**
 * Reading the parts of a tokenizer.json that every BPE flavour shares: objects, `model.vocab`,
 * `added_tokens` and `model.merges`, each checked with an error that names the field.
 *
 * @example
 * ```ts
 * const idOf = readVocab(obj(json.model, 'model'));
 * const merges = readMerges(obj(json.model, 'model'), idOf); // flat [a, b, result] triples
 * ```
 * @internal
 */
import { TokenizerError, describe } from './errors.js';
import type { AddedToken } from './special-tokens.js';

/** `value` as an object, or `invalid-file` naming `where`. */
export function obj(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TokenizerError('invalid-file', `tokenizer.json: ${where} should be an object but is ${describe(value)}.`);
  }
  return value as Record<string, unknown>;
}

/** `model.vocab` as token → id. */
export function readVocab(model: Record<string, unknown>): Map<string, number> {
  const vocab = obj(model.vocab, 'model.vocab');
  const idOf = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new TokenizerError('invalid-file', `tokenizer.json: model.vocab[${JSON.stringify(token)}] should be a non-negative integer id but is ${describe(id)}.`);
    idOf.set(token, id);
  }
  return idOf;
}

/** `added_tokens` (their lstrip, rstrip, single_word and normalized flags are not read), in file order. */
export function readAdded(root: Record<string, unknown>): AddedToken[] {
  const addedRaw = root.added_tokens ?? [];
  if (!Array.isArray(addedRaw)) throw new TokenizerError('invalid-file', `tokenizer.json: added_tokens should be an array but is ${describe(addedRaw)}.`);
  return addedRaw.map((t: unknown, i) => {
    const r = obj(t, `added_tokens[${i}]`);
    if (typeof r.id !== 'number' || !Number.isInteger(r.id) || r.id < 0 || typeof r.content !== 'string' || r.content === '') {
      throw new TokenizerError('invalid-file', `tokenizer.json: added_tokens[${i}] needs an integer id and non-empty content.`);
    }
    return { id: r.id, content: r.content, special: r.special !== false };
  });
}

/** `model.merges` (`"a b"` strings or `[a, b]` pairs) as flat `[a, b, result]` id triples in rank order. */
export function readMerges(model: Record<string, unknown>, idOf: ReadonlyMap<string, number>): Int32Array {
  if (!Array.isArray(model.merges)) throw new TokenizerError('invalid-file', `tokenizer.json: model.merges should be an array but is ${describe(model.merges)}.`);
  const merges = new Int32Array(model.merges.length * 3);
  model.merges.forEach((m: unknown, k) => {
    let pair: unknown[];
    if (typeof m === 'string') {
      const space = m.indexOf(' ', 1);
      pair = space < 0 ? [m] : [m.slice(0, space), m.slice(space + 1)];
    } else pair = Array.isArray(m) ? m : [];
    const [left, right] = pair;
    const a = typeof left === 'string' ? idOf.get(left) : undefined;
    const b = typeof right === 'string' ? idOf.get(right) : undefined;
    const c = typeof left === 'string' && typeof right === 'string' ? idOf.get(left + right) : undefined;
    if (pair.length !== 2 || a === undefined || b === undefined || c === undefined) {
      throw new TokenizerError('invalid-file', `tokenizer.json: model.merges[${k}] = ${JSON.stringify(m)} does not join two vocabulary tokens into a third.`);
    }
    merges[3 * k] = a;
    merges[3 * k + 1] = b;
    merges[3 * k + 2] = c;
  });
  return merges;
}
