import { describe, expect, it } from 'vitest';
import { Tokenizer } from '@girl/tokenizer';
import { truncateIds } from '@girl/tokenizer';
import { prepareCv, truncationNotice } from './cv-text.js';

describe('prepareCv', () => {
  it('trims and leaves a normal CV whole', () => {
    expect(prepareCv('  ## Skills\n- SQL \n')).toEqual({ text: '## Skills\n- SQL', chars: 15, cut: false });
  });

  it('keeps the head and the tail of a huge CV', () => {
    const cv = `HEAD ${'middle '.repeat(300_000)} TAIL`;
    const p = prepareCv(cv, 1000);
    expect(p.cut).toBe(true);
    expect(p.chars).toBe(cv.length);
    expect(p.text.length).toBeLessThanOrEqual(1001);
    expect(p.text.startsWith('HEAD ')).toBe(true);
    expect(p.text.endsWith(' TAIL')).toBe(true);
  });

  it('gives the model the same head-tail tokens as the whole CV would', () => {
    const tok = Tokenizer.train(['Senior data engineer with SQL and Spark, 5 years at Acme.', 'Nurse, triage, patient care.'], { vocabSize: 300 });
    const cv = `${'Senior data engineer with SQL. '.repeat(20_000)}Nurse at the end.`;
    const budget = 120;
    const whole = truncateIds(tok.encode(cv), budget, 'head-tail');
    const cut = truncateIds(tok.encode(prepareCv(cv, 8192).text), budget, 'head-tail');
    expect(cut).toEqual(whole);
  });
});

describe('truncationNotice', () => {
  it('names the size, the tokens and the budget', () => {
    const n = truncationNotice(2_000_000, 400_000, 125);
    expect(n).toContain('2.0 M characters');
    expect(n).toContain('400,000 tokens');
    expect(n).toContain('125 tokens');
  });
});
