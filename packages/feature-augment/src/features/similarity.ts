/** Vector and set similarities used as features. Pure functions. */

/**
 * Cosine similarity of two dense vectors; 0 when either is all zeros.
 *
 * @example
 * ```ts
 * cosine([1, 0], [1, 1]); // 0.7071
 * ```
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine: vectors have lengths ${a.length} and ${b.length}; embed both texts with the same model.`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Overlap of two skill lists (compared case-insensitively). */
export interface SkillOverlap {
  /** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
  jaccard: number;
  /** |A ∩ B| / |B|: share of the target's skills (e.g. a JD's required skills) that the source has; 0 when B is empty. */
  recall: number;
  /** |A ∩ B|. */
  shared: number;
}

/**
 * Skill overlap of a source (e.g. a CV's or a generated JD's skills) with a target (a candidate JD's skills).
 *
 * @example
 * ```ts
 * skillOverlap(['SQL', 'Python', 'Excel'], ['python', 'sql', 'Tableau', 'R']);
 * // { jaccard: 2 / 5, recall: 2 / 4, shared: 2 }
 * ```
 */
export function skillOverlap(source: readonly string[], target: readonly string[]): SkillOverlap {
  const a = new Set(source.map((s) => s.toLowerCase()));
  const b = new Set(target.map((s) => s.toLowerCase()));
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  const union = a.size + b.size - shared;
  return { jaccard: union === 0 ? 0 : shared / union, recall: b.size === 0 ? 0 : shared / b.size, shared };
}
