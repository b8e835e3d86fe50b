import { createJobMarket } from '@girl/data';
import { describe, expect, it } from 'vitest';
import { JobIndex } from './job-index.js';

describe('JobIndex', () => {
  it('finds the job a JD was written from, by BM25 and TF-IDF', async () => {
    const index = await JobIndex.build([
      { id: 'a', text: 'Senior data engineer: Python, Spark, Airflow pipelines.' },
      { id: 'b', text: 'Registered nurse for the emergency ward, triage.' },
      { id: 'c', text: 'Chef de partie, sauces and pastry.' },
    ]);
    expect(index.nearest('We need a data engineer who knows Spark and Python', 1)[0]?.id).toBe('a');
    expect(index.nearest('nurse triage', 2, 'tfidf').map((m) => m.id)[0]).toBe('b');
    expect(index.nearest('zzz', 3).map((m) => m.rank)).toEqual([0, 1, 2]);
    expect(() => index.nearest('x', 0)).toThrow(/positive integer/);
    await expect(index.nearest('x', 1, 'embedding')).rejects.toThrow(/needs an embedder/);
  });

  it('grounds market JDs in jobs of the same occupation; embedding scoring uses the embedder', async () => {
    const market = createJobMarket({ seed: 3, people: 40, jobs: 150 });
    const index = await JobIndex.build(
      market.jobs.map((j) => ({ id: j.id, text: j.jd.text })),
      { embed: async (texts) => texts.map((t) => [t.length, 1]) },
    );
    let same = 0;
    for (const p of market.sftPairs.slice(0, 30)) {
      const top = index.nearest(p.jd, 3);
      if (top.some((m) => market.jobs.find((j) => j.id === m.id)?.occupation === p.occupation)) same++;
    }
    expect(same).toBeGreaterThanOrEqual(25);
    const emb = await index.nearest(market.sftPairs[0]?.jd as string, 2, 'hybrid');
    expect(emb).toHaveLength(2);
    await expect(JobIndex.build([{ id: 'x', text: 'a' }, { id: 'x', text: 'b' }])).rejects.toThrow(/duplicate/);
  });
});
