import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { createJobMarket } from './market.js';
import { createFitOracle, seniorityForYears } from './oracle.js';

const oracle = createFitOracle();

const cv = `## Summary
Senior Data Scientist with 7 years of experience in data and analytics.

## Skills
- Python
- Machine Learning
- Statistics
- Pandas
- Communication

## Experience
1. Senior Data Scientist (2021 - 2025)
2. Data Analyst (2018 - 2021)

## Education
BSc in Mathematics`;

const jd = (title: string, skills: string[], years = 'At least 6 years as a Data Scientist.'): string =>
  `## Job Title\n${title}\n\n## Job Summary\nJoin our data team.\n\n## Required Skills\n${skills.map((s) => `- ${s}`).join('\n')}\n\n## Required Experience\n${years}`;

describe('fit oracle on text', () => {
  it('reads CV facts: current occupation (first role), skills, years → seniority', () => {
    expect(oracle.parseCv(cv)).toEqual({
      occupation: 'data-scientist',
      skills: ['Python', 'Machine Learning', 'Statistics', 'Pandas', 'Communication'],
      seniority: 'senior',
      years: 7,
    });
  });

  it('reads JD facts: title occupation (aliases too), required skills, seniority word or years', () => {
    expect(oracle.parseJd(jd('Senior Applied Scientist', ['Python', 'Pandas']))).toEqual({
      occupation: 'data-scientist',
      skills: ['Python', 'Pandas'],
      seniority: 'senior',
      minYears: 6,
    });
    expect(oracle.parseJd(jd('Data Scientist', ['SQL'], 'At least 1 year as a Data Scientist.')).seniority).toBe('junior');
    expect(oracle.parseJd(jd('Data Scientist', ['SQL'], 'Good attitude.')).seniority).toBe('mid');
    // "Machine Learning Engineer" is an occupation, not the skill "Machine Learning"
    expect(oracle.parseJd(jd('Lead Machine Learning Engineer', ['PyTorch'])).occupation).toBe('ml-engineer');
    expect(oracle.extractSkills('We want a Machine Learning Engineer who knows Machine Learning')).toEqual(['Machine Learning']);
  });

  it('a JD made for the CV fits; wrong seniority, missing skills or another occupation do not', () => {
    const good = oracle.fit(cv, jd('Senior Data Scientist', ['Python', 'Statistics', 'Pandas', 'Machine Learning']));
    expect(good).toMatchObject({ fits: true, score: 1, occupationMatch: true, skillRecall: 1, seniorityMatch: true, seniorityGap: 0 });

    const junior = oracle.fit(cv, jd('Junior Data Scientist', ['Python', 'Statistics'], 'At least 1 year as a Data Scientist.'));
    expect(junior).toMatchObject({ fits: false, seniorityGap: 2, seniorityMatch: false });
    expect(junior.score).toBeCloseTo(0.75, 6);

    const missing = oracle.fit(cv, jd('Senior Data Scientist', ['Python', 'Statistics', 'Deep Learning', 'Jupyter']));
    expect(missing).toMatchObject({ fits: false, skillRecall: 0.5, missingSkills: ['Deep Learning', 'Jupyter'], matchedSkills: ['Python', 'Statistics'] });
    expect(missing.score).toBeCloseTo(0.4 + 0.175 + 0.25, 6);

    const other = oracle.fit(cv, jd('Senior Registered Nurse', ['Triage', 'Wound Care'], 'At least 6 years as a Nurse.'));
    expect(other).toMatchObject({ fits: false, occupationMatch: false, skillRecall: 0 });
    expect(other.score).toBeLessThan(good.score);
  });

  it('scores unstructured generated text too (no sections)', () => {
    const plain = 'We need a Senior Data Scientist who knows Python, Pandas and Statistics. 6+ years required.';
    const r = oracle.fit(cv, plain);
    expect(r.jd).toEqual({ occupation: 'data-scientist', skills: ['Python', 'Pandas', 'Statistics'], seniority: 'senior', minYears: 6 });
    expect(r.fits).toBe(true);
    expect(oracle.fit(cv, 'A great job at a great company.')).toMatchObject({ fits: false, score: 0, occupationMatch: false });
    expect(oracle.fit('', '')).toMatchObject({ fits: false, score: 0 });
  });

  it('occupationOf tells CVs from JDs; occupationsIn lists all', () => {
    expect(oracle.occupationOf(cv)).toBe('data-scientist');
    expect(oracle.occupationOf(jd('Principal Sysadmin', ['DNS']))).toBe('systems-administrator');
    expect(oracle.occupationOf('nothing here')).toBeUndefined();
    expect(oracle.occupationsIn(cv)).toEqual(['data-scientist', 'data-analyst']);
  });

  it('seniorityForYears uses 0-2 / 3-5 / 6-9 / 10+', () => {
    expect([0, 2, 3, 5, 6, 9, 10, 30].map(seniorityForYears)).toEqual(['junior', 'junior', 'mid', 'mid', 'senior', 'senior', 'lead', 'lead']);
  });
});

describe('fit oracle: text and structured records agree on the synthetic market', () => {
  for (const style of ['compact', 'long'] as const) {
    it(`fit(cv.text, jd.text) equals fitRecords(cv, jd) on random people × jobs (${style})`, () => {
      const m = createJobMarket({ seed: 11, people: 150, jobs: 150, pairs: 0, style });
      const r = createRng(5);
      let fits = 0;
      for (let i = 0; i < 1500; i++) {
        // half random combinations, half JDs written for the person (so that many fit)
        const p = r.pick(m.people);
        const job = i % 2 === 0 ? r.pick(m.jobs).jd : m.writeJd(m.jobSpecFor(p, i), i);
        const text = m.fit(p.cv.text, job.text);
        const rec = m.fitRecords(p.cv, job);
        expect({ ...text, cv: undefined, jd: undefined }).toEqual({ ...rec, cv: undefined, jd: undefined });
        expect(new Set(text.cv.skills)).toEqual(new Set(rec.cv.skills));
        if (text.fits) fits++;
      }
      expect(fits).toBeGreaterThan(700);
    });
  }
});
