import { describe, expect, it } from 'vitest';
import { createPhraseMatcher } from '../text/skills.js';
import { COMPANIES, FAMILIES, OCCUPATIONS, SENIORITY_WORDS, SOFT_SKILLS } from './vocabulary.js';

const allSkills = [...new Set([...OCCUPATIONS.flatMap((o) => o.skills), ...SOFT_SKILLS])];

describe('market vocabulary', () => {
  it('has at least 30 occupations and 300 distinct skills', () => {
    expect(OCCUPATIONS.length).toBeGreaterThanOrEqual(30);
    expect(allSkills.length).toBeGreaterThanOrEqual(300);
    expect(new Set(OCCUPATIONS.map((o) => o.id)).size).toBe(OCCUPATIONS.length);
  });

  it('every occupation has a family, >= 10 skills and >= 3 duties', () => {
    const families = new Set(FAMILIES.map((f) => f.id));
    for (const o of OCCUPATIONS) {
      expect(families.has(o.family), o.id).toBe(true);
      expect(o.skills.length, o.id).toBeGreaterThanOrEqual(10);
      expect(new Set(o.skills).size, o.id).toBe(o.skills.length);
      expect(o.duties.length, o.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('occupation names and aliases are unambiguous, and no skill phrase is also an occupation phrase', () => {
    const occ = createPhraseMatcher(Object.fromEntries(OCCUPATIONS.map((o) => [o.id, [o.name, ...o.aliases]])));
    for (const o of OCCUPATIONS) for (const t of [o.name, ...o.aliases]) expect(occ.find(t), t).toEqual([o.id]);
    const skills = createPhraseMatcher(allSkills);
    for (const o of OCCUPATIONS) for (const t of [o.name, ...o.aliases]) expect(skills.find(t).filter((s) => s.toLowerCase() === t.toLowerCase()), t).toEqual([]);
  });

  it('template material (duties, teams, domains, degrees, companies, seniority words) names no skill and no other occupation', () => {
    const skills = createPhraseMatcher(allSkills);
    const occ = createPhraseMatcher(Object.fromEntries(OCCUPATIONS.map((o) => [o.id, [o.name, ...o.aliases]])));
    const material = [
      ...OCCUPATIONS.flatMap((o) => o.duties),
      ...FAMILIES.flatMap((f) => [...f.teams, f.domain, ...f.degrees]),
      ...COMPANIES,
      ...Object.values(SENIORITY_WORDS).flat(),
      // fixed sentence parts of the CV/JD templates
      'We are hiring a to join our team. Our team is looking for a to. Join us as a and help us. seeks a to.',
      'You will work with a friendly team at and grow with us. At least years as a. years of experience in a similar role.',
      'Minimum of years of relevant experience. or more working as a. Proven ability to. Known for the ability to.',
      'Looking for a new challenge in. Keen to. Dedicated with years of experience. Proficient in. Skilled in.',
      'Flexible hours. Hybrid work. Paid training. Health insurance. Pension plan. Annual bonus. Personal Information. Name: Email: present',
    ];
    for (const text of material) {
      expect(skills.find(text), text).toEqual([]);
      expect(occ.find(text), text).toEqual([]);
    }
  });

  it('seniority words are distinct across levels', () => {
    const words = Object.values(SENIORITY_WORDS).flat().map((w) => w.toLowerCase());
    expect(new Set(words).size).toBe(words.length);
  });
});
