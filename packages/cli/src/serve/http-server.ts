/**
 * A small static server for the page and one run's files: fixed URLs only (nothing else on disk is
 * reachable), no caching (a retrained run shows at once), localhost by default. No inference here: the
 * browser does it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname } from 'node:path';
import type { RunFiles } from './run-files.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.safetensors': 'application/octet-stream',
};

/** Serves `page` (URL path → file) and `run` on `host:port`; resolves once listening. */
export async function startServer(page: Map<string, string>, run: RunFiles, host: string, port: number): Promise<Server> {
  const manifest = new TextEncoder().encode(JSON.stringify(run.manifest));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const send = (status: number, type: string, body?: Uint8Array | string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only');
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    if (path === 'manifest.json') return send(200, type, manifest);
    const runFile = run.files.get(path);
    const file = runFile && 'path' in runFile ? runFile.path : page.get(path);
    if (runFile && 'bytes' in runFile) return send(200, type, runFile.bytes);
    if (!file) return send(404, 'text/plain', `not found: /${path}`);
    stat(file).then(
      (s) => {
        res.writeHead(200, { 'content-type': type, 'content-length': s.size, 'cache-control': 'no-store' });
        createReadStream(file).pipe(res);
      },
      () => send(404, 'text/plain', `not found: /${path}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
