import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The core must run in browsers: only the Node entry (and test helpers) may import Node built-ins. */
describe('browser safety', () => {
  it('keeps node: imports out of the core modules', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const core = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'node.ts' && f !== 'test-corpus.ts');
    expect(core.length).toBeGreaterThan(10);
    for (const f of core) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // code only
      expect(text, f).not.toMatch(/from ['"](node:|fs|path|os|crypto)/);
      expect(text, f).not.toMatch(/\b(Buffer|process)\./);
    }
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/node\.js|test-corpus/);
  });
});
