import { describe, expect, it } from 'vitest';
import { DataError, createLoadReport } from '../errors.js';
import { tempFiles } from '../testing/tmp-files.js';
import { readCsv } from './csv.js';
import { loadPairs, loadSftPairs } from './pairs.js';
import { readAll } from './record-stream.js';

const { write } = tempFiles();

async function rejects(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('readCsv', () => {
  it('parses quoted commas, doubled quotes and embedded newlines; line is where the record starts', async () => {
    const f = write('q.csv', 'resume_text,job_text,y\n"Python, SQL","say ""hi""",1\n"multi\nline CV",jd,0\n\nlast,jd,1\n');
    const rows = [];
    for await (const r of readCsv(f)) rows.push([r.line, r.value]);
    expect(rows).toEqual([
      [2, { resume_text: 'Python, SQL', job_text: 'say "hi"', y: '1' }],
      [3, { resume_text: 'multi\nline CV', job_text: 'jd', y: '0' }],
      [6, { resume_text: 'last', job_text: 'jd', y: '1' }],
    ]);
  });

  it('reads TSV by extension and files without a header when names are given', async () => {
    const tsv = write('t.tsv', 'cv\tjd\tlabel\nA, B\tJD\t1\n');
    expect(await loadPairs(tsv)).toEqual([expect.objectContaining({ cv: 'A, B', jd: 'JD', label: 1, source: 't.tsv' })]);
    const nohead = write('n.csv', 'CV one,JD one\n');
    expect(await loadSftPairs(nohead, { header: ['cv', 'jd'] })).toEqual([{ cv: 'CV one', jd: 'JD one', source: 'n.csv' }]);
  });
});

describe('loadPairs (CSV) bad input', () => {
  const head = 'resume_text,job_text,y\n';
  const good = '"CV ok",JD ok,1\n';
  const columns = { cv: 'resume_text', jd: 'job_text', label: 'y' };
  const cases: { name: string; record: Buffer; reason: string; field: string | undefined }[] = [
    { name: 'a record with too few fields', record: Buffer.from('only one field\n'), reason: 'malformed', field: undefined },
    { name: 'a broken quote', record: Buffer.from('bad"quote,jd,1\n'), reason: 'malformed', field: undefined },
    { name: 'an empty CV', record: Buffer.from('"  ",jd,1\n'), reason: 'empty-text', field: 'resume_text' },
    { name: 'a missing label', record: Buffer.from('cv,jd,\n'), reason: 'missing-field', field: 'y' },
    { name: 'invalid UTF-8 in the JD', record: Buffer.concat([Buffer.from('cv,caf'), Buffer.from([0xe9]), Buffer.from(',1\n')]), reason: 'invalid-utf8', field: 'job_text' },
    { name: 'a CV over maxFieldBytes', record: Buffer.from(`${'z'.repeat(5000)},jd,1\n`), reason: 'too-large', field: 'resume_text' },
  ];
  for (const c of cases) {
    it(`throws for ${c.name}, naming file, line and field`, async () => {
      const f = write(`bad-${c.reason}.csv`, Buffer.concat([Buffer.from(head + good), c.record, Buffer.from(good)]));
      const err = await rejects(loadPairs(f, { columns, maxFieldBytes: 4096 }));
      expect([err.file, err.line, err.field, err.reason]).toEqual([f, 3, c.field, c.reason]);
      expect(err.message).toContain(`${f}:3`);
    });
    it(`skips and reports ${c.name}`, async () => {
      const f = write(`skip-${c.reason}.csv`, Buffer.concat([Buffer.from(head + good), c.record, Buffer.from(good)]));
      const report = createLoadReport();
      const pairs = await loadPairs(f, { columns, maxFieldBytes: 4096, onError: 'skip', report });
      expect(pairs.map((p) => p.cv)).toEqual(['CV ok', 'CV ok']);
      expect(report.read).toBe(3);
      expect(report.kept).toBe(2);
      expect(report.skipped).toEqual([expect.objectContaining({ file: f, line: 3, field: c.field, reason: c.reason })]);
    });
  }

  it('names the missing column when the mapping is wrong', async () => {
    const f = write('cols.csv', head + good);
    const err = await rejects(loadPairs(f));
    expect(err.reason).toBe('missing-field');
    expect(err.field).toBe('cv');
    expect(err.message).toMatch(/resume_text/); // lists the columns the record has
    expect(err.message).toMatch(/columns option/);
  });

  it('an unclosed quote at the end is reported, not dropped', async () => {
    const f = write('unclosed.csv', `${head}${good}"never closed,jd,1\n`);
    const err = await rejects(loadPairs(f, { columns }));
    expect(err.reason).toBe('malformed');
    const stream = await readAll(readCsv(f, { onError: 'skip' }));
    expect(stream).toHaveLength(1);
    expect(stream.report.skipped).toHaveLength(1);
    expect(stream.report.skipped[0]?.line).toBe(3);
  });
});

describe('readCsv limits and headers', () => {
  it('a record over maxLineBytes stops the load with a too-large error, even in skip mode', async () => {
    const f = write('huge.csv', `cv,jd,label\na,b,1\n${'z'.repeat(5000)},w,1\nq,r,0\n`);
    await expect(loadPairs(f, { maxLineBytes: 1000 })).rejects.toMatchObject({ reason: 'too-large', line: 3 });
    await expect(loadPairs(f, { maxLineBytes: 1000, onError: 'skip' })).rejects.toMatchObject({ reason: 'too-large', line: 3 });
  });

  it('rejects duplicate or empty header names', async () => {
    await expect(loadPairs(write('dup.csv', 'cv,jd,cv\na,b,c\n'))).rejects.toThrow(/names column "cv" twice/);
    await expect(loadPairs(write('empty.csv', 'cv,,label\na,b,1\n'))).rejects.toThrow(/empty column name/);
  });

  it('a stream can be iterated once', async () => {
    const stream = readCsv(write('once.csv', 'a\n1\n'));
    for await (const _ of stream) void _;
    await expect(readAll(stream)).rejects.toThrow(/only once/);
  });
});
