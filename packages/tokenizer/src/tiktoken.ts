/**
 * Import of tiktoken vocabularies (OpenAI's `.tiktoken` rank files, or the `bpe_ranks` string that
 * `js-tiktoken` ships), so GPT-2, cl100k_base or o200k_base can run through this library.
 *
 * tiktoken has no merge list: it repeatedly joins the adjacent pair whose concatenation has the lowest
 * rank. That is BPE where every split `(left, right)` of a token `t` with both halves in the vocabulary
 * is a merge of rank `rank(t)`, which is how the merges are derived here; the ids then match tiktoken's.
 *
 * @example
 * ```ts
 * import gpt2 from 'js-tiktoken/ranks/gpt2';
 * const tok = Tokenizer.fromTiktoken({ ranks: gpt2.bpe_ranks, pattern: gpt2.pat_str, specialTokens: gpt2.special_tokens });
 * ```
 * @module
 */

import { TokenizerError, describe } from './errors.js';
import type { AddedToken } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

/** Options of `Tokenizer.fromTiktoken`. */
export interface TiktokenOptions {
  /** A `.tiktoken` file's text (`<base64> <rank>` per line) or js-tiktoken's `bpe_ranks` string. */
  ranks: string;
  /** The pre-tokenisation pattern (`pat_str`). */
  pattern: string;
  /** Special tokens and their ids, e.g. `{ '<|endoftext|>': 50256 }`. */
  specialTokens?: Record<string, number>;
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Parses rank files into id -> bytes. */
function parseRanks(text: string): Uint8Array[] {
  const tokens: Uint8Array[] = [];
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!.trim();
    if (line === '') continue;
    const parts = line.split(' ');
    try {
      if (parts.length === 2) {
        const rank = Number(parts[1]);
        if (!Number.isInteger(rank) || rank < 0) throw new Error(`rank ${describe(parts[1])}`);
        tokens[rank] = base64ToBytes(parts[0]!);
      } else {
        // js-tiktoken: "<name> <offset> <token> <token> ..." with ranks offset, offset + 1, ...
        const offset = Number(parts[1]);
        if (!Number.isInteger(offset) || offset < 0) throw new Error(`offset ${describe(parts[1])}`);
        for (let i = 2; i < parts.length; i++) tokens[offset + i - 2] = base64ToBytes(parts[i]!);
      }
    } catch (e) {
      throw new TokenizerError('invalid-file', `tiktoken ranks, line ${ln + 1}: cannot read it (${(e as Error).message}); expected "<base64 token> <rank>".`);
    }
  }
  return tokens;
}

/** Builds tokenizer data from a tiktoken vocabulary. */
export function dataFromTiktoken(options: TiktokenOptions): TokenizerData {
  if (options === null || typeof options !== 'object' || typeof options.ranks !== 'string' || typeof options.pattern !== 'string') {
    throw new TokenizerError('invalid-input', `fromTiktoken: expected { ranks: string, pattern: string } but got ${describe(options)}.`);
  }
  const tokens = parseRanks(options.ranks);
  const added: AddedToken[] = [];
  for (const [content, id] of Object.entries(options.specialTokens ?? {})) {
    if (!Number.isInteger(id) || id < 0) throw new TokenizerError('invalid-input', `fromTiktoken: special token ${JSON.stringify(content)} has id ${describe(id)}.`);
    if (tokens[id] !== undefined) throw new TokenizerError('invalid-input', `fromTiktoken: special token ${JSON.stringify(content)} has id ${id}, which the ranks already use.`);
    tokens[id] = encodeWtf8(content);
    added.push({ id, content, special: true });
  }
  for (let id = 0; id < tokens.length; id++) if (tokens[id] === undefined) tokens[id] = new Uint8Array(0);
  const specialIds = new Set(added.map((t) => t.id));
  const idOf = new Map<string, number>();
  tokens.forEach((t, id) => {
    if (!specialIds.has(id) && t.length > 0) idOf.set(latin1(t), id);
  });
  const triples: number[] = [];
  const ranks: number[] = [];
  tokens.forEach((t, id) => {
    if (specialIds.has(id) || t.length < 2) return;
    const key = latin1(t);
    for (let k = 1; k < key.length; k++) {
      const a = idOf.get(key.slice(0, k));
      const b = idOf.get(key.slice(k));
      if (a !== undefined && b !== undefined) {
        triples.push(a, b, id);
        ranks.push(id);
      }
    }
  });
  return { tokens, merges: Int32Array.from(triples), ranks: Int32Array.from(ranks), pattern: options.pattern, normalizers: [], added: added.sort((x, y) => x.id - y.id), ignoreMerges: false };
}
