import { describe, expect, it } from 'vitest';
import { cvLevel, jdLevel, jdTitle, levelForYears, screenFeatures, titleWords, yearsIn } from './screen.js';
import { fitLexicalHead } from '../train/lexical-warm-start.js';

const CV = `## Profile
Senior HR Generalist. 7 years of experience in business operations.

## Work History
1. Senior HR Generalist (2018 - present)
2. Recruiter (2015 - 2018)

## Skills
1. HRIS
2. Onboarding
3. Employee Relations`;

const jd = (title: string, skills: string, years = '3+ years of experience in a similar role.') =>
  `## Job Title\n${title}\n\n## Required Skills\n${skills}\n\n## Experience Required\n${years}\n\n## Duties\n- Keep records.`;

describe('screen features', () => {
  it('reads years, career stages and titles from common phrasings', () => {
    expect(yearsIn('Minimum of 3 years of relevant experience.')).toBe(3);
    expect(yearsIn('10+ years')).toBe(10);
    expect(yearsIn('no number here')).toBeUndefined();
    expect([1, 3, 6, 10].map(levelForYears)).toEqual([0, 1, 2, 3]);
    expect(cvLevel(CV)).toBe(2); // 7 years → senior
    expect(jdLevel(jd('Mid-Level HR Specialist', '- HRIS'))).toBe(1); // the title word wins over the years
    expect(jdLevel(jd('HR Generalist', '- HRIS', 'Minimum of 12 years.'))).toBe(3); // no word: the years
    expect(jdLevel(jd('HR Generalist', '- HRIS', 'Some experience.'))).toBe(1); // plain title: mid
    expect(jdTitle(jd('Lead Auditor', '- SOX'))).toBe('Lead Auditor');
    expect(titleWords('Mid-Level HR Specialist')).toEqual(['hr', 'specialist']);
  });

  it('scores a suiting JD above JDs that miss skills, the job, or the career stage', () => {
    const good = screenFeatures(CV, jd('Senior HR Generalist', '- HRIS\n- Onboarding', '6+ years.'));
    expect(good).toEqual([1, 1, 1, 1]);
    const skills = screenFeatures(CV, jd('Senior HR Generalist', '- HRIS\n- Payroll\n- SOX Compliance\n- Tax', '6+ years.'));
    expect(skills[0]).toBeCloseTo(0.25);
    const job = screenFeatures(CV, jd('Senior Data Scientist', '- HRIS', '6+ years.'));
    expect(job[1]).toBe(0);
    const stage = screenFeatures(CV, jd('Junior HR Generalist', '- HRIS\n- Onboarding'));
    expect(stage.slice(2)).toEqual([0, 0]); // senior CV, junior JD: two stages apart
    const near = screenFeatures(CV, jd('Lead HR Generalist', '- HRIS'));
    expect(near.slice(2)).toEqual([0.5, 0]);
  });

  it('matches skills as whole phrases and gives neutral values for texts without sections', () => {
    expect(screenFeatures('## Skills\n- Rust', jd('Engineer', '- R'))[0]).toBe(0); // 'R' is not found inside 'Rust'
    expect(screenFeatures('I write R and SQL.', jd('Engineer', 'R, SQL'))[0]).toBe(1); // one-line lists split on commas
    const plain = screenFeatures('just some words', 'a job');
    expect(plain).toEqual([0, 0, 0.5, 0.5]);
  });
});

describe('fitLexicalHead nonNegative', () => {
  it('drops a feature that would get a negative weight and refits the rest', () => {
    // feature 0 predicts the label; feature 1 is anti-correlated with it
    const features: Float32Array[] = [];
    const rows: { row: number; label: number; weight: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const y = i % 2;
      features.push(Float32Array.from([y + ((i * 7) % 5) / 10, 1 - y + ((i * 3) % 4) / 10]));
      rows.push({ row: i, label: y, weight: 1 });
    }
    const free = fitLexicalHead({ features, rows, comparisons: [] });
    expect(free.weights[1]).toBeLessThan(0);
    const kept = fitLexicalHead({ features, rows, comparisons: [], nonNegative: true });
    expect(kept.weights[1]).toBe(0);
    expect(kept.weights[0]).toBeGreaterThan(0);
    expect(kept.lossAfter).toBeGreaterThanOrEqual(free.lossAfter - 1e-9);
  });
});
