import { describe, expect, it } from 'vitest';
import { loadRjdb } from '../rjdb/rjdb.js';
import { HAS_RJDB, RJDB_DIR } from '../testing/shared-data.js';
import { getSection } from './sections.js';
import { createPhraseMatcher, listedSkills } from './skills.js';

describe('createPhraseMatcher', () => {
  it('matches whole words only, case-insensitively, longest first', () => {
    const m = createPhraseMatcher(['Java', 'JavaScript', 'C', 'C++', 'C#', 'SQL', 'PostgreSQL', 'Machine Learning', 'Machine Learning Ops']);
    expect(m.find('JavaScript and java')).toEqual(['JavaScript', 'Java']);
    expect(m.find('c++ and C# but not c')).toEqual(['C++', 'C#', 'C']);
    expect(m.find('PostgreSQL')).toEqual(['PostgreSQL']);
    expect(m.find('machine  learning ops, MACHINE LEARNING')).toEqual(['Machine Learning Ops', 'Machine Learning']);
    expect(m.find('Javanese, SQLite, Cobol')).toEqual([]);
  });

  it('maps aliases to canonical names and reports offsets in the folded text', () => {
    const m = createPhraseMatcher({ 'Data Scientist': ['Applied Scientist'], Nurse: [] });
    expect(m.find('Senior APPLIED scientist; nurse')).toEqual(['Data Scientist', 'Nurse']);
    const hits = m.matches('An Applied\nScientist');
    expect(hits).toEqual([{ name: 'Data Scientist', index: 3, text: 'applied scientist' }]);
    expect(m.fold('An Applied\nScientist').slice(3, 3 + 17)).toBe('applied scientist');
  });

  it('handles punctuation inside phrases and rejects conflicting vocabularies', () => {
    const m = createPhraseMatcher(['CI/CD', 'A/B Testing', 'GD&T', 'Node.js', '.NET']);
    expect(m.find('We use ci/cd, a/b testing, GD&T, node.js and .NET.')).toEqual(['CI/CD', 'A/B Testing', 'GD&T', 'Node.js', '.NET']);
    expect(() => createPhraseMatcher({ A: ['x'], B: ['X'] })).toThrow(/belongs to both/);
    expect(createPhraseMatcher(['MySQL', 'mysql']).find('mysql')).toEqual(['MySQL']);
  });
});

describe('listedSkills', () => {
  it('reads skill heads from a skills section', () => {
    const cv = '## Skills\n1. Proficient in Python\n2. SQL: querying data\n3. **Excellent Communication**\n4. Python\n\n## Experience\n- Analyst';
    expect(listedSkills(cv)).toEqual(['Python', 'SQL', 'Communication']);
    expect(listedSkills('## Required Skills\nDocker, Kubernetes')).toEqual(['Docker', 'Kubernetes']);
    expect(listedSkills('no sections here')).toEqual([]);
  });
});

describe.skipIf(!HAS_RJDB)('skill extraction on real RJDB texts', () => {
  it('a vocabulary of RJDB Skills finds >= 70% of a row\'s skills in its matched CV, and fewer in the unmatched CV for most rows', async () => {
    const rows = await loadRjdb(`${RJDB_DIR}test.jsonl`);
    let found = 0;
    let total = 0;
    let fewer = 0;
    for (const r of rows) {
      const m = createPhraseMatcher(r.skills.filter((s) => s.trim() !== ''));
      const matched = m.find(getSection(r.resumeMatched, 'skills') ?? r.resumeMatched).length;
      const unmatched = m.find(getSection(r.resumeUnmatched, 'skills') ?? r.resumeUnmatched).length;
      found += matched;
      total += new Set(r.skills.map((s) => s.toLowerCase().trim())).size;
      if (unmatched < matched) fewer++;
    }
    expect(found / total).toBeGreaterThanOrEqual(0.7);
    expect(fewer / rows.length).toBeGreaterThanOrEqual(0.75);
  });

  it('listedSkills gives at least one skill for >= 98% of RJDB CVs', async () => {
    const rows = await loadRjdb(`${RJDB_DIR}test.jsonl`);
    expect(rows.filter((r) => listedSkills(r.resumeMatched).length > 0).length / rows.length).toBeGreaterThanOrEqual(0.98);
  });
});
