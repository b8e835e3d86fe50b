/**
 * `@girl/tokenizer/node`: saving and loading tokenizers on disk (Node only; the core package stays
 * browser-safe). Files are written atomically: to a temporary file in the same folder, then renamed over
 * the target, so a crash never leaves a half-written tokenizer and an existing file is never lost.
 *
 * @example
 * ```ts
 * import { saveTokenizer, loadTokenizer } from '@girl/tokenizer/node';
 * await saveTokenizer(tok, 'runs/1/tokenizer.girl.json');          // GIRL format
 * await saveTokenizer(tok, 'runs/1/tokenizer.json', { format: 'huggingface' });
 * const again = await loadTokenizer('runs/1/tokenizer.girl.json');  // either format, detected
 * ```
 * @module
 */

import { writeFileAtomic } from '@girl/core/node';
import { readFile } from 'node:fs/promises';
import { TokenizerError, describe } from './errors.js';
import { Tokenizer } from './tokenizer.js';

/** Options of {@link saveTokenizer}. */
export interface SaveOptions {
  /** `'girl'` (default): the versioned GIRL format; `'huggingface'`: a tokenizer.json. */
  format?: 'girl' | 'huggingface';
}

/**
 * Atomic writes are @girl/core's (temporary file, fsync, rename); the name stays exported from here.
 * Unlike this package's old copy it creates missing folders unless `{ makeDirs: false }` is passed.
 *
 * @deprecated import `writeFileAtomic` from `@girl/core/node`.
 */
export { writeFileAtomic };

/**
 * Saves a tokenizer as JSON, atomically.
 *
 * @example
 * ```ts
 * await saveTokenizer(tok, 'tokenizer.girl.json');
 * ```
 */
export async function saveTokenizer(tokenizer: Tokenizer, path: string, options: SaveOptions = {}): Promise<void> {
  const t = tokenizer as Partial<Tokenizer> | null;
  if (t === null || typeof t !== 'object' || typeof t.toJSON !== 'function' || typeof t.toHuggingFace !== 'function') throw new TokenizerError('invalid-input', `saveTokenizer: expected a Tokenizer but got ${describe(tokenizer)}.`);
  if (typeof path !== 'string' || path === '') throw new TokenizerError('invalid-input', `saveTokenizer: expected a file path but got ${describe(path)}.`);
  const format = options.format ?? 'girl';
  if (format !== 'girl' && format !== 'huggingface') throw new TokenizerError('invalid-input', `saveTokenizer: format must be 'girl' or 'huggingface' but got ${describe(format)}.`);
  const json = format === 'girl' ? tokenizer.toJSON() : tokenizer.toHuggingFace();
  // A missing folder is reported, not created: the path is more likely mistyped than meant to be new.
  await writeFileAtomic(path, JSON.stringify(json), { makeDirs: false });
}

/**
 * Loads a tokenizer saved by {@link saveTokenizer}, or any supported Hugging Face tokenizer.json (the
 * format is detected). Errors name the file.
 *
 * @example
 * ```ts
 * const tok = await loadTokenizer('tokenizer.json');
 * ```
 */
export async function loadTokenizer(path: string): Promise<Tokenizer> {
  if (typeof path !== 'string' || path === '') throw new TokenizerError('invalid-input', `loadTokenizer: expected a file path but got ${describe(path)}.`);
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TokenizerError('invalid-file', `${path}: not valid JSON (${(e as Error).message}); the file is corrupt or not a tokenizer.`);
  }
  try {
    const isHf = json !== null && typeof json === 'object' && 'model' in json && !('format' in json);
    return isHf ? Tokenizer.fromHuggingFace(json) : Tokenizer.fromJSON(json);
  } catch (e) {
    if (e instanceof TokenizerError) throw new TokenizerError(e.code, `${path}: ${e.message}`);
    throw e;
  }
}
