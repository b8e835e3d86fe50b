import { describe, expect, it } from 'vitest';
import { DataError, createLoadReport } from '../errors.js';
import { tempFiles } from '../testing/tmp-files.js';
import { readJsonl } from './jsonl.js';
import { loadPairs, readPairs } from './pairs.js';
import { readAll } from './record-stream.js';

const { write } = tempFiles();
const row = (cv: unknown, jd: unknown, label: unknown): string => JSON.stringify({ cv, jd, label });

async function firstError(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('readJsonl', () => {
  it('streams values with line numbers and ignores blank lines', async () => {
    const f = write('ok.jsonl', '{"a":1}\n\n  \n[2]\n"x"\n');
    const out = [];
    for await (const r of readJsonl(f)) out.push([r.line, r.value]);
    expect(out).toEqual([
      [1, { a: 1 }],
      [4, [2]],
      [5, 'x'],
    ]);
  });
});

describe('loadPairs (JSONL) bad input', () => {
  const good = row('CV one', 'JD one', 1);
  const cases: { name: string; line: string | Buffer; reason: string; field: string | undefined }[] = [
    { name: 'malformed JSON', line: '{"cv": "a", "jd": ', reason: 'malformed', field: undefined },
    { name: 'missing field', line: JSON.stringify({ cv: 'a', label: 0 }), reason: 'missing-field', field: 'jd' },
    { name: 'empty text', line: row('   ', 'JD', 0), reason: 'empty-text', field: 'cv' },
    { name: 'invalid UTF-8', line: Buffer.concat([Buffer.from('{"cv": "caf'), Buffer.from([0xe9]), Buffer.from('", "jd": "x", "label": 1}')]), reason: 'invalid-utf8', field: 'cv' },
    { name: 'invalid UTF-8 that breaks the JSON too', line: Buffer.concat([Buffer.from('{"cv": "a'), Buffer.from([0xff]), Buffer.from('", "jd": ')]), reason: 'invalid-utf8', field: undefined },
    { name: 'a 10 MB CV over the 1 MiB default limit', line: row('x'.repeat(10 * 1024 * 1024), 'JD', 1), reason: 'too-large', field: 'cv' },
    { name: 'a bad label', line: row('CV', 'JD', 2), reason: 'invalid-value', field: 'label' },
    { name: 'a non-string text', line: row(42, 'JD', 1), reason: 'invalid-value', field: 'cv' },
    { name: 'a non-object line', line: '[1, 2]', reason: 'malformed', field: undefined },
  ];

  for (const c of cases) {
    it(`throws a DataError naming file, line and field for ${c.name}`, async () => {
      const f = write(`bad-${c.reason}-${c.field ?? 'line'}.jsonl`, Buffer.concat([Buffer.from(`${good}\n`), Buffer.from(c.line), Buffer.from(`\n${good}\n`)]));
      const err = await firstError(loadPairs(f));
      expect(err.file).toBe(f);
      expect(err.line).toBe(2);
      expect(err.reason).toBe(c.reason);
      expect(err.field).toBe(c.field);
      expect(err.message).toContain(`${f}:2`);
      expect(err.fix.length).toBeGreaterThan(10);
    });

    it(`skips and reports ${c.name} with onError: 'skip'`, async () => {
      const f = write(`skip-${c.reason}-${c.field ?? 'line'}.jsonl`, Buffer.concat([Buffer.from(`${good}\n`), Buffer.from(c.line), Buffer.from(`\n${good}\n`)]));
      const report = createLoadReport();
      const pairs = await loadPairs(f, { onError: 'skip', report });
      expect(pairs).toHaveLength(2);
      expect(pairs.report).toBe(report);
      expect(report).toMatchObject({ read: 3, kept: 2 });
      expect(report.skipped).toEqual([expect.objectContaining({ file: f, line: 2, field: c.field, reason: c.reason })]);
    });
  }

  it('a raised maxFieldBytes accepts the 10 MB CV', async () => {
    const f = write('big-ok.jsonl', `${row('y'.repeat(10 * 1024 * 1024), 'JD', 1)}\n`);
    const pairs = await loadPairs(f, { maxFieldBytes: 16 * 1024 * 1024 });
    expect(pairs[0]?.cv.length).toBe(10 * 1024 * 1024);
  });
});

describe('loadPairs (JSONL) mapping', () => {
  it('maps columns, parses label spellings, defaults source to the file name, normalises text', async () => {
    const lines = [
      { resume_text: 'Cafe\u0301  CV', job_text: 'JD a', y: '1', job_id: 7 },
      { resume_text: 'CV b', job_text: 'JD b', y: false, job_id: 'j8', src: 'manual' },
      { resume_text: 'CV c', job_text: 'JD c', y: 'Yes' },
    ];
    const f = write('mapped.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
    const pairs = await loadPairs(f, { columns: { cv: 'resume_text', jd: 'job_text', label: 'y', group: 'job_id', source: 'src' } });
    expect(pairs.map((p) => [p.cv, p.label, p.source, p.group])).toEqual([
      ['Café CV', 1, 'mapped.jsonl', '7'],
      ['CV b', 0, 'manual', 'j8'],
      ['CV c', 1, 'mapped.jsonl', undefined],
    ]);
    const raw = await loadPairs(f, { columns: { cv: 'resume_text', jd: 'job_text', label: 'y' }, normalize: false });
    expect(raw[0]?.cv).toBe('Cafe\u0301  CV');
  });

  it('streams with a live report and rejects an unknown extension', async () => {
    const f = write('s.jsonl', `${row('a', 'b', 1)}\n${row('c', 'd', 0)}\n`);
    const stream = readPairs(f);
    const lines: number[] = [];
    for await (const r of stream) lines.push(r.line);
    expect(lines).toEqual([1, 2]);
    expect(stream.report).toEqual({ read: 2, kept: 2, skipped: [] });
    expect(() => readPairs('data.parquet')).toThrow(/format/);
    expect(() => readPairs('data.json')).toThrow(/one big array/);
    const all = await readAll(readPairs(write('t.ndjson', row('a', 'b', 'true'))));
    expect(all.map((p) => p.label)).toEqual([1]);
  });
});
