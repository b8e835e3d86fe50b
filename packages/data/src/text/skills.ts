import { foldPhrase } from './normalize.js';
import { getSection, listItems, parseSections } from './sections.js';

/**
 * Finds known phrases (skills, occupations, …) in free text: case-insensitive, whole words only
 * (`Java` does not match inside `JavaScript`), longest phrase first (`Machine Learning Ops` wins over
 * `Machine Learning`), each span of text used once. Aliases map to their canonical name. Runs in
 * time linear in the text (a character trie), so thousands of texts per second are cheap.
 *
 * @example
 * ```ts
 * const m = createPhraseMatcher({ Python: [], 'Machine Learning': ['ML'] });
 * m.find('Python and ML, more python'); // ['Python', 'Machine Learning']
 * ```
 */
export interface PhraseMatcher {
  /** Canonical names found, in order of first appearance, without duplicates. */
  find(text: string): string[];
  /** Every match with its offset in `fold(text)` (duplicates kept). */
  matches(text: string): { name: string; index: number; text: string }[];
  /** The folded form matching works on: NFKC, lower case, whitespace runs as one space. Idempotent. */
  fold(text: string): string;
  /** The canonical names this matcher knows. */
  readonly names: readonly string[];
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  name?: string;
}

/** Letters, digits and combining marks continue a word. */
function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) return true;
  if (code < 128) return false;
  return /[\p{L}\p{N}\p{M}]/u.test(c);
}

function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Build a {@link PhraseMatcher} from canonical names and their aliases (an array of names is allowed
 * when there are no aliases). Throws when one phrase belongs to two different names; names that
 * differ only in case are merged (the first spelling wins).
 *
 * @example
 * ```ts
 * const skills = createPhraseMatcher(['SQL', 'PostgreSQL', 'C++']);
 * skills.find('PostgreSQL, c++'); // ['PostgreSQL', 'C++']
 * ```
 */
export function createPhraseMatcher(vocabulary: readonly string[] | Readonly<Record<string, readonly string[]>>): PhraseMatcher {
  const entries: [string, readonly string[]][] = Array.isArray(vocabulary)
    ? (vocabulary as readonly string[]).map((n) => [n, []])
    : Object.entries(vocabulary as Record<string, readonly string[]>);
  const root: TrieNode = { next: new Map() };
  const owner = new Map<string, string>();
  for (const [name, aliases] of entries) {
    for (const phrase of [name, ...aliases]) {
      const f = foldText(phrase).trim();
      if (f === '') continue;
      const prev = owner.get(f);
      if (prev !== undefined && foldText(prev).trim() !== foldText(name).trim()) throw new Error(`phrase "${phrase}" belongs to both "${prev}" and "${name}"`);
      if (prev !== undefined) continue; // same phrase twice (e.g. 'MySQL' and 'mysql'): the first spelling wins
      owner.set(f, name);
      let node = root;
      for (const ch of f) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.name = name;
    }
  }
  const names = entries.map(([n]) => n);
  const matches = (text: string): { name: string; index: number; text: string }[] => {
    const t = foldText(text);
    const out: { name: string; index: number; text: string }[] = [];
    let i = 0;
    while (i < t.length) {
      // a phrase starts at a word start (or at a non-word character such as '.' in '.NET')
      if (isWordChar(t[i - 1]) && isWordChar(t[i])) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = root;
      let bestEnd = -1;
      let bestName = '';
      let j = i;
      while (j < t.length) {
        node = node.next.get(t[j] as string);
        if (!node) break;
        j++;
        if (node.name !== undefined) {
          const after = t[j];
          // a phrase ending in a letter/digit must not run into another letter/digit, '+' or '#'
          if (!isWordChar(t[j - 1]) || (!isWordChar(after) && after !== '+' && after !== '#')) {
            bestEnd = j;
            bestName = node.name;
          }
        }
      }
      if (bestEnd > 0) {
        out.push({ name: bestName, index: i, text: t.slice(i, bestEnd) });
        i = bestEnd;
      } else {
        i++;
      }
    }
    return out;
  };
  return {
    names,
    matches,
    fold: foldText,
    find: (text) => [...new Set(matches(text).map((m) => m.name))],
  };
}

const LEAD_INS = [
  'good working knowledge of',
  'working knowledge of',
  'in-depth understanding of',
  'deep understanding of',
  'strong understanding of',
  'understanding of',
  'hands-on experience with',
  'hands-on experience in',
  'experience with',
  'experience in',
  'expertise in',
  'proficiency in',
  'proficiency with',
  'proficient in',
  'proficient with',
  'competent in',
  'knowledge of',
  'familiarity with',
  'familiar with',
  'skilled in',
  'ability to',
  'adept at',
];
const ADJECTIVES = /^(?:strong|excellent|solid|advanced|basic|good|great|exceptional|demonstrated|proven|exemplary|admirable)\s+/i;

/**
 * Skills listed in a CV's or JD's skills section, without a vocabulary (for real data such as
 * RJDB). Looks in `Required Skills`, then `Skills` (and their synonyms); each list item gives one
 * skill: the part before a colon (`Analysis: Ability to…` → `Analysis`), with lead-ins like
 * "Proficient in" and adjectives like "Strong" removed. Returns `[]` when there is no skills section.
 * With a vocabulary, use {@link createPhraseMatcher} instead: it is exact.
 *
 * @example
 * ```ts
 * listedSkills('## Skills\n1. Proficient in Python\n2. SQL: querying data'); // ['Python', 'SQL']
 * ```
 */
export function listedSkills(text: string): string[] {
  const sections = parseSections(text);
  const body = getSection(sections, ['required skills', 'skills']);
  if (body === undefined) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of listItems(body)) {
    let s = item.replace(/\*\*/g, '');
    const colon = s.indexOf(':');
    if (colon > 0 && colon < 60) s = s.slice(0, colon);
    s = s.trim().replace(ADJECTIVES, '');
    const low = s.toLowerCase();
    for (const lead of LEAD_INS) {
      if (low.startsWith(lead + ' ')) {
        s = s.slice(lead.length + 1);
        break;
      }
    }
    s = s.replace(ADJECTIVES, '').replace(/[.;,]+$/, '').trim();
    const key = foldPhrase(s);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
