import { describe, expect, it } from 'vitest';
import { findLeaks, splitByGroup } from '../split/split-by-group.js';
import { countWords } from '../text/normalize.js';
import { parseSections } from '../text/sections.js';
import { createJobMarket } from './market.js';

const small = { people: 120, jobs: 80, pairs: 600 };

describe('createJobMarket: determinism', () => {
  it('same seed and options → identical market; another seed → a different one', () => {
    const a = createJobMarket({ seed: 4, ...small });
    const b = createJobMarket({ seed: 4, ...small });
    const c = createJobMarket({ seed: 5, ...small });
    const dump = (m: typeof a): string => JSON.stringify([m.people, m.jobs, m.pairs, m.sftPairs, m.interactions]);
    expect(dump(a)).toBe(dump(b));
    expect(dump(a)).not.toBe(dump(c));
    expect(a.people.map((p) => p.cv.text)).not.toEqual(c.people.map((p) => p.cv.text));
  });

  it('parts are independent streams: changing the number of pairs keeps people and jobs', () => {
    const a = createJobMarket({ seed: 4, ...small });
    const b = createJobMarket({ seed: 4, ...small, pairs: 50 });
    expect(b.people).toEqual(a.people);
    expect(b.jobs).toEqual(a.jobs);
    const c = createJobMarket({ seed: 4, ...small, people: 200 });
    expect(c.people.slice(0, 120)).toEqual(a.people); // growing the market keeps the first people
  });
});

describe('createJobMarket: contents', () => {
  const m = createJobMarket({ seed: 2, people: 400, jobs: 200, pairs: 3000, labelNoise: 0.1 });

  it('has the requested sizes and uses many occupations and skills', () => {
    expect(m.people).toHaveLength(400);
    expect(m.jobs).toHaveLength(200);
    expect(m.pairs).toHaveLength(3000);
    expect(m.sftPairs).toHaveLength(400);
    expect(new Set(m.people.map((p) => p.occupation)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(m.people.flatMap((p) => p.skills)).size).toBeGreaterThanOrEqual(300);
    expect(m.occupations.length).toBeGreaterThanOrEqual(30);
    expect(m.skills.length).toBeGreaterThanOrEqual(300);
  });

  it('labels agree with the oracle except for the injected noise, at about the noise rate', () => {
    for (const p of m.pairs) {
      expect(p.truth).toBe(m.fit(p.cv, p.jd).fits ? 1 : 0);
      expect(p.label === p.truth).toBe(!p.noisy);
    }
    const rate = m.pairs.filter((p) => p.noisy).length / m.pairs.length;
    expect(rate).toBeGreaterThan(0.07);
    expect(rate).toBeLessThan(0.13);
    const clean = createJobMarket({ seed: 2, people: 50, pairs: 500, labelNoise: 0 });
    expect(clean.pairs.every((p) => p.label === p.truth && !p.noisy)).toBe(true);
  });

  it('positives fit, hard negatives share the occupation but do not fit, random negatives are another occupation', () => {
    const byKind = (k: string): typeof m.pairs => m.pairs.filter((p) => p.kind === k);
    expect(byKind('positive').every((p) => p.truth === 1)).toBe(true);
    for (const k of ['hard-negative-seniority', 'hard-negative-skills']) {
      const ps = byKind(k);
      expect(ps.length).toBeGreaterThan(300);
      for (const p of ps) {
        const r = m.fit(p.cv, p.jd);
        expect(p.truth).toBe(0);
        expect(r.occupationMatch).toBe(true);
        if (k === 'hard-negative-seniority') expect([r.seniorityMatch, r.skillRecall]).toEqual([false, 1]);
        else expect(r.seniorityMatch && r.skillRecall < 0.75).toBe(true);
      }
    }
    for (const p of byKind('random-negative')) expect(m.fit(p.cv, p.jd).occupationMatch).toBe(false);
    // default mix 0.4 / 0.3 / 0.3, dealt exactly
    expect(byKind('positive')).toHaveLength(1200);
    expect(byKind('random-negative')).toHaveLength(900);
  });

  it('pairMix sets the kind ratios', () => {
    const x = createJobMarket({ seed: 1, people: 50, pairs: 100, pairMix: { positive: 1, hardNegative: 1, randomNegative: 0 } });
    expect(x.pairs.filter((p) => p.kind === 'positive')).toHaveLength(50);
    expect(x.pairs.filter((p) => p.kind === 'random-negative')).toHaveLength(0);
  });

  it('SFT pairs: each JD is written for its CV and fits it', () => {
    for (const s of m.sftPairs) {
      const r = m.fit(s.cv, s.jd);
      expect(r.fits).toBe(true);
      expect(m.occupationOf(s.jd)).toBe(s.occupation);
    }
  });

  it('compact texts: markdown sections like RJDB, JD ~40–100 words, CV ~50–120 words on average', () => {
    const jdWords = m.sftPairs.map((s) => countWords(s.jd));
    const cvWords = m.people.map((p) => countWords(p.cv.text));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(jdWords)).toBeGreaterThan(40);
    expect(mean(jdWords)).toBeLessThan(100);
    expect(Math.max(...jdWords)).toBeLessThan(110);
    expect(mean(cvWords)).toBeGreaterThan(45);
    expect(mean(cvWords)).toBeLessThan(120);
    expect(Math.max(...cvWords)).toBeLessThan(130);
    for (const s of m.sftPairs.slice(0, 100)) {
      const keys = parseSections(s.jd).map((x) => x.key);
      expect(keys).toEqual(expect.arrayContaining(['job title', 'job summary', 'required skills', 'required experience']));
      expect(parseSections(s.cv).map((x) => x.key)).toEqual(expect.arrayContaining(['skills', 'experience', 'education']));
    }
    // varied phrasing: many distinct first summary sentences and title headings
    expect(new Set(m.sftPairs.map((s) => parseSections(s.jd)[1]?.body.split(' ').slice(0, 3).join(' '))).size).toBeGreaterThan(20);
  });

  it('long style makes longer texts that the oracle still reads', () => {
    const l = createJobMarket({ seed: 2, people: 60, pairs: 200, style: 'long' });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(l.sftPairs.map((s) => countWords(s.jd)))).toBeGreaterThan(mean(m.sftPairs.map((s) => countWords(s.jd))) + 15);
    expect(l.sftPairs.every((s) => l.fit(s.cv, s.jd).fits)).toBe(true);
  });

  it('interaction logs: valid ids, ordered funnel per person-job, cold-start people, fitting jobs more often applied to', () => {
    const people = new Set(m.people.map((p) => p.id));
    const jobs = new Map(m.jobs.map((j) => [j.id, j]));
    const persons = new Map(m.people.map((p) => [p.id, p]));
    let prev = -Infinity;
    const funnel = new Map<string, string[]>();
    for (const x of m.interactions) {
      expect(people.has(x.personId) && jobs.has(x.jobId)).toBe(true);
      expect(x.timestamp).toBeGreaterThanOrEqual(prev);
      prev = x.timestamp;
      const k = `${x.personId}|${x.jobId}`;
      funnel.set(k, [...(funnel.get(k) ?? []), x.event]);
    }
    const order = ['view', 'apply', 'interview', 'hire'];
    for (const evs of funnel.values()) expect(evs).toEqual(order.slice(0, evs.length));
    expect(m.coldStartPeople.length).toBeGreaterThan(15);
    for (const id of m.coldStartPeople) expect(m.interactions.some((x) => x.personId === id)).toBe(false);
    const touched = new Set(m.interactions.map((x) => x.jobId));
    expect(m.coldStartJobs).toEqual(m.jobs.filter((j) => !touched.has(j.id)).map((j) => j.id));
    let fitViews = 0;
    let fitApplies = 0;
    let otherViews = 0;
    let otherApplies = 0;
    for (const [k, evs] of funnel) {
      const [pid, jid] = k.split('|') as [string, string];
      const fits = m.fitRecords(persons.get(pid)!.cv, jobs.get(jid)!.jd).fits;
      if (fits) {
        fitViews++;
        if (evs.includes('apply')) fitApplies++;
      } else {
        otherViews++;
        if (evs.includes('apply')) otherApplies++;
      }
    }
    expect(fitViews).toBeGreaterThan(20);
    expect(fitApplies / fitViews).toBeGreaterThan(2 * (otherApplies / otherViews));
  });

  it('pairs split by person or by occupation without leakage', () => {
    const byPerson = splitByGroup(m.pairs, { key: (p) => p.group, seed: 1 });
    expect(findLeaks(byPerson, (p) => p.cvId)).toEqual([]);
    const byOcc = splitByGroup(m.pairs, { key: (p) => p.occupation, seed: 1 });
    expect(findLeaks(byOcc, (p) => p.occupation)).toEqual([]);
    expect(byOcc.groups.test.length).toBeGreaterThan(0);
  });
});

describe('createJobMarket: options', () => {
  it('restricts occupations by count or id and writes JDs on demand', () => {
    const m = createJobMarket({ seed: 1, people: 40, pairs: 40, occupations: ['chef', 'teacher'] });
    expect(new Set(m.people.map((p) => p.occupation))).toEqual(new Set(['chef', 'teacher']));
    const jd = m.writeJd({ occupation: 'chef', seniority: 'lead', requiredSkills: ['HACCP', 'Plating'] });
    expect(m.parseJd(jd.text)).toMatchObject({ occupation: 'chef', seniority: 'lead', minYears: 10 });
    expect([...m.parseJd(jd.text).skills].sort()).toEqual(['HACCP', 'Plating']);
    expect(m.writeJd({ occupation: 'chef', seniority: 'lead', requiredSkills: ['HACCP'] }, 3).text).toBe(
      m.writeJd({ occupation: 'chef', seniority: 'lead', requiredSkills: ['HACCP'] }, 3).text,
    );
    expect(createJobMarket({ seed: 1, people: 30, pairs: 0, occupations: 3 }).options.occupations).toHaveLength(3);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => createJobMarket({ people: -1 })).toThrow(/people must be an integer >= 0/);
    expect(() => createJobMarket({ labelNoise: 1.5 })).toThrow(/labelNoise must be in \[0, 1\]/);
    expect(() => createJobMarket({ occupations: ['astronaut'] })).toThrow(/unknown occupation ids \["astronaut"\]/);
    expect(() => createJobMarket({ occupations: 99 })).toThrow(/occupations must be an integer/);
    expect(() => createJobMarket({ requiredSkills: [5, 2] })).toThrow(/requiredSkills/);
    expect(() => createJobMarket({ people: 0, pairs: 10 })).toThrow(/pairs need people/);
    expect(() => createJobMarket({ pairMix: { positive: 0, hardNegative: 0, randomNegative: 0 } })).toThrow(/pairMix/);
    const m = createJobMarket({ people: 5, pairs: 0, jobs: 0 });
    expect(() => m.writeJd({ occupation: 'nope', seniority: 'mid', requiredSkills: [] })).toThrow(/unknown occupation "nope"/);
  });

  it('generates ~5k pairs quickly (smoke bound; the benchmark measures it properly)', () => {
    const t0 = performance.now();
    const m = createJobMarket({ seed: 9, people: 500, jobs: 300, pairs: 5000 });
    const ms = performance.now() - t0;
    expect(m.pairs).toHaveLength(5000);
    expect(ms).toBeLessThan(10_000); // generous: shared 2-core machine; typical figure is in the README
  });
});
