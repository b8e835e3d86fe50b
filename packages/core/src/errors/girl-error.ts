/**
 * The base class of the errors GIRL's packages throw on purpose. Every one carries a stable, machine-
 * readable `code` (kebab-case, e.g. `'invalid-vocab-size'`, `'missing-field'`) so callers can branch
 * without parsing the message; the message itself says what was wrong, where, and how to fix it.
 */

/** Options for {@link GirlError}, as for `Error`. */
export interface GirlErrorOptions {
  /** The lower-level error this one explains. */
  cause?: unknown;
}

/**
 * An error with a `code`. Subclasses narrow `Code` to their own union and set `name`.
 *
 * @example
 * ```ts
 * class CacheError extends GirlError<'stale' | 'corrupt'> {
 *   override readonly name = 'CacheError';
 * }
 * try { load(); } catch (e) { if (e instanceof GirlError && e.code === 'stale') rebuild(); }
 * ```
 */
export class GirlError<Code extends string = string> extends Error {
  override name = 'GirlError';
  /** Why it failed, as a stable string that is safe to switch on. */
  readonly code: Code;

  /**
   * @param code a stable kebab-case reason
   * @param message what was wrong, where, and how to fix it
   */
  constructor(code: Code, message: string, options?: GirlErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * True when `value` is a {@link GirlError}, optionally with the given code. Works across copies of this
 * package (e.g. two installed versions), where `instanceof` would not: it checks the shape.
 *
 * @example
 * ```ts
 * if (isGirlError(err, 'unsupported-version')) console.error('upgrade GIRL to read this file');
 * ```
 */
export function isGirlError(value: unknown, code?: string): value is GirlError {
  if (value instanceof GirlError) return code === undefined || value.code === code;
  if (!(value instanceof Error)) return false;
  const c = (value as { code?: unknown }).code;
  return typeof c === 'string' && (code === undefined || c === code);
}
