/** `girl generate`'s numeric flags, checked before any model is loaded, with errors that name the flag. */

/** The checked values. */
export interface GenerateNumbers {
  maxNewTokens: number;
  /** Undefined: greedy decoding. */
  temperature: number | undefined;
  seed: number;
  top: number;
}

/** Thrown for a flag value that cannot be used. */
export class FlagError extends Error {
  override name = 'FlagError';
}

function int(flag: string, raw: string, min: number, example: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min) throw new FlagError(`${flag} must be an integer >= ${min}; got '${raw}'. Example: ${flag} ${example}.`);
  return v;
}

/**
 * Parses `--max-new-tokens`, `--temperature`, `--seed` and `--top`. The model's context bounds
 * `--max-new-tokens` further once it is loaded.
 * @throws FlagError naming the flag, the value and an example.
 */
export function parseGenerateNumbers(f: { maxNewTokens: string; temperature?: string; seed: string; top: string }): GenerateNumbers {
  let temperature: number | undefined;
  if (f.temperature !== undefined) {
    temperature = Number(f.temperature);
    if (f.temperature.trim() === '' || !Number.isFinite(temperature) || temperature <= 0 || temperature > 10) {
      throw new FlagError(`--temperature must be a number in (0, 10]; got '${f.temperature}'. Example: --temperature 0.7 (omit the flag for greedy decoding).`);
    }
  }
  return {
    maxNewTokens: int('--max-new-tokens', f.maxNewTokens, 1, '128'),
    temperature,
    seed: int('--seed', f.seed, 0, '3'),
    top: int('--top', f.top, 1, '5'),
  };
}
