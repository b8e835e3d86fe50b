import { describe, expect, it } from 'vitest';
import { createJobMarket } from '@girl/data';
import { headingsOf, jdQuality, repeatedLineShare, sectionProfile, sectionShare } from './jd-quality.js';

describe('JD quality measures', () => {
  it('repeatedLineShare counts lines equal to an earlier line (trimmed, blank lines ignored)', () => {
    expect(repeatedLineShare('a\nb\na\n a ')).toBe(0.5);
    expect(repeatedLineShare('a\n\nb')).toBe(0);
    expect(repeatedLineShare('')).toBe(0);
  });

  it('sectionProfile: headings of two or more reference JDs, median count; sectionShare capped at 1', () => {
    expect(headingsOf('## A\ntext\n### B x\n#nope')).toEqual(['## A', '### B x']);
    const p = sectionProfile(['## A\nx\n## B', '## A\ny\n## B', '## C']);
    expect(p).toEqual({ known: ['## A', '## B'], perJd: 2 });
    expect(sectionShare('## A\n## A\n## C', p)).toBe(0.5);
    expect(sectionShare('## B\n## A\n## X', p)).toBe(1);
    expect(sectionShare('no headings', p)).toBe(0);
    expect(sectionProfile(['plain text', 'more']).perJd).toBe(0);
    expect(sectionShare('## A', sectionProfile(['plain']))).toBeNull();
  });

  it('on the synthetic market: real JDs score well, a looping JD badly, and the oracle measures match by hand', () => {
    const m = createJobMarket({ seed: 3, people: 20, pairs: 20 });
    const sft = m.sftPairs.slice(0, 10);
    const headings = sectionProfile(m.sftPairs.map((p) => p.jd));
    expect(headings.perJd).toBeGreaterThan(2);
    const cvs = sft.map((p) => p.cv);
    const good = jdQuality(cvs, sft.map((p) => p.jd), headings, m);
    expect(good.repeatedLineRate).toBe(0);
    expect(good.sectionsPresent).toBeGreaterThan(0.9);
    expect(good.distinctSkills).toBeGreaterThan(2);
    expect(good.occupationMatch).toBe(1);
    // a degenerate JD: one skill line four times, no sections
    const skill = m.extractSkills(sft[0]!.jd)[0]!;
    const bad = jdQuality([cvs[0]!], [`Skilled in ${skill}\n`.repeat(4)], headings, m);
    expect(bad.repeatedLineRate).toBe(0.75);
    expect(bad.sectionsPresent).toBe(0);
    expect(bad.distinctSkills).toBe(1);
    expect(jdQuality(cvs, cvs, sectionProfile([]), null)).toEqual({ repeatedLineRate: 0, sectionsPresent: null, distinctSkills: null, occupationMatch: null, seniorityMatch: null });
  });
});
