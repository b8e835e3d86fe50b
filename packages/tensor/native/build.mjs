// Install step of @girl/tensor: builds the native kernels with node-gyp against the Node headers npm is
// configured with, and installs the addon atomically as native/out/girl_native.node. Never downloads
// anything and never fails the install: where the addon cannot build (no compiler, no python3, no Node
// headers, GIRL_NATIVE=0) it prints one line and the package uses the wasm backend.
// A stamp (hash of the sources, Node's ABI and the CPU) skips rebuilding what is already built, so
// repeated `npm install`s do not rebuild, and a process using the addon never sees it half-written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const addonPath = join(outDir, 'girl_native.node');
const stampPath = join(outDir, 'stamp.txt');
const log = join(here, 'build.log');
const say = (msg) => console.log(`@girl/tensor: ${msg}`);

function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function sourceStamp() {
  const h = createHash('sha256');
  for (const name of ['binding.gyp', ...readdirSync(join(here, 'src')).sort().map((f) => join('src', f))]) {
    h.update(name).update(readFileSync(join(here, name)));
  }
  h.update(process.version).update(process.arch).update(os.cpus()[0]?.model ?? '');
  return h.digest('hex');
}

function findNodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // not a dependency here: try npm's bundled copy
  }
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(bundled) ? bundled : undefined;
}

/** Node's own headers (never downloaded): npm's nodedir setting, or the install prefix of this node. */
function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..')].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

function main() {
  if (process.env.GIRL_NATIVE === '0') return say('native kernels skipped (GIRL_NATIVE=0); using the wasm backend.');
  const stamp = sourceStamp();
  if (existsSync(addonPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) {
    return say('native kernels up to date.');
  }
  const gyp = findNodeGyp();
  if (!gyp) return say('native kernels not built (node-gyp not found); using the wasm backend.');
  const nodedir = findNodeDir();
  if (!nodedir) return say("native kernels not built (Node's headers were not found, and they are never downloaded); using the wasm backend.");
  const started = Date.now();
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`], { cwd: here, encoding: 'utf8', timeout: 300_000, env: process.env });
  writeAtomic(log, `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ? String(r.error) : ''}`);
  const built = join(here, 'build', 'Release', 'girl_native.node');
  if (r.status !== 0 || !existsSync(built)) {
    const reason = r.error ? r.error.message : ((r.stderr ?? '').split('\n').find((l) => /error/i.test(l))?.trim() ?? `exit ${r.status}`);
    return say(`native kernels not built (${reason.slice(0, 160)}; see ${log}); using the wasm backend.`);
  }
  mkdirSync(outDir, { recursive: true });
  const tmp = `${addonPath}.${process.pid}.tmp`;
  copyFileSync(built, tmp);
  renameSync(tmp, addonPath); // atomic: a running process keeps its mapped copy, new ones load the new file
  writeAtomic(stampPath, stamp);
  say(`native kernels built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main();
