#!/usr/bin/env node
// The `girl` command's entry (package.json "bin"). It is committed, so npm links `girl` at install time even
// before anything is built: in a fresh clone `npm ci && npx girl --help` runs OUR CLI, never a registry
// package of the same name. It loads the built CLI (../dist/cli.js); inside the GIRL repository, when that
// is missing (right after `npm ci`), it first builds @girl/cli and its dependencies with turbo and says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import process from 'node:process';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(pkg, 'dist', 'cli.js');

if (!existsSync(cli)) {
  const root = join(pkg, '..', '..');
  const turbo = join(root, 'node_modules', 'turbo', 'bin', 'turbo');
  if (!existsSync(join(root, 'turbo.json')) || !existsSync(turbo)) {
    process.stderr.write(`girl: ${cli} is missing and this is not a GIRL checkout with turbo installed; reinstall @girl/cli (or run 'npm ci' then 'npm run build' in the repository).\n`);
    process.exit(1);
  }
  process.stderr.write('girl: first run: building @girl/cli and the packages it needs (npx turbo build --filter=@girl/cli...)…\n');
  const r = spawnSync(process.execPath, [turbo, 'build', '--filter=@girl/cli...', '--output-logs=errors-only'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0 || !existsSync(cli)) {
    process.stderr.write(`girl: the build failed (exit ${r.status ?? r.signal}); see the output above, or run 'npm run build' in ${root}.\n`);
    process.exit(1);
  }
}

await import(pathToFileURL(cli).href);
