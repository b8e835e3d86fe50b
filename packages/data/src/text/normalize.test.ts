import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, foldPhrase, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('applies NFC, unifies line ends, collapses spaces and blank lines, trims', () => {
    expect(normalizeText('  Cafe\u0301\t\tBar \r\n\r\n\r\nNext ')).toBe('Café Bar\n\nNext');
    expect(normalizeText('a\u00a0b\u200bc')).toBe('a bc');
    expect(normalizeText('\uFEFFx\ry')).toBe('x\ny');
    expect(normalizeText('a\n b', { keepLines: false })).toBe('a b');
    expect(normalizeText('ﬁ', { form: 'NFKC' })).toBe('fi');
  });

  it('is idempotent and yields NFC text with no \\r and no triple newlines (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', 'e\u0301', ' ', '\t', '\n', '\r', '\u00a0', '\u200b', '#', 'Z', '中') , maxLength: 60 });
    fc.assert(
      fc.property(text, fc.boolean(), (s, keepLines) => {
        const once = normalizeText(s, { keepLines });
        expect(normalizeText(once, { keepLines })).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once.includes('\r')).toBe(false);
        expect(once.includes('\n\n\n')).toBe(false);
        expect(once).toBe(once.trim());
      }),
      { numRuns: 500 },
    );
  });
});

describe('foldPhrase / countWords', () => {
  it('folds headings and counts words', () => {
    expect(foldPhrase('  ## Required   Skills: ')).toBe('required skills');
    expect(foldPhrase('C++')).toBe('c++');
    expect(countWords('## Skills\n- Python, SQL')).toBe(3);
    expect(countWords('')).toBe(0);
  });
});
