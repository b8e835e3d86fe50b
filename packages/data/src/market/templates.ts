/**
 * How the synthetic market writes CVs and JDs: markdown sections like RJDB's, with varied headings,
 * list styles, sentence templates, synonyms (occupation aliases) and ordering, but a learnable
 * structure. Compact texts by default (JD ≈ 40–100 words, CV ≈ 50–120 words).
 */
import type { Rng } from '../rng.js';
import type { Seniority } from '../types.js';
import type { JobSpec, Role } from './profiles.js';
import { COMPANIES, SENIORITY_WORDS } from './vocabulary.js';
import type { FamilySpec, OccupationSpec } from './vocabulary.js';

/** Text length preset: `compact` for tiny models (default), `long` for RJDB-like lengths. */
export type TextStyle = 'compact' | 'long';

const FIRST_NAMES = ['Alex', 'Sam', 'Priya', 'Jonas', 'Mei', 'Omar', 'Lucia', 'Kwame', 'Elena', 'Tomás', 'Aiko', 'Noah', 'Fatima', 'Ivan', 'Zoe', 'Ravi', 'Ines', 'Leo', 'Amara', 'Chen'];
const LAST_NAMES = ['Smith', 'Okafor', 'Novak', 'Garcia', 'Tanaka', 'Müller', 'Haddad', 'Silva', 'Kowalski', 'Nguyen', 'Andersen', 'Rossi', 'Mensah', 'Patel', 'Dubois', 'Ivanova'];

/** "a" or "an" before a word (by its first letter; good enough for our titles). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(?:uni|use|eu)/i.test(word) ? 'an' : 'a';
}

function years(n: number): string {
  return n === 1 ? '1 year' : `${n} years`;
}

/** A title: optional seniority word + the occupation's name or an alias. */
export function writeTitle(rng: Rng, occ: OccupationSpec, level: Seniority, forceWord = false): string {
  const base = rng.chance(0.7) ? occ.name : rng.pick(occ.aliases.length > 0 ? occ.aliases : [occ.name]);
  // mid-level titles are often plain; other levels always carry their word
  if (level === 'mid' && !forceWord && rng.chance(0.5)) return base;
  const words = SENIORITY_WORDS[level];
  const word = rng.chance(0.7) ? (words[0] as string) : rng.pick(words);
  return `${word} ${base}`;
}

function list(rng: Rng, items: readonly string[], allowInline = true): string {
  const style = rng.int(allowInline ? 4 : 2);
  if (style === 0) return items.map((s) => `- ${s}`).join('\n');
  if (style === 3) return items.map((s, i) => `- ${i % 2 === 0 ? 'Proficient in' : 'Skilled in'} ${s}`).join('\n');
  if (style === 1) return items.map((s, i) => `${i + 1}. ${s}`).join('\n');
  return items.join(', ');
}

function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Write a CV text from a person's facts. */
export function writeCvText(
  rng: Rng,
  p: { occ: OccupationSpec; family: FamilySpec; level: Seniority; years: number; skills: readonly string[]; history: readonly Role[]; education: string; name: string },
  style: TextStyle,
): string {
  const current = p.history[0];
  const title = current?.title ?? p.occ.name;
  const summaries = [
    () => `${title} with ${years(p.years)} of experience in ${p.family.domain}.`,
    () => `${sentence(article(p.occ.name))} ${p.occ.name} with ${years(p.years)} of experience.`,
    () => `${years(p.years)} of experience as ${article(title)} ${title}.`,
    () => `${title}. ${sentence(years(p.years))} of experience in ${p.family.domain}.`,
    () => `Dedicated ${p.occ.name} with ${years(p.years)} of experience.`,
  ];
  let summary = sentence(rng.pick(summaries)());
  const extras = [
    () => ` Proven ability to ${rng.pick(p.occ.duties)}.`,
    () => ` Known for the ability to ${rng.pick(p.occ.duties)}.`,
    () => ` Looking for a new challenge in ${p.family.domain}.`,
    () => ` Keen to ${rng.pick(p.occ.duties)}.`,
  ];
  if (style === 'long' || rng.chance(0.8)) summary += rng.pick(extras)();

  const skillHeading = rng.pick(['## Skills', '## Skills', '## Key Skills', '## Core Skills']);
  const skills = `${skillHeading}\n${list(rng, rng.shuffle(p.skills))}`;
  const expHeading = rng.pick(['## Experience', '## Experience', '## Work Experience', '## Work History']);
  const expStyle = rng.int(3);
  const roles = p.history.map((r, i) => {
    const end = i === 0 && rng.chance(0.4) ? 'present' : String(r.endYear);
    const where = r.company !== undefined ? ` at ${r.company}` : '';
    const line = expStyle === 0 ? `${r.title}${where} (${r.startYear} - ${end})` : expStyle === 1 ? `${r.title}${where}, ${r.startYear} - ${end}` : `${r.startYear} - ${end}: ${r.title}${where}`;
    const roleOcc = i === 0 ? p.occ : undefined;
    return roleOcc !== undefined && (style === 'long' || rng.chance(0.4)) ? `${line}. ${sentence(rng.pick(roleOcc.duties))}.` : line;
  });
  const experience = `${expHeading}\n${list(rng, roles, false)}`;
  const education = `## Education\n${p.education}`;
  const summaryHeading = rng.pick(['## Summary', '## Summary', '## Profile', '## Professional Summary']);
  const parts = [`${summaryHeading}\n${summary}`];
  if (rng.chance(0.5)) parts.push(skills, experience);
  else parts.push(experience, skills);
  parts.push(education);
  if (style === 'long') {
    const email = `${p.name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@example.com`;
    parts.unshift(`## Personal Information\nName: ${p.name}\nEmail: ${email}`);
  }
  return parts.join('\n\n');
}

/** Write a JD text for a job spec. Returns the text and the title used. */
export function writeJdText(
  rng: Rng,
  spec: JobSpec,
  occ: OccupationSpec,
  family: FamilySpec,
  minYears: number,
  company: string,
  style: TextStyle,
): { text: string; title: string } {
  const title = writeTitle(rng, occ, spec.seniority);
  const team = rng.pick(family.teams);
  const duties = rng.sample(occ.duties, style === 'long' ? 4 : 2);
  const duty = duties[0] as string;
  const summaries = [
    () => `We are hiring ${article(title)} ${title} to join our ${team} team.`,
    () => `Our ${team} team is looking for ${article(title)} ${title} to ${duty}.`,
    () => `Join us as ${article(title)} ${title} and help us ${duty}.`,
    () => `${company} seeks ${article(title)} ${title} to ${duty}.`,
  ];
  let summary = rng.pick(summaries)();
  if (style === 'long') summary += ` You will work with a friendly ${team} team at ${company} and grow with us.`;
  const occName = rng.chance(0.7) ? occ.name : rng.pick(occ.aliases.length > 0 ? occ.aliases : [occ.name]);
  const exps = [
    () => `At least ${years(minYears)} as ${article(occName)} ${occName}.`,
    () => `${minYears}+ ${minYears === 1 ? 'year' : 'years'} of experience in a similar role.`,
    () => `Minimum of ${years(minYears)} of relevant experience.`,
    () => `${sentence(years(minYears))} or more working as ${article(occName)} ${occName}.`,
  ];
  const titleHeading = rng.pick(['## Job Title', '## Job Title', '## Job title', '## Position']);
  const summaryHeading = rng.pick(['## Job Summary', '## Job Summary', '## About the Role', '## Overview']);
  const skillsHeading = rng.pick(['## Required Skills', '## Required Skills', '## Requirements', '## Skills Required']);
  const expHeading = rng.pick(['## Required Experience', '## Required Experience', '## Experience Required']);
  const respHeading = rng.pick(['## Responsibilities', '## Responsibilities', '## Key Responsibilities', '## Duties']);
  const skills = `${skillsHeading}\n${list(rng, rng.shuffle(spec.requiredSkills))}`;
  const experience = `${expHeading}\n${rng.pick(exps)()}`;
  const resp = `${respHeading}\n${duties.map((d) => `- ${sentence(d)}.`).join('\n')}`;
  const parts = [`${titleHeading}\n${title}`, `${summaryHeading}\n${summary}`];
  if (rng.chance(0.5)) parts.push(skills, experience);
  else parts.push(experience, skills);
  if (rng.chance(0.85) || style === 'long') parts.push(resp);
  if (style === 'long') parts.push(`## Benefits\n- ${rng.pick(['Flexible hours', 'Hybrid work', 'Paid training'])}\n- ${rng.pick(['Health insurance', 'Pension plan', 'Annual bonus'])}`);
  return { text: parts.join('\n\n'), title };
}

/** A random person name. */
export function writeName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** A random fictional employer. */
export function writeCompany(rng: Rng): string {
  return rng.pick(COMPANIES);
}

