import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenizer, saveTokenizer } from './node.js';
import { syntheticText } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

const tok = Tokenizer.train(
  Array.from({ length: 30 }, (_, i) => syntheticText(i)),
  { vocabSize: 500 },
);
const sample = syntheticText(99);

describe('saveTokenizer / loadTokenizer', () => {
  it('saves and loads both formats, leaving no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'girl-tok-'));
    await saveTokenizer(tok, join(dir, 'tok.girl.json'));
    await saveTokenizer(tok, join(dir, 'tokenizer.json'), { format: 'huggingface' });
    expect(readdirSync(dir).sort()).toEqual(['tok.girl.json', 'tokenizer.json']);
    expect(JSON.parse(readFileSync(join(dir, 'tok.girl.json'), 'utf8')).format).toBe('girl-bpe');
    for (const f of ['tok.girl.json', 'tokenizer.json']) {
      const back = await loadTokenizer(join(dir, f));
      expect(back.encode(sample)).toEqual(tok.encode(sample));
    }
  });

  it('overwrites atomically and names the file in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'girl-tok-'));
    const path = join(dir, 'tok.json');
    await saveTokenizer(tok, path);
    await saveTokenizer(tok, path);
    expect(readdirSync(dir)).toEqual(['tok.json']);
    writeFileSync(join(dir, 'bad.json'), '{"format": "girl-bpe", "vers');
    await expect(loadTokenizer(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not valid JSON/);
    writeFileSync(join(dir, 'v9.json'), JSON.stringify({ ...tok.toJSON(), version: 9 }));
    await expect(loadTokenizer(join(dir, 'v9.json'))).rejects.toThrow(/v9\.json: GIRL tokenizer file has version 9/);
    await expect(saveTokenizer({} as Tokenizer, path)).rejects.toThrow(/expected a Tokenizer/);
    await expect(saveTokenizer(tok, join(dir, 'missing-dir', 'x.json'))).rejects.toThrow(/could not write .*missing-dir.*x\.json.*ENOENT/);
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'tok.json', 'v9.json']);
  });
});
