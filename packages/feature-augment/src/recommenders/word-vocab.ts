import { tfidfTokens } from '@girl/core';

/**
 * A word vocabulary for the text recommenders: the `size − 2` most frequent words (2+ letters/digits,
 * lower-cased) of the training texts that occur at least `minCount` times; id 0 is padding, 1 unknown.
 *
 * @example
 * ```ts
 * const v = WordVocab.build(trainTexts, { size: 5000 });
 * v.encode('Senior data engineer', 64); // Int32Array of ids, padded with 0 to 64
 * ```
 */
export class WordVocab {
  static readonly PAD = 0;
  static readonly UNK = 1;
  private readonly ids: Map<string, number>;

  private constructor(words: readonly string[]) {
    this.ids = new Map(words.map((w, i) => [w, i + 2]));
  }

  /** Build from texts (ties broken alphabetically, so the vocabulary is deterministic). */
  static build(texts: Iterable<string>, options: { size?: number; minCount?: number } = {}): WordVocab {
    const size = options.size ?? 5000;
    const minCount = options.minCount ?? 2;
    const counts = new Map<string, number>();
    for (const t of texts) for (const w of tfidfTokens(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...counts]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, Math.max(0, size - 2))
      .map(([w]) => w);
    return new WordVocab(words);
  }

  /** Ids including padding and unknown. */
  get size(): number {
    return this.ids.size + 2;
  }

  /** The first `length` words' ids, padded with 0. */
  encode(text: string, length: number): Int32Array {
    const out = new Int32Array(length);
    const words = tfidfTokens(text);
    for (let i = 0; i < Math.min(length, words.length); i++) out[i] = this.ids.get(words[i] as string) ?? WordVocab.UNK;
    return out;
  }
}
