// Install step of @girl/tensor: builds the native kernels (native/build/Release/girl_native.node) with
// node-gyp, against the Node headers npm is configured with. Never downloads anything, never fails the
// install: where the addon cannot build (no compiler, no python3, GIRL_NATIVE=0), it prints one line and
// the package uses the wasm backend.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const log = join(here, 'build.log');
const say = (msg) => console.log(`@girl/tensor: ${msg}`);

function findNodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const require = createRequire(import.meta.url);
  for (const candidate of ['node-gyp/bin/node-gyp.js']) {
    try {
      return require.resolve(candidate);
    } catch {
      // not a dependency here; try npm's bundled copy below
    }
  }
  const npmDir = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(npmDir) ? npmDir : undefined;
}

/** Node's own headers (never downloaded): npm's nodedir setting, or the install prefix of this node. */
function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..')].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

function main() {
  if (process.env.GIRL_NATIVE === '0') return say('native kernels skipped (GIRL_NATIVE=0); using the wasm backend.');
  const gyp = findNodeGyp();
  if (!gyp) return say('native kernels not built (node-gyp not found); using the wasm backend.');
  const nodedir = findNodeDir();
  if (!nodedir) return say("native kernels not built (Node's headers were not found, and they are never downloaded); using the wasm backend.");
  const started = Date.now();
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`], { cwd: here, encoding: 'utf8', timeout: 300_000, env: process.env });
  mkdirSync(here, { recursive: true });
  const tmp = `${log}.tmp`;
  writeFileSync(tmp, `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ? String(r.error) : ''}`);
  renameSync(tmp, log);
  if (r.status !== 0 || !existsSync(join(here, 'build', 'Release', 'girl_native.node'))) {
    const reason = r.error ? r.error.message : (r.stderr ?? '').split('\n').filter((l) => /error/i.test(l))[0]?.trim() ?? `exit ${r.status}`;
    return say(`native kernels not built (${reason.slice(0, 160)}; see ${log}); using the wasm backend.`);
  }
  say(`native kernels built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main();
