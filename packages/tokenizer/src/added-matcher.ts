/**
 * Finding added tokens in text: which ones `allowedSpecial` lets through (non-special added tokens always),
 * a cached regex per allowed set, and the split of a text into ordinary segments and added-token ids.
 * Shared by the byte-level and the SentencePiece-style encoders.
 *
 * @example
 * ```ts
 * const m = new AddedTokenMatcher([{ id: 2, content: '</s>', special: true }]);
 * const out: number[] = [];
 * m.split('a</s>b', 'all', out, (segment) => out.push(segment.length)); // out = [1, 2, 1]
 * ```
 * @internal
 */
import { TokenizerError, describe } from './errors.js';
import { buildMatcher } from './special-tokens.js';
import type { AddedToken, AllowedSpecial } from './special-tokens.js';

/** Matchers for this many distinct `allowedSpecial` sets are kept before the map is cleared. */
const MAX_MATCHERS = 64;

/** @internal */
export class AddedTokenMatcher {
  /** Added tokens by their text. */
  readonly byContent = new Map<string, AddedToken>();
  /** Matcher of the non-special added tokens (always recognised). */
  private readonly alwaysMatcher: RegExp | null;
  private readonly matchers = new Map<string, RegExp | null>();

  constructor(private readonly added: readonly AddedToken[]) {
    for (const t of added) this.byContent.set(t.content, t);
    this.alwaysMatcher = buildMatcher(added.filter((t) => !t.special).map((t) => t.content));
  }

  /**
   * Walks `text`: each added token that `allowed` lets through pushes its id onto `out`, and each stretch of
   * text between them goes to `onText` with its start offset (the whole text at 0 when nothing matches).
   */
  split(text: string, allowed: AllowedSpecial, out: number[], onText: (segment: string, start: number) => void): void {
    const matcher = this.matcherFor(allowed);
    if (!matcher) {
      onText(text, 0);
      return;
    }
    matcher.lastIndex = 0;
    let last = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      if (m.index > last) onText(text.slice(last, m.index), last);
      out.push(this.byContent.get(m[0])!.id);
      last = m.index + m[0].length;
    }
    if (last < text.length) onText(last === 0 ? text : text.slice(last), last);
  }

  /** The matcher of the added tokens `allowed` lets through (plus the non-special ones), cached per set. */
  private matcherFor(allowed: AllowedSpecial): RegExp | null {
    if (allowed === 'none') return this.alwaysMatcher;
    let contents: string[];
    let key: string;
    if (allowed === 'all') {
      key = '\u0000all';
      if (this.matchers.has(key)) return this.matchers.get(key)!;
      contents = this.added.map((t) => t.content);
    } else {
      if (typeof allowed === 'string' || typeof (allowed as Iterable<string>)?.[Symbol.iterator] !== 'function') {
        throw new TokenizerError('invalid-input', `encode: allowedSpecial must be 'all', 'none' or a collection of special-token strings but got ${describe(allowed)}.`);
      }
      const set = new Set(allowed);
      for (const s of set) {
        if (!this.byContent.has(s)) {
          throw new TokenizerError('unknown-token', `encode: allowedSpecial names ${describe(s)}, which is not a special token of this tokenizer (${this.added.map((t) => t.content).join(', ') || 'none'}).`);
        }
      }
      contents = this.added.filter((t) => !t.special || set.has(t.content)).map((t) => t.content);
      key = contents.join('\u0000');
      if (this.matchers.has(key)) return this.matchers.get(key)!;
    }
    const matcher = buildMatcher(contents);
    if (this.matchers.size > MAX_MATCHERS) this.matchers.clear();
    this.matchers.set(key, matcher);
    return matcher;
  }
}
