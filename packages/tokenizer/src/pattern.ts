/**
 * Pre-tokenisation patterns: the regular expressions that cut text into chunks ("words") before BPE,
 * so that no token spans, say, a letter and the space after a word.
 *
 * Patterns are stored in the syntax of Hugging Face tokenizer.json files (Oniguruma), which for the
 * patterns in use differs from JavaScript only by inline case-insensitive groups `(?i:...)` and
 * possessive quantifiers; {@link compilePattern} translates both.
 *
 * @example
 * ```ts
 * splitChunks("Hello world!", compilePattern(GPT2_PATTERN)); // ['Hello', ' world', '!']
 * ```
 * @module
 */

import { TokenizerError } from './errors.js';

/**
 * GPT-2's pattern: contractions, ` ?letters`, ` ?digits`, ` ?other`, whitespace. The default.
 * @example `Tokenizer.train(texts, { vocabSize: 8192, pattern: GPT2_PATTERN })`
 */
export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/**
 * The cl100k / Llama 3 pattern: case-insensitive contractions, digits in groups of at most three.
 * @example `Tokenizer.train(texts, { vocabSize: 8192, pattern: CL100K_PATTERN })`
 */
export const CL100K_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/**
 * Qwen2/Qwen3's pattern: as cl100k but every digit is its own chunk.
 * @example `Tokenizer.train(texts, { vocabSize: 8192, pattern: 'qwen' })`
 */
export const QWEN_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/**
 * Named patterns accepted wherever a pattern is: `'gpt2'`, `'cl100k'`, `'qwen'`.
 * @example `PATTERN_PRESETS.cl100k === CL100K_PATTERN`
 */
export const PATTERN_PRESETS: Readonly<Record<string, string>> = {
  gpt2: GPT2_PATTERN,
  cl100k: CL100K_PATTERN,
  qwen: QWEN_PATTERN,
};

/** Resolves a preset name to its pattern; any other string is returned as is. */
export function resolvePattern(pattern: string): string {
  return PATTERN_PRESETS[pattern] ?? pattern;
}

function caseFold(body: string): string {
  // Expands ASCII letters outside character classes and escapes into [xX] classes.
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      out += ch + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (!inClass && lower !== upper && /[a-z]/i.test(ch)) out += `[${lower}${upper}]`;
    else out += ch;
  }
  return out;
}

/**
 * Translates a tokenizer.json (Oniguruma-style) pattern to a JavaScript `RegExp` with flags `gu`.
 * Handles `(?i:...)` groups without nesting and drops possessiveness from `?+`, `*+`, `++`
 * (the patterns in use never need it). Throws `invalid-input` with the pattern if it does not compile.
 *
 * @example
 * ```ts
 * compilePattern("(?i:'s|'t)|\\p{L}+").source; // "(?:'[sS]|'[tT])|\\p{L}+"
 * ```
 */
export function compilePattern(pattern: string): RegExp {
  let source = resolvePattern(pattern);
  source = source.replace(/\(\?i:((?:[^()\\]|\\.)*)\)/g, (_m, body: string) => `(?:${caseFold(body)})`);
  source = source.replace(/(?<!\\)([?*+])\+/g, '$1').replace(/(\{\d+(?:,\d*)?\})\+/g, '$1');
  try {
    return new RegExp(source, 'gu');
  } catch (e) {
    throw new TokenizerError('invalid-input', `pattern ${JSON.stringify(pattern)} is not a valid regular expression once translated to JavaScript (${(e as Error).message}). Use one of the presets ${Object.keys(PATTERN_PRESETS).join(', ')} or a JavaScript-compatible pattern.`);
  }
}

/**
 * Cuts `text` into chunks with a global regex, covering the whole text: any stretch the pattern does not
 * match becomes a chunk of its own, so joining the chunks always gives back `text`.
 *
 * @example
 * ```ts
 * splitChunks("it's 2024", compilePattern('gpt2')); // ['it', "'s", ' 2024']
 * ```
 */
export function splitChunks(text: string, regex: RegExp): string[] {
  const fast = text.match(regex);
  if (fast) {
    let total = 0;
    for (let i = 0; i < fast.length; i++) total += fast[i]!.length;
    if (total === text.length) return fast;
  } else if (text.length === 0) {
    return [];
  }
  // Slow path: the pattern left gaps (or matched empty strings); walk it and keep the gaps.
  const out: string[] = [];
  let last = 0;
  regex.lastIndex = 0;
  for (;;) {
    const m = regex.exec(text);
    if (!m) break;
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[0].length === 0) {
      regex.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      last = m.index;
      continue;
    }
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
