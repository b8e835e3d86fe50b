import { describe, expect, it } from 'vitest';
import { explainJd, formatExplanation } from './explain.js';

const CV = `## Experience
- Data Engineer (2021 - present). Keep data fresh and correct.
- Barista (2018 - 2021)

## Skills
- Proficient in SQL
- Skilled in Apache Spark
- Kafka`;

describe('explainJd', () => {
  it('marks the skills and experience the JD uses', () => {
    const e = explainJd(CV, '## Job Title\nData Engineer\n\n## Required Skills\n- SQL\n- Apache Spark');
    expect(e.skills.map((s) => [s.item, s.used])).toEqual([
      ['SQL', true],
      ['Apache Spark', true],
      ['Kafka', false],
    ]);
    expect(e.experience[0]?.used).toBe(true);
    expect(e.experience[1]?.used).toBe(false);
    expect(formatExplanation(e)).toContain('(2 of 3)');
  });

  it('matches an experience line by its role, not by a shared word', () => {
    const e = explainJd('## Experience\n- Data Analyst (2020 - 2022)\n- Data Engineer, Acme', '## Job Title\nData Engineer');
    expect(e.experience.map((x) => x.used)).toEqual([false, true]);
  });

  it('copes with a CV without sections', () => {
    const e = explainJd('just some text', 'a JD');
    expect(e.skills).toEqual([]);
    expect(formatExplanation(e)).toContain('none found');
  });
});
