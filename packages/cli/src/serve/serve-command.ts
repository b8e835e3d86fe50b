/**
 * `girl serve`: the job seeker's page. `--run <dir>` serves it on localhost with the run's exported policy,
 * tokenizer and job index; the browser loads them and generates there (webgpu, else webgl, else wasm).
 * `--export <dir>` writes the same page as static files instead.
 */
import { Command } from 'commander';
import { exportSite } from './export-site.js';
import { startServer } from './http-server.js';
import { pageFiles } from './page-assets.js';
import { collectRunFiles } from './run-files.js';

/** Flags of `girl serve`. */
export interface ServeFlags {
  run?: string;
  export?: string;
  jobs?: string;
  port: string;
  host: string;
  f16?: boolean;
}

/** Runs `girl serve`; resolves when the site is exported, or (serving) when the server closes. */
export async function serveAction(f: ServeFlags): Promise<void> {
  if (!f.run) throw new Error('Pass --run <run folder> (a trained run, e.g. runs/<id>).');
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer in [0, 65535] (0: any free port); got ${f.port}.`);
  const [page, run] = await Promise.all([pageFiles(), collectRunFiles(f.run, f.jobs, { f16: f.f16 ?? false })]);
  if (run.manifest.problem) process.stderr.write(`note: ${run.manifest.problem}\n`);
  if (f.export) {
    const n = await exportSite(page, run, f.export);
    process.stderr.write(`Wrote ${n} files to ${f.export}. Serve that folder with any static host (open index.html through http, not file://).\n`);
    return;
  }
  const server = await startServer(page, run, f.host, port);
  const addr = server.address();
  const url = `http://${f.host === '0.0.0.0' ? 'localhost' : f.host}:${typeof addr === 'object' && addr ? addr.port : port}/`;
  process.stdout.write(`Serving run '${run.manifest.run}' at ${url}  (${run.manifest.jobs.count} jobs; Ctrl+C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The `serve` command. */
export function serveCommand(): Command {
  return new Command('serve')
    .description("serve the job seeker's page: paste a CV, get a JD written in the browser, with its explanation and the nearest real jobs")
    .option('--run <dir>', 'a trained run folder (its ppo/policy is loaded into the browser)')
    .option('--export <dir>', 'write the page and the run as static files into this new folder instead of serving')
    .option('--jobs <file>', "real jobs to rank (as 'girl generate --jobs'); default: the run's own JDs")
    .option('--f16', 'send the weights as F16 (half the download; the JD may differ slightly from girl generate)')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      `
Examples:
  girl serve --run runs/<id>                 then open http://127.0.0.1:8080/
  girl serve --run runs/<id> --export site/  static files for any host`,
    )
    .action((f: ServeFlags) => serveAction(f));
}
