#!/usr/bin/env node
// Builds a workspace package and the @girl/* packages it depends on (their dist/ folders) before a
// single-package command such as `npm test -w @girl/generator` or `npm run bench -w @girl/tensor`, so
// those work in a fresh clone right after `npm ci`. Runs as the packages' `pretest` / `prebench`.
//
// Inside a turbo task (the root `npm test`, `npm run bench`, CI) turbo has already built what the task
// depends on, so this does nothing there. Turbo's cache makes a repeat build of unchanged packages quick.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.env.npm_package_name;
if (process.env.TURBO_HASH || process.env.GIRL_SKIP_DEP_BUILD === '1') process.exit(0);
if (!name) {
  console.error('build-deps: npm_package_name is not set; run this through npm (npm test -w <package>).');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = ['turbo', 'build', `--filter=${name}...`, '--output-logs=errors-only'];
console.error(`build-deps: npx ${args.join(' ')} (set GIRL_SKIP_DEP_BUILD=1 to skip)`);
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
