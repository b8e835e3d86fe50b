import { fitTfidf } from '@girl/core';
import { describe, expect, it } from 'vitest';
import { fitBm25 } from '@girl/core';
import { FeatureExtractor, selectColumns } from './feature-extractor.js';

const corpus = ['python sql engineer', 'nurse triage ward', '## Job title\nSenior Data Engineer\n## Skills\npython', '## Job title\nJunior Nurse'];
const skills = (t: string) => ['python', 'sql', 'triage'].filter((s) => t.toLowerCase().includes(s));

describe('FeatureExtractor', () => {
  it('builds named base and generated-JD columns with the values of the pure functions', async () => {
    const fx = new FeatureExtractor({
      corpus,
      extractSkills: skills,
      jdFields: (t) => ({ occupation: t.includes('Engineer') ? 'eng' : 'other', seniority: t.includes('Senior') ? 'senior' : 'junior' }),
      embed: async (texts) => texts.map((t) => [t.length, 1]),
      reward: async (cvs, jds) => cvs.map((c, i) => c.length - (jds[i] as string).length),
    });
    const cv = 'python sql engineer';
    const jd = '## Job title\nSenior Data Engineer\n## Skills\npython';
    const gen = '## Job title\nSenior Engineer\n## Skills\npython sql';
    const m = await fx.build([{ cvId: 'a', cv, jdId: 'j', jd }, { cvId: 'b', cv: 'no generation', jdId: 'j', jd }], { generated: new Map([[cv, gen]]), history: new Map([['a', ['nurse triage ward']]]) });
    expect(m.baseColumns).toEqual(['cv_jd_tfidf', 'cv_jd_bm25', 'cv_jd_skill_jaccard', 'cv_jd_skill_recall', 'cv_jd_embed', 'cv_jd_reward', 'hist_tfidf_max', 'has_history']);
    expect(m.generatedColumns).toEqual(['gen_jd_tfidf', 'gen_jd_bm25', 'gen_jd_skill_jaccard', 'gen_jd_skill_recall', 'gen_jd_embed', 'gen_jd_title_tfidf', 'gen_jd_same_occupation', 'gen_jd_same_seniority', 'gen_reward', 'gen_missing']);
    const row = Object.fromEntries(m.columns.map((c, i) => [c, (m.rows[0] as Float64Array)[i]]));
    const tfidf = fitTfidf(corpus);
    const bm25 = fitBm25(corpus);
    expect(row['cv_jd_tfidf']).toBeCloseTo(tfidf.cosine(cv, jd), 12);
    expect(row['cv_jd_bm25']).toBeCloseTo(bm25.score(cv, jd), 12);
    expect(row['cv_jd_skill_jaccard']).toBeCloseTo(1 / 2, 12); // {python, sql} vs {python}
    expect(row['cv_jd_skill_recall']).toBe(1);
    expect(row['gen_jd_skill_recall']).toBe(1);
    expect(row['gen_jd_title_tfidf']).toBeCloseTo(tfidf.cosine('Senior Engineer', 'Senior Data Engineer'), 12);
    expect(row['gen_jd_same_occupation']).toBe(1);
    expect(row['gen_jd_same_seniority']).toBe(1);
    expect(row['cv_jd_reward']).toBe(cv.length - jd.length);
    expect(row['gen_reward']).toBe(gen.length - jd.length);
    expect(row['has_history']).toBe(1);
    expect(row['hist_tfidf_max']).toBeCloseTo(tfidf.cosine('nurse triage ward', jd), 12);
    expect(row['gen_missing']).toBe(0);
    // the CV without a generated JD: zeros and gen_missing = 1; no history
    const row2 = Object.fromEntries(m.columns.map((c, i) => [c, (m.rows[1] as Float64Array)[i]]));
    expect(m.generatedColumns.slice(0, -1).map((c) => row2[c])).toEqual(new Array(9).fill(0));
    expect([row2['gen_missing'], row2['has_history']]).toEqual([1, 0]);
    const base = selectColumns(m, m.baseColumns);
    expect(base.rows[0]).toHaveLength(8);
    expect(base.generatedColumns).toEqual([]);
    expect(() => selectColumns(m, ['nope'])).toThrow(/no column "nope"/);
  });

  it('clear errors', async () => {
    expect(() => new FeatureExtractor({ corpus: [] })).toThrow(/corpus is empty/);
    const fx = new FeatureExtractor({ corpus, embed: async () => [] });
    await expect(fx.build([{ cvId: 'a', cv: 'x', jdId: 'j', jd: 'y' }])).rejects.toThrow(/one vector per text/);
  });
});
