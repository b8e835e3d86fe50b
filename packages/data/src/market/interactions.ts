import type { Rng } from '../rng.js';
import type { Interaction, InteractionEvent } from '../types.js';
import type { Job, Person } from './profiles.js';

/** Options of {@link simulateInteractions}. */
export interface InteractionSimOptions {
  /** Share of people with no interactions. */
  readonly coldStartRate: number;
  /** Views per other person, inclusive range. */
  readonly viewsPerPerson: readonly [number, number];
  /** Year the log starts in (the first half of it). */
  readonly referenceYear: number;
}

/**
 * Simulate an interaction log: each person (except a cold-start share) views some jobs, 60 % from
 * their occupation, and moves down the funnel view → apply → interview → hire with probabilities that
 * are much higher when the job fits (apply 0.6 vs 0.1, interview 0.5 vs 0.05, hire 0.3 vs 0.02).
 * Sorted by time, then person.
 *
 * @example
 * ```ts
 * const { interactions } = simulateInteractions(createRng(1), people, jobs, (p, j) => oracle.fitRecords(p.cv, j.jd).fits, opts);
 * ```
 */
export function simulateInteractions(
  r: Rng,
  people: readonly Person[],
  jobs: readonly Job[],
  fitsJob: (person: Person, job: Job) => boolean,
  o: InteractionSimOptions,
): { interactions: Interaction[]; coldStartPeople: string[]; coldStartJobs: string[] } {
  const out: Interaction[] = [];
  const cold: string[] = [];
  if (jobs.length === 0) return { interactions: out, coldStartPeople: people.map((p) => p.id), coldStartJobs: [] };
  const byOcc = new Map<string, Job[]>();
  for (const j of jobs) byOcc.set(j.occupation, [...(byOcc.get(j.occupation) ?? []), j]);
  const start = Date.UTC(o.referenceYear, 0, 1);
  const DAY = 86_400_000;
  people.forEach((p, i) => {
    const pr = r.fork(String(i));
    if (pr.chance(o.coldStartRate)) {
      cold.push(p.id);
      return;
    }
    const n = pr.range(o.viewsPerPerson[0], o.viewsPerPerson[1]);
    let t = start + pr.int(180) * DAY + pr.int(DAY);
    const seen = new Set<string>();
    const before = out.length;
    for (let v = 0; v < n; v++) {
      const same = byOcc.get(p.occupation);
      const job = same && pr.chance(0.6) ? pr.pick(same) : pr.pick(jobs);
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      t += 1 + pr.int(3 * DAY);
      const push = (event: InteractionEvent): void => {
        out.push({ personId: p.id, jobId: job.id, event, timestamp: t });
        t += 1 + pr.int(DAY);
      };
      push('view');
      const fits = fitsJob(p, job);
      if (!pr.chance(fits ? 0.6 : 0.1)) continue;
      push('apply');
      if (!pr.chance(fits ? 0.5 : 0.05)) continue;
      push('interview');
      if (pr.chance(fits ? 0.3 : 0.02)) push('hire');
    }
    if (out.length === before) cold.push(p.id); // every view was a repeat: no events
  });
  out.sort((a, b) => a.timestamp - b.timestamp || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const touched = new Set(out.map((x) => x.jobId));
  return { interactions: out, coldStartPeople: cold, coldStartJobs: jobs.filter((j) => !touched.has(j.id)).map((j) => j.id) };
}
