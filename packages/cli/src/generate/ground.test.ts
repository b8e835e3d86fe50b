import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJobs, nearestJobs } from './ground.js';

describe('grounding', () => {
  it('ranks real jobs by similarity to the generated JD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-jobs-'));
    const file = join(dir, 'jobs.jsonl');
    await writeFile(
      file,
      [
        { id: 'n1', title: 'Nurse', text: 'Registered nurse for the emergency ward, triage and patient care.' },
        { id: 'd1', title: 'Data Engineer', text: 'Data engineer: SQL, Spark, Kafka pipelines.' },
      ]
        .map((j) => JSON.stringify(j))
        .join('\n'),
    );
    const jobs = await loadJobs(file);
    const top = nearestJobs('We need a data engineer with Spark and SQL.', jobs, 1);
    expect(top[0]?.job.id).toBe('d1');
    expect(top[0]?.similarity).toBeGreaterThan(0);
  });

  it('says what a job needs when its text is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-jobs-'));
    const file = join(dir, 'jobs.jsonl');
    await writeFile(file, JSON.stringify({ id: 1, title: 'x' }));
    await expect(loadJobs(file)).rejects.toThrow(/"text"/);
  });
});
