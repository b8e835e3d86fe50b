import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION as fromBrowser } from './browser.js';
import { VERSION } from './index.js';

describe('VERSION', () => {
  it("is the version in package.json, in the Node and the browser entry alike", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(fromBrowser).toBe(pkg.version);
  });
});
