import { describe, expect, it } from 'vitest';
import { Tokenizer } from '@girl/tokenizer';
import { cvCut } from './generate.js';

describe('cvCut (the note for a CV longer than the model reads)', () => {
  const tok = Tokenizer.train(['python data engineer spark sql airflow', 'nurse care ward shifts'], { vocabSize: 300 });

  it('is null for a CV that fits and tells the tokens used for one that does not', () => {
    expect(cvCut(tok, 'python data engineer', 100)).toBeNull();
    const long = 'python data engineer spark sql airflow. '.repeat(50_000); // ~2 MB
    expect(cvCut(tok, long, 100)).toEqual({ used: 100, chars: long.length });
  });
});
