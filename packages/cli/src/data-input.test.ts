import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { DataInputError, loadPipelineData, warnSmallEval } from './data-input.js';

describe('loadPipelineData: --train / --eval sanity', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-data-input-'));
    await writeFile(join(dir, 'empty.jsonl'), '');
    await writeFile(join(dir, 'pairs.jsonl'), Array.from({ length: 6 }, (_, i) => JSON.stringify({ cv: `cv ${i} python`, jd: `jd ${i} python`, label: i % 2, group: `g${i}` })).join('\n'));
    await writeFile(join(dir, 'neg.jsonl'), JSON.stringify({ cv: 'cv', jd: 'jd', label: 0 }));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  const cfg = (train: string, evalPath: string | null) => resolveConfig({ preset: 'micro', data: { train: join(dir, train), eval: evalPath === null ? null : join(dir, evalPath) } });

  it('an empty file is named with its flag, not reported as missing labels', async () => {
    await expect(loadPipelineData(cfg('empty.jsonl', null))).rejects.toThrow(/empty\.jsonl' \(--train\) holds no records/);
    await expect(loadPipelineData(cfg('pairs.jsonl', 'empty.jsonl'))).rejects.toThrow(/empty\.jsonl' \(--eval\) holds no records/);
    await expect(loadPipelineData(cfg('pairs.jsonl', 'neg.jsonl'))).rejects.toThrow(/neg\.jsonl' \(--eval\) has no pair with label 1/);
  });

  it('refuses the same file as --train and --eval, and warns about a tiny evaluation set', async () => {
    await expect(loadPipelineData(cfg('pairs.jsonl', 'pairs.jsonl'))).rejects.toThrow(DataInputError);
    await expect(loadPipelineData(cfg('pairs.jsonl', 'pairs.jsonl'))).rejects.toThrow(/--train and --eval are the same file/);
    const notes: string[] = [];
    await writeFile(join(dir, 'eval.jsonl'), JSON.stringify({ cv: 'cv x', jd: 'jd x', label: 1 }));
    await loadPipelineData(cfg('pairs.jsonl', 'eval.jsonl'), (l) => notes.push(l));
    expect(notes.join('\n')).toMatch(/--eval '.*eval\.jsonl' has 1 matched and 1 labelled pairs; evaluation figures on fewer than 20 are noise/);
    expect(notes.join('\n')).toMatch(/has only label 1; AUC needs both labels/);
  });

  it('warnSmallEval is silent for a large evaluation set with both labels', () => {
    const notes: string[] = [];
    const pairs = Array.from({ length: 40 }, (_, i) => ({ cv: 'c', jd: 'j', group: 'g', label: (i % 2) as 0 | 1 }));
    warnSmallEval(20, pairs, 'x', (l) => notes.push(l));
    expect(notes).toEqual([]);
  });
});
