import { describe, expect, it } from 'vitest';
import { loadRjdb } from '../rjdb/rjdb.js';
import { HAS_RJDB, RJDB_DIR } from '../testing/shared-data.js';
import { getSection, listItems, parseSections, sectionKey } from './sections.js';

describe('parseSections', () => {
  it('splits markdown headings and canonicalises their keys', () => {
    const s = parseSections('Intro line\n\n## Job Title\nData Analyst\n\n### Required Skills:\n- SQL\n- Excel\n\n## Responsibilities\n1. Build dashboards.');
    expect(s.map((x) => x.key)).toEqual(['', 'job title', 'required skills', 'responsibilities']);
    expect(s[0]?.body).toBe('Intro line');
    expect(s[2]?.heading).toBe('Required Skills');
    expect(s[2]?.body).toBe('- SQL\n- Excel');
    expect(s[2]?.line).toBe(6);
  });

  it('accepts RJDB variants: plain-line headings, colons, inline content, bold, no space after #', () => {
    const text = 'Job Title: \nSr .Net Developer\n\nJob Summary:\nWe build things.\n\n**Required Skills**\n- C#\n\n##Responsibilities\n- Ship\n\n## Job Title: .Net Lead';
    const s = parseSections(text);
    expect(s.map((x) => x.key)).toEqual(['job title', 'job summary', 'required skills', 'responsibilities', 'job title']);
    expect(s[0]?.body).toBe('Sr .Net Developer');
    expect(s[4]?.body).toBe('.Net Lead');
  });

  it('does not take list items or bare # lines for headings', () => {
    const s = parseSections('## Experience\n- Experience: 5 years in sales\n1. Skills: many\n#\nend');
    expect(s).toHaveLength(1);
    expect(s[0]?.body).toContain('- Experience: 5 years in sales');
  });

  it('getSection finds by synonym, listItems splits bullets, numbers and commas', () => {
    const cv = '## Work Experience\n1. Nurse (2019 - 2024)\n\n## Key Skills\nTriage, Wound Care; IV Therapy';
    expect(getSection(cv, 'experience')).toBe('1. Nurse (2019 - 2024)');
    expect(getSection(cv, ['required skills', 'skills'])).toBe('Triage, Wound Care; IV Therapy');
    expect(getSection(cv, 'education')).toBeUndefined();
    expect(listItems('Triage, Wound Care; IV Therapy')).toEqual(['Triage', 'Wound Care', 'IV Therapy']);
    expect(listItems('1. Python.\n2) SQL\n- Excel\n• R')).toEqual(['Python', 'SQL', 'Excel', 'R']);
    expect(sectionKey('Key Skills')).toBe('skills');
    expect(sectionKey('Something Else:')).toBe('something else');
  });
});

describe.skipIf(!HAS_RJDB)('parseSections on real RJDB texts', () => {
  it('finds the JD title and required skills and the CV skills and experience in >= 98% of rows', async () => {
    for (const split of ['train', 'test']) {
      const rows = await loadRjdb(`${RJDB_DIR}${split}.jsonl`);
      const share = (f: (r: (typeof rows)[number]) => boolean): number => rows.filter(f).length / rows.length;
      expect(share((r) => getSection(r.jobDescription, 'required skills') !== undefined)).toBeGreaterThanOrEqual(0.98);
      expect(share((r) => getSection(r.jobDescription, 'job title') !== undefined)).toBeGreaterThanOrEqual(0.98);
      expect(share((r) => getSection(r.resumeMatched, 'skills') !== undefined)).toBeGreaterThanOrEqual(0.98);
      expect(share((r) => getSection(r.resumeMatched, 'experience') !== undefined)).toBeGreaterThanOrEqual(0.98);
    }
  });
});
