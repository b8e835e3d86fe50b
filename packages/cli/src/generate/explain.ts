/**
 * `--explain`: which of the CV's skills and experience lines a generated JD builds on. A CV item counts
 * when the JD contains it (for an experience line, its role) as a phrase, or more than half of its content
 * words (case-insensitive).
 */
import { getSection, listItems } from '@girl/data';

/** A CV item and whether (and how) the JD uses it. */
export interface ExplainedItem {
  item: string;
  used: boolean;
  /** The item's content words found in the JD. */
  matched: string[];
}

/** What {@link explainJd} returns. */
export interface Explanation {
  skills: ExplainedItem[];
  experience: ExplainedItem[];
}

const STOP = new Set(['and', 'the', 'for', 'with', 'in', 'of', 'to', 'a', 'an', 'on', 'at', 'as', 'or', 'present', 'years', 'year', 'proficient', 'skilled', 'experience']);
const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}+#.]{2,}/gu) ?? []).map((w) => w.replace(/\.$/, '')).filter((w) => !STOP.has(w) && !/^\d+$/.test(w));

/** Marks items the JD uses: the item (for experience, its role: the text before "(", "," or ".") as a phrase, or more than half of its content words (a one-word item: that word). */
function explainItems(items: string[], jd: string, role: boolean): ExplainedItem[] {
  const jdLower = jd.toLowerCase();
  const jdWords = new Set(words(jd));
  return items.map((item) => {
    const clean = item.replace(/^(proficient|skilled|experienced) in\s+/i, '').trim();
    const key = role ? (clean.split(/[(,.]/)[0] ?? clean).trim() : clean;
    const ws = words(key);
    const matched = ws.filter((w) => jdWords.has(w));
    const used = (key.length > 1 && jdLower.includes(key.toLowerCase())) || (ws.length > 0 && (ws.length === 1 ? matched.length === 1 : matched.length / ws.length > 0.5));
    return { item: clean, used, matched };
  });
}

/**
 * Lists the CV's skills and experience items and marks those the JD builds on.
 *
 * @example
 * ```ts
 * explainJd('## Skills\n- SQL\n- Kafka', '## Required Skills\n- SQL').skills;
 * // [{ item: 'SQL', used: true, matched: ['sql'] }, { item: 'Kafka', used: false, matched: [] }]
 * ```
 */
export function explainJd(cv: string, jd: string): Explanation {
  const skills = getSection(cv, ['skills']);
  const experience = getSection(cv, ['experience']);
  const skillItems = skills ? listItems(skills) : [];
  const expItems = experience ? listItems(experience) : [];
  return { skills: explainItems(skillItems, jd, false), experience: explainItems(expItems, jd, true) };
}

/** Plain-text rendering of an explanation. */
export function formatExplanation(e: Explanation): string {
  const fmt = (title: string, xs: ExplainedItem[]) => {
    if (xs.length === 0) return `${title}: none found in the CV`;
    const used = xs.filter((x) => x.used);
    return [`${title} the JD builds on (${used.length} of ${xs.length}):`, ...xs.map((x) => `  ${x.used ? '✓' : '·'} ${x.item}`)].join('\n');
  };
  return `${fmt('CV skills', e.skills)}\n${fmt('CV experience', e.experience)}`;
}
