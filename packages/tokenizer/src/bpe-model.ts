/**
 * The BPE model: a vocabulary of byte strings and a ranked list of merges, and the loop that turns the
 * bytes of one pre-tokenised chunk into ids by applying the lowest-ranked merge first (leftmost on ties),
 * exactly as GPT-2, tiktoken and Hugging Face tokenizers do.
 *
 * @example
 * ```ts
 * // bytes are ids 0..255; merge 0 is (h, i) -> 256
 * const tokens = [...Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)), Uint8Array.of(104, 105)];
 * const model = new BpeModel(tokens, Int32Array.of(104, 105, 256));
 * const out: number[] = [];
 * model.encodeBytes(Uint8Array.of(104, 105, 33), 3, out); // out = [256, 33]
 * ```
 * @module
 */

import { TokenizerError } from './errors.js';
import { NO_MERGE, PairTable } from './pair-table.js';

/** Chunks longer than this many bytes use the heap-based merge loop (O(n log n) instead of O(n²)). */
const HEAP_THRESHOLD = 96;

function latin1Key(bytes: Uint8Array, len = bytes.length): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** A byte-level BPE vocabulary with its merges. Immutable once built. */
export class BpeModel {
  /** For each id, its bytes (special tokens have the UTF-8 of their text; the model never produces them). */
  readonly tokens: readonly Uint8Array[];
  /** Flat `[a, b, result]` triples in rank order. */
  readonly merges: Int32Array;
  /** When true, a chunk that is itself in the vocabulary becomes that one id without merging (Llama 3). */
  readonly ignoreMerges: boolean;
  /** The id of each single byte. */
  readonly byteToId: Int32Array;
  private readonly table: PairTable;
  private bytesIndex: Map<string, number> | undefined;
  private readonly specialIds: ReadonlySet<number>;
  private ids = new Int32Array(256);
  private ranks = new Int32Array(256);
  private slots = new Int32Array(256);

  /**
   * @param tokens id -> bytes for every id in the vocabulary.
   * @param merges flat `[a, b, result]` triples; a triple's index is its rank unless `ranks` is given.
   * @param options `ranks`: explicit rank per merge (several pairs may share one, as in tiktoken);
   *   `ignoreMerges`: see {@link BpeModel.ignoreMerges}; `specialIds`: ids that are not part of BPE;
   *   `byteLevel: false` for a model fed through {@link encodeIds} only (no need for all 256 byte tokens).
   */
  constructor(tokens: readonly Uint8Array[], merges: Int32Array, options: { ranks?: Int32Array; ignoreMerges?: boolean; specialIds?: ReadonlySet<number>; byteLevel?: boolean } = {}) {
    this.tokens = tokens;
    this.merges = merges;
    this.ignoreMerges = options.ignoreMerges ?? false;
    this.byteToId = new Int32Array(256).fill(-1);
    const specials = options.specialIds ?? new Set<number>();
    this.specialIds = specials;
    for (let id = 0; id < tokens.length; id++) {
      const t = tokens[id]!;
      if (t.length === 1 && !specials.has(id) && this.byteToId[t[0]!] === -1) this.byteToId[t[0]!] = id;
    }
    const missing = options.byteLevel === false ? -1 : this.byteToId.indexOf(-1);
    if (missing >= 0) {
      throw new TokenizerError('invalid-file', `vocabulary has no token for byte 0x${missing.toString(16).padStart(2, '0')}; a byte-level BPE vocabulary must contain all 256 single bytes so that any text can be encoded.`);
    }
    const n = merges.length / 3;
    this.table = new PairTable(n);
    for (let r = 0; r < n; r++) {
      const a = merges[3 * r]!;
      const b = merges[3 * r + 1]!;
      const c = merges[3 * r + 2]!;
      if (!(a >= 0 && a < tokens.length && b >= 0 && b < tokens.length && c >= 0 && c < tokens.length)) {
        throw new TokenizerError('invalid-file', `merge ${r} refers to ids (${a}, ${b}) -> ${c}, outside the vocabulary of ${tokens.length} tokens.`);
      }
      this.table.set(a, b, options.ranks ? options.ranks[r]! : r, c);
    }
  }

  /** Number of merges. */
  get mergeCount(): number {
    return this.merges.length / 3;
  }

  /** The non-special id whose bytes are exactly `bytes[0..len)`, or -1. */
  idOfBytes(bytes: Uint8Array, len = bytes.length): number {
    if (!this.bytesIndex) {
      this.bytesIndex = new Map();
      for (let id = 0; id < this.tokens.length; id++) {
        if (this.specialIds.has(id)) continue;
        const key = latin1Key(this.tokens[id]!);
        if (!this.bytesIndex.has(key)) this.bytesIndex.set(key, id);
      }
    }
    return this.bytesIndex.get(latin1Key(bytes, len)) ?? -1;
  }

  private grow(n: number): void {
    let size = this.ids.length;
    while (size < n) size *= 2;
    this.ids = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.slots = new Int32Array(size);
  }

  /** Encodes `bytes[0..len)` (one pre-tokenised chunk) and pushes its ids onto `out`. */
  encodeBytes(bytes: Uint8Array, len: number, out: number[]): void {
    const byteToId = this.byteToId;
    if (len === 1) {
      out.push(byteToId[bytes[0]!]!);
      return;
    }
    if (this.ignoreMerges) {
      const whole = this.idOfBytes(bytes, len);
      if (whole >= 0) {
        out.push(whole);
        return;
      }
    }
    if (len > HEAP_THRESHOLD) {
      const ids = new Int32Array(len);
      for (let i = 0; i < len; i++) ids[i] = byteToId[bytes[i]!]!;
      this.encodeLong(ids, len, out);
      return;
    }
    if (len > this.ids.length) this.grow(len);
    const ids = this.ids;
    for (let i = 0; i < len; i++) ids[i] = byteToId[bytes[i]!]!;
    this.mergeShort(len, out);
  }

  /**
   * Applies the merges to a sequence of starting ids (e.g. one id per character, as SentencePiece-style
   * BPE starts) and pushes the result onto `out`. `start` is not changed.
   */
  encodeIds(start: ArrayLike<number>, len: number, out: number[]): void {
    if (len <= 1) {
      if (len === 1) out.push(start[0]!);
      return;
    }
    if (len > HEAP_THRESHOLD) {
      this.encodeLong(Int32Array.from({ length: len }, (_, i) => start[i]!), len, out);
      return;
    }
    if (len > this.ids.length) this.grow(len);
    for (let i = 0; i < len; i++) this.ids[i] = start[i]!;
    this.mergeShort(len, out);
  }

  /** The quadratic merge loop over `this.ids[0..len)`, fastest for short chunks. */
  private mergeShort(len: number, out: number[]): void {
    const ids = this.ids;
    const ranks = this.ranks;
    const slots = this.slots;
    const table = this.table;
    let n = len;
    for (let i = 0; i + 1 < n; i++) {
      const s = table.find(ids[i]!, ids[i + 1]!);
      slots[i] = s;
      ranks[i] = s < 0 ? NO_MERGE : table.rank(s);
    }
    // Repeatedly merge the lowest-ranked adjacent pair (leftmost on ties).
    for (;;) {
      let best = NO_MERGE;
      let at = -1;
      for (let i = 0; i + 1 < n; i++) {
        const r = ranks[i]!;
        if (r < best) {
          best = r;
          at = i;
        }
      }
      if (at < 0) break;
      ids[at] = table.result(slots[at]!);
      // Remove position at+1.
      for (let i = at + 1; i + 1 < n; i++) {
        ids[i] = ids[i + 1]!;
        ranks[i] = ranks[i + 1]!;
        slots[i] = slots[i + 1]!;
      }
      n--;
      if (at > 0) {
        const s = table.find(ids[at - 1]!, ids[at]!);
        slots[at - 1] = s;
        ranks[at - 1] = s < 0 ? NO_MERGE : table.rank(s);
      }
      if (at + 1 < n) {
        const s = table.find(ids[at]!, ids[at + 1]!);
        slots[at] = s;
        ranks[at] = s < 0 ? NO_MERGE : table.rank(s);
      }
    }
    for (let i = 0; i < n; i++) out.push(ids[i]!);
  }

  /** The same merges as {@link encodeBytes}, with a linked list and a binary heap over (rank, position). */
  private encodeLong(ids: Int32Array, len: number, out: number[]): void {
    const table = this.table;
    const next = new Int32Array(len);
    const prev = new Int32Array(len);
    for (let i = 0; i < len; i++) {
      next[i] = i + 1 < len ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Heap entries: rank and position, ordered by rank then position.
    let heapRank = new Int32Array(len);
    let heapPos = new Int32Array(len);
    let size = 0;
    const push = (rank: number, pos: number): void => {
      if (size === heapRank.length) {
        const r2 = new Int32Array(size * 2);
        r2.set(heapRank);
        heapRank = r2;
        const p2 = new Int32Array(size * 2);
        p2.set(heapPos);
        heapPos = p2;
      }
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const pr = heapRank[parent]!;
        if (pr < rank || (pr === rank && heapPos[parent]! < pos)) break;
        heapRank[i] = pr;
        heapPos[i] = heapPos[parent]!;
        i = parent;
      }
      heapRank[i] = rank;
      heapPos[i] = pos;
    };
    const pop = (): void => {
      const rank = heapRank[--size]!;
      const pos = heapPos[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && (heapRank[c + 1]! < heapRank[c]! || (heapRank[c + 1] === heapRank[c] && heapPos[c + 1]! < heapPos[c]!))) c++;
        if (heapRank[c]! > rank || (heapRank[c] === rank && heapPos[c]! > pos)) break;
        heapRank[i] = heapRank[c]!;
        heapPos[i] = heapPos[c]!;
        i = c;
      }
      heapRank[i] = rank;
      heapPos[i] = pos;
    };
    for (let i = 0; i + 1 < len; i++) {
      const r = table.rankOf(ids[i]!, ids[i + 1]!);
      if (r !== NO_MERGE) push(r, i);
    }
    const alive = new Uint8Array(len).fill(1);
    while (size > 0) {
      const rank = heapRank[0]!;
      const pos = heapPos[0]!;
      pop();
      if (!alive[pos]) continue;
      const right = next[pos]!;
      if (right < 0) continue;
      const slot = table.find(ids[pos]!, ids[right]!);
      if (slot < 0 || table.rank(slot) !== rank) continue; // stale entry
      ids[pos] = table.result(slot);
      alive[right] = 0;
      const after = next[right]!;
      next[pos] = after;
      if (after >= 0) prev[after] = pos;
      const before = prev[pos]!;
      if (before >= 0) {
        const r = table.rankOf(ids[before]!, ids[pos]!);
        if (r !== NO_MERGE) push(r, before);
      }
      if (after >= 0) {
        const r = table.rankOf(ids[pos]!, ids[after]!);
        if (r !== NO_MERGE) push(r, pos);
      }
    }
    for (let i = 0; i >= 0; i = next[i]!) out.push(ids[i]!);
  }
}
