/**
 * The unigram baseline: the cross-entropy a model that ignores context would get on the JD targets,
 * with token frequencies counted on the training targets (add-α smoothing). A language model that has
 * learnt anything about context must beat it.
 *
 * @param train target token ids of the training set (what the loss counts: JD tokens and EOS)
 * @param valid target token ids to score
 * @returns mean negative log-likelihood in nats per token
 * @example
 * ```ts
 * unigramCrossEntropy([[1, 1, 2]], [[1, 2]], 3, 1); // ≈ 0.9 nats
 * ```
 */
export function unigramCrossEntropy(train: Iterable<ArrayLike<number>>, valid: Iterable<ArrayLike<number>>, vocabSize: number, alpha = 1): number {
  const counts = new Float64Array(vocabSize);
  let total = 0;
  for (const seq of train) {
    for (let i = 0; i < seq.length; i++) {
      counts[seq[i] as number]! += 1;
      total++;
    }
  }
  const denom = total + alpha * vocabSize;
  let nll = 0;
  let n = 0;
  for (const seq of valid) {
    for (let i = 0; i < seq.length; i++) {
      nll -= Math.log(((counts[seq[i] as number] as number) + alpha) / denom);
      n++;
    }
  }
  if (n === 0) throw new Error('unigramCrossEntropy: no validation tokens.');
  return nll / n;
}

/** The target ids (JD tokens and EOS) of encoded SFT examples. */
export function targetIds(examples: Iterable<{ ids: Int32Array; targetMask: Uint8Array }>): Int32Array[] {
  const out: Int32Array[] = [];
  for (const e of examples) out.push(e.ids.filter((_, i) => (e.targetMask[i] as number) > 0));
  return out;
}
