import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSite } from './export-site.js';
import { startServer } from './http-server.js';
import { collectRunFiles } from './run-files.js';

/** A run folder with a fake exported policy (the server never parses the weights; the page does). */
async function fakeRun(withPolicy: boolean): Promise<string> {
  const run = await mkdtemp(join(tmpdir(), 'girl-serve-'));
  if (withPolicy) {
    await mkdir(join(run, 'ppo', 'policy'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.girl.json']) await writeFile(join(run, 'ppo', 'policy', f), '{}');
    await writeFile(join(run, 'ppo', 'policy', 'model.safetensors'), new Uint8Array([1, 2, 3]));
    await writeFile(join(run, 'ppo', 'policy', 'checksums.sha256'), `${'0'.repeat(64)}  model.safetensors\n`);
  }
  return run;
}

async function jobsFile(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'girl-serve-jobs-')), 'jobs.jsonl');
  await writeFile(file, [{ id: 'd1', title: 'Data Engineer', text: 'SQL and Spark.' }, { id: 'n1', title: 'Nurse', text: 'Triage.' }].map((j) => JSON.stringify(j)).join('\n'));
  return file;
}

describe('girl serve', () => {
  it('says what is missing when the run has no exported policy', async () => {
    const files = await collectRunFiles(await fakeRun(false), await jobsFile());
    expect(files.manifest.model).toBeNull();
    expect(files.manifest.problem).toMatch(/no exported policy: ppo\/policy\/config\.json, .* are missing/);
    expect(files.manifest.problem).toMatch(/girl pipeline --resume/);
    expect(files.manifest.jobs.count).toBe(2);
  });

  it('--f16 checks the F32 files against their checksums first, and reports a mismatch as the problem', async () => {
    const files = await collectRunFiles(await fakeRun(true), await jobsFile(), { f16: true });
    expect(files.manifest.model).toBeNull();
    expect(files.manifest.problem).toMatch(/damaged: .*model\.safetensors' does not match its SHA-256/);
    expect(files.manifest.problem).not.toContain(tmpdir());
  });

  it('refuses a run folder that does not exist, naming the flag', async () => {
    await expect(collectRunFiles(join(tmpdir(), 'girl-no-such-run-xyz'))).rejects.toThrow(/--run .*no such folder/);
  });

  it('serves the page, the manifest and the run files, and nothing else', async () => {
    const run = await collectRunFiles(await fakeRun(true), await jobsFile());
    const pageRoot = await mkdtemp(join(tmpdir(), 'girl-page-'));
    await writeFile(join(pageRoot, 'index.html'), '<!doctype html><title>t</title>');
    const server = await startServer(new Map([['index.html', join(pageRoot, 'index.html')]]), run, '127.0.0.1', 0);
    try {
      const port = (server.address() as { port: number }).port;
      const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`);
      expect(await (await get('/')).text()).toContain('<title>t</title>');
      const manifest = await (await get('/manifest.json')).json();
      expect(manifest).toMatchObject({ format: 'girl-page', model: 'ppo/policy', problem: null, checksums: true, jobs: { count: 2 } });
      expect(await (await get('/run/checksums.sha256')).text()).toContain('model.safetensors');
      expect(JSON.stringify(manifest)).not.toContain(tmpdir()); // no absolute path leaks
      expect(new Uint8Array(await (await get('/run/model.safetensors')).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
      expect(((await (await get('/run/jobs.json')).json()) as { id: string }[]).map((j) => j.id)).toEqual(['d1', 'n1']);
      for (const p of ['/ppo/policy/config.json', '/../config.json', '/%2e%2e/etc/passwd']) expect((await get(p)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' })).status).toBe(405);
    } finally {
      server.close();
    }
  });

  it('exports the same files into a new folder, and refuses a non-empty one', async () => {
    const run = await collectRunFiles(await fakeRun(true), await jobsFile());
    const out = join(await mkdtemp(join(tmpdir(), 'girl-export-')), 'site');
    const pageFile = join(await mkdtemp(join(tmpdir(), 'girl-page-')), 'index.html');
    await writeFile(pageFile, 'page');
    expect(await exportSite(new Map([['index.html', pageFile]]), run, out)).toBe(7);
    expect((await readdir(join(out, 'run'))).sort()).toEqual(['checksums.sha256', 'config.json', 'jobs.json', 'model.safetensors', 'tokenizer.girl.json']);
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).model).toBe('ppo/policy');
    await expect(exportSite(new Map(), run, out)).rejects.toThrow(/--export .*not empty/);
  });
});
