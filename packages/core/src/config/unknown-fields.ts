/**
 * Config objects refuse fields they do not know: a misspelt or foreign setting (`learning_rate` for
 * `learningRate`, a field of another trainer) is an error naming it and the nearest known name, never a
 * silently ignored value.
 */

/** Edit distance of two short strings (insert, delete, substitute; case-insensitive). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/** The known name closest to `name` (ignoring `_` and case), when it is close enough to be a likely typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const plain = (s: string) => s.replace(/_/g, '').toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(plain(name), plain(k));
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(plain(name).length / 3)) ? best : undefined;
}

/** Options of {@link assertKnownFields}. */
export interface KnownFieldsOptions {
  /** The error type to throw. Default `TypeError`. */
  makeError?: (message: string) => Error;
  /**
   * Old names of renamed fields → their new names (e.g. `{ lr: 'learningRate' }`): such a field is
   * refused with its new name, however far apart the two are.
   */
  renamed?: Readonly<Record<string, string>>;
}

/**
 * Throws when `input` has a field that is not in `known`, naming the config, the field, its new name
 * when it was renamed or else the likely intended name, and every known one. `undefined`-valued fields
 * count too (a typo is a typo).
 *
 * @param what how the message names the config, e.g. `'SftConfig'`
 * @param options the error type (a function, as before, or `{ makeError }`) and renamed fields
 * @example
 * ```ts
 * assertKnownFields({ learning_rate: 1e-4 }, ['learningRate', 'steps'], 'PpoConfig');
 * // TypeError: PpoConfig: unknown field 'learning_rate' (did you mean 'learningRate'?). Known fields: learningRate, steps.
 * assertKnownFields({ lr: 1e-4 }, ['learningRate'], 'SftConfig', { renamed: { lr: 'learningRate' } });
 * // TypeError: SftConfig: unknown field 'lr' (renamed 'learningRate'). Known fields: learningRate.
 * ```
 */
export function assertKnownFields(
  input: object,
  known: readonly string[],
  what: string,
  options: ((message: string) => Error) | KnownFieldsOptions = {},
): void {
  const unknown = Object.keys(input).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const { makeError = (m: string) => new TypeError(m), renamed = {} } = typeof options === 'function' ? { makeError: options } : options;
  throw makeError(`${what}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => describeUnknown(k, known, renamed)).join(', ')}. Known fields: ${known.join(', ')}.`);
}

/**
 * How an unknown field is named in an error: `'lr' (renamed 'learningRate')`, `'learning_rate' (did
 * you mean 'learningRate'?)`, or just `'zzz'` when no known name is close.
 *
 * @example
 * ```ts
 * describeUnknown('gradClip', ['maxGradNorm'], { gradClip: 'maxGradNorm' }); // "'gradClip' (renamed 'maxGradNorm')"
 * ```
 */
export function describeUnknown(name: string, known: readonly string[], renamed: Readonly<Record<string, string>> = {}): string {
  const to = Object.prototype.hasOwnProperty.call(renamed, name) ? renamed[name] : undefined;
  if (to !== undefined) return `'${name}' (renamed '${to}')`;
  const near = closestName(name, known);
  return `'${name}'${near ? ` (did you mean '${near}'?)` : ''}`;
}

/**
 * A saved config in today's names: each field of `renamed` (old → new) that holds a value takes its new
 * name, overriding a value under the new name; other fields are kept. The input is not changed. For reading
 * configs written before a rename (a run's `config.json`, a checkpoint's state).
 *
 * @example
 * ```ts
 * renameFields({ lr: 2e-3, seed: 1 }, { lr: 'learningRate' }); // { learningRate: 2e-3, seed: 1 }
 * ```
 */
export function renameFields<T extends object>(saved: T, renamed: Readonly<Record<string, string>>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(saved)) {
    const to = Object.prototype.hasOwnProperty.call(renamed, k) ? renamed[k] : undefined;
    if (to === undefined) {
      if (!(k in out)) out[k] = v;
    } else if (v !== undefined) out[to] = v; // the old field is what the config was written with
  }
  return out as T;
}
