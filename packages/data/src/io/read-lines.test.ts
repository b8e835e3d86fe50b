import { describe, expect, it } from 'vitest';
import { tempFiles } from '../testing/tmp-files.js';
import { firstInvalidUtf8Byte, readLines } from './read-lines.js';
import type { LineResult } from './read-lines.js';

const { write } = tempFiles();

async function collect(file: string, options = {}): Promise<LineResult[]> {
  const out: LineResult[] = [];
  for await (const l of readLines(file, options)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits on \\n, drops \\r and a leading BOM, keeps a last line without newline, numbers lines', async () => {
    const f = write('a.txt', '\uFEFFone\r\ntwo\n\nfour é');
    const lines = await collect(f, { chunkBytes: 3 }); // tiny chunks: lines and a 2-byte char span chunk borders
    expect(lines.map((l) => (l.ok ? [l.line, l.text] : [l.line, 'ERR']))).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, ''],
      [4, 'four é'],
    ]);
  });

  it('reports invalid UTF-8 on its own line and goes on', async () => {
    const f = write('b.txt', Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\nok again\n')]));
    const lines = await collect(f);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.ok).toBe(true);
    const bad = lines[1];
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) {
      expect(bad.error.reason).toBe('invalid-utf8');
      expect(bad.error.line).toBe(2);
      expect(bad.error.message).toMatch(/0xff at byte 4/);
    }
    expect(lines[2]).toMatchObject({ ok: true, line: 3, text: 'ok again' });
  });

  it('rejects a line over maxLineBytes without keeping it, and reads on', async () => {
    const f = write('c.txt', `short\n${'x'.repeat(5000)}\nafter`);
    const lines = await collect(f, { maxLineBytes: 1000, chunkBytes: 256 });
    expect(lines.map((l) => l.ok)).toEqual([true, false, true]);
    const big = lines[1];
    if (big && !big.ok) {
      expect(big.error.reason).toBe('too-large');
      expect(big.error.line).toBe(2);
    }
  });

  it('turns a missing file into an io DataError', async () => {
    await expect(collect('/nonexistent/file.jsonl')).rejects.toMatchObject({ name: 'DataError', reason: 'io', file: '/nonexistent/file.jsonl' });
  });
});

describe('firstInvalidUtf8Byte', () => {
  it('points at the first bad byte, or -1', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('héllo'))).toBe(-1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0x62, 0xc3]))).toBe(2); // truncated sequence at the end
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0x80, 0x62]))).toBe(1); // stray continuation byte
  });
});
