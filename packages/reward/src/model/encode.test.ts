import { describe, expect, it } from 'vitest';
import { microTokenizer } from '../testing.js';
import { RM_TEMPLATE_OVERHEAD, collateRm, encodeRmPair, poolingWeights, rmTextSpans, splitBudget } from './encode.js';

const tok = microTokenizer();
const S = { pad: 0, bos: 1, eos: 2, cv: 3, jd: 4, sep: 5 };

describe('splitBudget', () => {
  it('keeps both whole when they fit, else gives the shorter all of itself up to half', () => {
    expect(splitBudget(3, 4, 10)).toEqual({ cv: 3, jd: 4 });
    expect(splitBudget(4, 30, 20)).toEqual({ cv: 4, jd: 16 });
    expect(splitBudget(30, 4, 20)).toEqual({ cv: 16, jd: 4 });
    expect(splitBudget(30, 20, 20)).toEqual({ cv: 10, jd: 10 });
    expect(splitBudget(30, 20, 21)).toEqual({ cv: 11, jd: 10 });
  });
});

describe('encodeRmPair', () => {
  it('lays out bos cv … sep jd … eos with the special ids, text never read as specials', () => {
    const ex = encodeRmPair(tok, 'nurse <|eos|>', 'data', { maxLength: 64 });
    const cvIds = tok.encode('nurse <|eos|>');
    const jdIds = tok.encode('data');
    expect(Array.from(ex.ids)).toEqual([S.bos, S.cv, ...cvIds, S.sep, S.jd, ...jdIds, S.eos]);
    expect(cvIds).not.toContain(S.eos);
    expect(ex).toMatchObject({ cvTruncated: 0, jdTruncated: 0, emptyCv: false, emptyJd: false });
  });
  it('rmTextSpans finds each text where the template put it', () => {
    const ex = encodeRmPair(tok, 'registered nurse, triage', 'hospital nurse wanted', { maxLength: 64 });
    const { cv, jd } = rmTextSpans(ex.cvLength, ex.jdLength);
    expect(Array.from(ex.ids.slice(cv[0], cv[1]))).toEqual(tok.encode('registered nurse, triage'));
    expect(Array.from(ex.ids.slice(jd[0], jd[1]))).toEqual(tok.encode('hospital nurse wanted'));
    expect(jd[1]).toBe(ex.ids.length - 1); // only <|eos|> after the JD
    expect(rmTextSpans(10, 7)).toEqual({ cv: [2, 12], jd: [14, 21] });
    expect(RM_TEMPLATE_OVERHEAD).toBe(5);
  });
  it('cuts an over-long pair to maxLength, CV head + tail and JD head, and counts the cuts', () => {
    const cv = 'Python SQL Spark '.repeat(40);
    const jd = 'We seek a nurse. '.repeat(40);
    const ex = encodeRmPair(tok, cv, jd, { maxLength: 30 });
    expect(ex.ids.length).toBe(30);
    const budget = splitBudget(tok.encode(cv).length, tok.encode(jd).length, 30 - RM_TEMPLATE_OVERHEAD);
    expect(ex.cvTruncated).toBe(tok.encode(cv).length - budget.cv);
    expect(ex.jdTruncated).toBe(tok.encode(jd).length - budget.jd);
    const cvIds = tok.encode(cv);
    expect(Array.from(ex.ids.slice(2, 2 + Math.ceil(budget.cv / 2)))).toEqual(cvIds.slice(0, Math.ceil(budget.cv / 2))); // head
    expect(ex.ids[2 + budget.cv - 1]).toBe(cvIds[cvIds.length - 1]); // tail
    expect(ex.ids[ex.ids.length - 1]).toBe(S.eos); // the pooled token is always there
  });
  it('flags empty and non-string texts instead of throwing', () => {
    const ex = encodeRmPair(tok, '   ', undefined, { maxLength: 16 });
    expect(ex).toMatchObject({ emptyCv: true, emptyJd: true });
    expect(Array.from(ex.ids)).toEqual([S.bos, S.cv, tok.encode('   ')].flat().concat([S.sep, S.jd, S.eos]));
  });
  it('pre-cuts gigantic texts by characters', () => {
    const ex = encodeRmPair(tok, 'a'.repeat(1_000_000), 'b', { maxLength: 16, maxChars: 100 });
    expect(ex.ids.length).toBeLessThanOrEqual(16);
    expect(ex.cvTruncated).toBeGreaterThan(0);
  });
  it('rejects a maxLength that cannot hold the template', () => {
    expect(() => encodeRmPair(tok, 'a', 'b', { maxLength: 5 })).toThrow(/maxLength must be an integer >= 7/);
  });
});

describe('collateRm and poolingWeights', () => {
  it('right-pads and records lengths', () => {
    const b = collateRm([{ ids: Int32Array.from([1, 7, 2]) }, { ids: Int32Array.from([1, 2]) }], 0);
    expect(b.shape).toEqual([2, 3]);
    expect(Array.from(b.ids)).toEqual([1, 7, 2, 1, 2, 0]);
    expect(Array.from(b.lengths)).toEqual([3, 2]);
  });
  it('puts weight on the last real token, or spreads it over the real tokens', () => {
    const lengths = Int32Array.from([2, 3]);
    expect(Array.from(poolingWeights(lengths, 3, 'last'))).toEqual([0, 1, 0, 0, 0, 1]);
    expect(Array.from(poolingWeights(lengths, 3, 'mean'))).toEqual([0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  });
});

describe('CV and JD spans', () => {
  it('cvLength / jdLength locate the texts: CV at [2, 2 + cvLength), JD at [cvLength + 4, cvLength + 4 + jdLength)', () => {
    const ex = encodeRmPair(tok, 'nurse', 'data engineer', { maxLength: 64 });
    expect(Array.from(ex.ids.slice(2, 2 + ex.cvLength))).toEqual(tok.encode('nurse'));
    expect(Array.from(ex.ids.slice(ex.cvLength + 4, ex.cvLength + 4 + ex.jdLength))).toEqual(tok.encode('data engineer'));
    const b = collateRm([ex], 0);
    expect([b.cvLengths[0], b.jdLengths[0]]).toEqual([ex.cvLength, ex.jdLength]);
  });
});
