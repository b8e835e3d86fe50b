/**
 * The real jobs nearest to a generated JD (TF-IDF cosine), file-free so the job seeker's page ranks jobs
 * in the browser exactly as `girl generate --jobs` does.
 */
import { fitTfidf } from '@girl/core';

/** A real job. */
export interface Job {
  id: string;
  title: string | null;
  text: string;
}

/** The `k` jobs most similar to `jd`, best first. */
export function nearestJobs(jd: string, jobs: readonly Job[], k: number): { job: Job; similarity: number }[] {
  const tfidf = fitTfidf([jd, ...jobs.map((j) => j.text)]);
  return jobs
    .map((job) => ({ job, similarity: tfidf.cosine(jd, job.text) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
