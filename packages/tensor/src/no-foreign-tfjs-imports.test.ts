// Architecture rule: only @girl/tensor may import TensorFlow.js. This test scans every other workspace's
// sources (packages/*/src, packages/*/bench, examples/*) and fails on an import of @tensorflow/*.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const IMPORT = /(?:from\s*['"]|require\(\s*['"]|import\(\s*['"]|import\s+['"])@tensorflow\//;

function walk(dir: string, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(m|c)?[jt]sx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Files outside packages/tensor that import @tensorflow/*. */
export function foreignTfjsImports(root: string): string[] {
  const files: string[] = [];
  const pkgs = join(root, 'packages');
  for (const pkg of existsSync(pkgs) ? readdirSync(pkgs) : []) {
    if (pkg === 'tensor') continue;
    walk(join(pkgs, pkg), files);
  }
  walk(join(root, 'examples'), files);
  return files.filter((f) => IMPORT.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
}

describe('only @girl/tensor imports TensorFlow.js', () => {
  it('finds no @tensorflow/* import in other packages or examples', () => {
    expect(foreignTfjsImports(repo)).toEqual([]);
  });

  it('the scanner itself catches such an import (so the check above can fail)', () => {
    expect(IMPORT.test(`import * as tf from '@tensorflow/tfjs-core';`)).toBe(true);
    expect(IMPORT.test(`const tf = require("@tensorflow/tfjs");`)).toBe(true);
    expect(IMPORT.test(`await import('@tensorflow/tfjs-node')`)).toBe(true);
    expect(IMPORT.test(`import { tf } from '@girl/tensor';`)).toBe(false);
  });
});
