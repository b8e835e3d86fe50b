import { describe, expect, it } from 'vitest';
import { tempFiles } from '../testing/tmp-files.js';
import { loadInteractions } from './interactions.js';
import { writeJsonl } from './write-jsonl.js';
import { createJobMarket } from '../market/market.js';
import { join } from 'node:path';

const { dir, write } = tempFiles();

describe('loadInteractions', () => {
  it('round-trips the synthetic market log through JSONL', async () => {
    const m = createJobMarket({ seed: 3, people: 40, jobs: 30, pairs: 0 });
    const f = join(dir, 'log.jsonl');
    await writeJsonl(f, m.interactions);
    expect(await loadInteractions(f)).toEqual(m.interactions);
  });

  it('maps columns and events, and parses ISO and epoch timestamps (CSV)', async () => {
    const f = write('events.csv', 'user,item,action,ts\nu1,j1,click,2025-01-02T03:04:05Z\nu1,j1,APPLY,1735787045000\n');
    const log = await loadInteractions(f, { columns: { personId: 'user', jobId: 'item', event: 'action', timestamp: 'ts' }, eventMap: { click: 'view' } });
    expect(log).toEqual([
      { personId: 'u1', jobId: 'j1', event: 'view', timestamp: Date.UTC(2025, 0, 2, 3, 4, 5) },
      { personId: 'u1', jobId: 'j1', event: 'apply', timestamp: 1735787045000 },
    ]);
  });

  it('names file, line and field for unknown events, bad or missing timestamps; skips them on request', async () => {
    const f = write('bad.csv', 'personId,jobId,event,timestamp\np,j,view,1\np,j,like,2\np,j,view,yesterday\np,,view,3\np,j,view,\n');
    await expect(loadInteractions(f)).rejects.toMatchObject({ line: 3, field: 'event', reason: 'invalid-value' });
    const log = await loadInteractions(f, { onError: 'skip' });
    expect(log).toHaveLength(1);
    expect(log.report.skipped.map((s) => [s.line, s.field, s.reason])).toEqual([
      [3, 'event', 'invalid-value'],
      [4, 'timestamp', 'invalid-value'],
      [5, 'jobId', 'missing-field'],
      [6, 'timestamp', 'missing-field'],
    ]);
    expect(log.report.skipped[0]?.message).toMatch(/eventMap/);
    expect(() => loadInteractions(f, { eventMap: { like: 'love' as never } })).toThrow(/not one of/);
  });
});
