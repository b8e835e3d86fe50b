import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { findLeaks, splitByGroup } from '../split/split-by-group.js';
import { HAS_RJDB, RJDB_DIR } from '../testing/shared-data.js';
import { tempFiles } from '../testing/tmp-files.js';
import { loadRjdb, readRjdb, rjdbToPairs, rjdbToSftPairs } from './rjdb.js';

const { write } = tempFiles();
const good = {
  'Job-Description': '## Job Title\nNurse\n\n## Required Skills\n1. Triage',
  'Resume-matched': '## Skills\n1. Triage\n\n## Experience\n1. Nurse (2019 - 2023)',
  'Resume-unmatched': '## Skills\n1. Filing\n\n## Experience\n1. Nurse (2022 - 2023)',
  Skills: ['Triage'],
  Experiences: ['Nurse'],
  'Experiences-years': [[['4 years as a Nurse'], ['Nurse (2019 - 2023)']], 2023, [4]],
  'Filtered-information': { Skills: ['Triage'] },
};

describe('RJDB loader (fixtures)', () => {
  it('reads rows with ids, lines and facts, and makes pairs and SFT pairs', async () => {
    const f = write('train.jsonl', `${JSON.stringify(good)}\n${JSON.stringify({ ...good, Skills: ['A', 'B'] })}\n`);
    const rows = await loadRjdb(f);
    expect(rows.map((r) => [r.id, r.index, r.line])).toEqual([
      ['rjdb-train:0', 0, 1],
      ['rjdb-train:1', 1, 2],
    ]);
    expect(rows[0]?.experiencesYears).toEqual(good['Experiences-years']);
    const pairs = rjdbToPairs(rows);
    expect(pairs.map((p) => [p.label, p.group, p.cvId])).toEqual([
      [1, 'rjdb-train:0', 'rjdb-train:0:matched'],
      [0, 'rjdb-train:0', 'rjdb-train:0:unmatched'],
      [1, 'rjdb-train:1', 'rjdb-train:1:matched'],
      [0, 'rjdb-train:1', 'rjdb-train:1:unmatched'],
    ]);
    expect(pairs[0]?.cv).toBe(good['Resume-matched']);
    expect(pairs[1]?.cv).toBe(good['Resume-unmatched']);
    expect(pairs.every((p) => p.source === 'rjdb' && p.jd === good['Job-Description'])).toBe(true);
    expect(rjdbToSftPairs(rows)).toEqual([
      { cv: good['Resume-matched'], jd: good['Job-Description'], source: 'rjdb', group: 'rjdb-train:0', cvId: 'rjdb-train:0:matched', jdId: 'rjdb-train:0' },
      expect.objectContaining({ group: 'rjdb-train:1' }),
    ]);
  });

  const bad: { name: string; row: unknown; field: string | undefined; reason: string }[] = [
    { name: 'a missing JD', row: { ...good, 'Job-Description': undefined }, field: 'Job-Description', reason: 'missing-field' },
    { name: 'an empty unmatched CV', row: { ...good, 'Resume-unmatched': ' \n ' }, field: 'Resume-unmatched', reason: 'empty-text' },
    { name: 'Skills that are not a string array', row: { ...good, Skills: 'Triage' }, field: 'Skills', reason: 'invalid-value' },
    { name: 'missing Experiences', row: { ...good, Experiences: undefined }, field: 'Experiences', reason: 'missing-field' },
    { name: 'an oversized CV', row: { ...good, 'Resume-matched': 'x'.repeat(3000) }, field: 'Resume-matched', reason: 'too-large' },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with file, line and field; skips it on request`, async () => {
      const f = write(`bad-${c.reason}-${c.field}.jsonl`, `${JSON.stringify(good)}\n${JSON.stringify(c.row)}\n${JSON.stringify(good)}\n`);
      const err = await loadRjdb(f, { maxFieldBytes: 2048 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      expect(err).toMatchObject({ file: f, line: 2, field: c.field, reason: c.reason });
      const rows = await loadRjdb(f, { maxFieldBytes: 2048, onError: 'skip' });
      expect(rows.map((r) => r.id)).toEqual([`rjdb-bad-${c.reason}-${c.field}:0`, `rjdb-bad-${c.reason}-${c.field}:1`]);
      expect(rows.report.skipped).toEqual([expect.objectContaining({ line: 2, field: c.field, reason: c.reason })]);
    });
  }

  it('streams with a report', async () => {
    const f = write('s.jsonl', `${JSON.stringify(good)}\nnot json\n`);
    const stream = readRjdb(f, { onError: 'skip', name: 'mine' });
    const ids: string[] = [];
    for await (const r of stream) ids.push(r.value.id);
    expect(ids).toEqual(['mine:0']);
    expect(stream.report).toMatchObject({ read: 2, kept: 1 });
  });
});

describe.skipIf(!HAS_RJDB)('RJDB loader on the shared sample', () => {
  it('loads train (709 rows) and test (158 rows) without errors', async () => {
    const train = await loadRjdb(`${RJDB_DIR}train.jsonl`);
    const test = await loadRjdb(`${RJDB_DIR}test.jsonl`);
    expect(train).toHaveLength(709);
    expect(test).toHaveLength(158);
    expect(train.report.skipped).toEqual([]);
    // a few published rows have an empty Skills list: they load (the texts are fine) and are counted here
    expect(train.filter((r) => r.skills.length > 0 && r.experiences.length > 0).length).toBeGreaterThan(0.98 * 709);
    const pairs = rjdbToPairs(train);
    expect(pairs).toHaveLength(2 * 709);
    expect(pairs.filter((p) => p.label === 1)).toHaveLength(709);
    expect(rjdbToSftPairs(test)).toHaveLength(158);
  });

  it('a split grouped by JD keeps matched and unmatched of a JD together (no leakage)', async () => {
    const pairs = rjdbToPairs(await loadRjdb(`${RJDB_DIR}train.jsonl`));
    const s = splitByGroup(pairs, { key: (p) => p.group ?? p.jd, seed: 3 });
    expect(findLeaks(s, (p) => p.group ?? p.jd)).toEqual([]);
    expect(findLeaks(s, (p) => p.jd)).toEqual([]); // also no JD text crosses splits
    expect(s.train.length + s.validation.length + s.test.length).toBe(pairs.length);
    expect(s.test.length / pairs.length).toBeGreaterThan(0.07);
    expect(s.test.length / pairs.length).toBeLessThan(0.13);
  });

  it('train and test of the sample share no first occupation (the published split is by occupation)', async () => {
    const train = await loadRjdb(`${RJDB_DIR}train.jsonl`);
    const test = await loadRjdb(`${RJDB_DIR}test.jsonl`);
    const occ = new Set(train.map((r) => r.experiences[0]));
    expect(test.filter((r) => occ.has(r.experiences[0])).length).toBe(0);
  });
});
