#!/usr/bin/env node
// Checks every workspace package.json for the release rules (run by `npm run check:packages`):
// 1. a dependency on another @girl package is a caret range that the package's current version satisfies
//    (changesets rewrites these ranges on every release: .changeset/config.json updateInternalDependencies);
// 2. no script uses a command that only some machines have (flock, sudo, taskset, …);
// 3. a package with tests or benchmarks builds its dependencies first (`pretest` / `prebench`), so
//    `npm test -w <pkg>` works in a fresh clone after `npm ci`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs = ['packages', 'examples'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n)));
const manifests = dirs.filter((d) => existsSync(join(d, 'package.json'))).map((d) => ({ dir: d, pkg: JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) }));
const versions = new Map(manifests.map(({ pkg }) => [pkg.name, pkg.version]));
const machineSpecific = /\b(flock|sudo|taskset|nice|ionice|numactl)\b/;
const problems = [];

for (const { dir, pkg } of manifests) {
  const where = `${dir.slice(root.length)}/package.json`;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (!versions.has(dep)) continue;
      const want = `^${versions.get(dep)}`;
      if (range !== want) problems.push(`${where}: ${field}["${dep}"] is "${range}"; use "${want}" (a caret range on the current version).`);
    }
  }
  for (const [name, cmd] of Object.entries(pkg.scripts ?? {})) {
    const m = machineSpecific.exec(cmd);
    if (m) problems.push(`${where}: script "${name}" uses \`${m[1]}\`, which not every machine has; remove it.`);
  }
  if (dir.includes('/packages/')) {
    for (const task of ['test', 'bench']) {
      if (pkg.scripts?.[task] && !pkg.scripts[`pre${task}`]?.includes('build-deps.mjs')) {
        problems.push(`${where}: "${task}" has no "pre${task}": "node ../../scripts/build-deps.mjs", so it fails in a fresh clone.`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`check-manifests: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-manifests: ${manifests.length} package.json files follow the release rules.`);
