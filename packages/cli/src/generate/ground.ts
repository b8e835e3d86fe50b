/**
 * `--jobs <file>`: grounding — the real jobs nearest to a generated JD (TF-IDF cosine), so a job seeker
 * sees openings that exist, not only the JD the model wrote.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCsv, readJsonl } from '@girl/data';
import type { Job } from './nearest-jobs.js';

export { nearestJobs } from './nearest-jobs.js';
export type { Job } from './nearest-jobs.js';

/** Reads jobs from JSONL (`{ id?, title?, text | jd | "Job-Description" }`), CSV (same columns) or plain text (one job per blank-line-separated block). */
export async function loadJobs(path: string): Promise<Job[]> {
  const ext = extname(path).toLowerCase();
  const fromRecord = (r: Record<string, unknown>, i: number): Job => {
    const text = r.text ?? r.jd ?? r['Job-Description'] ?? r.description;
    if (typeof text !== 'string' || !text.trim()) throw new Error(`${path}: job ${i + 1} has no text; give each job a "text" (or "jd") field.`);
    return { id: String(r.id ?? i + 1), title: typeof r.title === 'string' ? r.title : null, text };
  };
  const jobs: Job[] = [];
  if (ext === '.jsonl' || ext === '.ndjson') {
    for await (const { value } of readJsonl(path)) jobs.push(fromRecord(value as Record<string, unknown>, jobs.length));
  } else if (ext === '.csv' || ext === '.tsv') {
    for await (const { value } of readCsv(path, ext === '.tsv' ? { delimiter: '\t' } : {})) jobs.push(fromRecord(value, jobs.length));
  } else {
    const text = await readFile(path, 'utf8');
    text.split(/\n\s*\n\s*\n|^---$/m).map((t) => t.trim()).filter(Boolean).forEach((t, i) => jobs.push({ id: String(i + 1), title: t.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.trim() ?? null, text: t }));
  }
  if (jobs.length === 0) throw new Error(`${path}: no jobs found. Use JSONL/CSV with a "text" field, or plain text with jobs separated by two blank lines.`);
  return jobs;
}
