/**
 * A CV as the page hands it to the model. The model reads at most its prompt budget of CV tokens (the
 * head and the tail, as `sftPrompt` cuts), so a huge paste is first cut to its first and last
 * `maxChars / 2` characters: tokenizing 2 MB in a phone's browser takes long, and the tokens the model
 * reads come out the same, because each half is far longer than the half of the budget it supplies.
 */

/** Characters kept of a CV before tokenizing (head + tail). 64 K: ≥ 100× what a 256-token context reads. */
export const MAX_CV_CHARS = 65_536;

/** What {@link prepareCv} returns. */
export interface PreparedCv {
  /** The text to tokenize (trimmed; the middle of a huge CV left out). */
  text: string;
  /** Characters of the CV as given (after trimming). */
  chars: number;
  /** True when the middle was cut here. */
  cut: boolean;
}

/**
 * Trims a CV and cuts a huge one to its head and tail.
 *
 * @example
 * ```ts
 * prepareCv('  ## Skills\n- SQL  ').text;          // '## Skills\n- SQL'
 * prepareCv('x'.repeat(2_000_000)).cut;            // true (first and last 32 768 characters kept)
 * ```
 */
export function prepareCv(raw: string, maxChars = MAX_CV_CHARS): PreparedCv {
  const text = raw.trim();
  if (text.length <= maxChars) return { text, chars: text.length, cut: false };
  const half = Math.floor(maxChars / 2);
  return { text: `${text.slice(0, half)}\n${text.slice(text.length - half)}`, chars: text.length, cut: true };
}

/** The notice a person sees when the model cannot read their whole CV. */
export function truncationNotice(chars: number, cvTokens: number, budget: number): string {
  const size = chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} M characters` : chars >= 1000 ? `${Math.round(chars / 1000)} K characters` : `${chars} characters`;
  return (
    `Your CV is longer than this model reads (${size}, about ${cvTokens.toLocaleString('en')} tokens); this model reads at most ${budget} tokens of it, ` +
    `so it used the beginning and the end and left out the middle. Put your key skills and latest role first for the best JD.`
  );
}
