import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

/** Bundles `code` as an app would (for a browser esbuild picks the "browser" export condition); returns the inputs. */
async function browserInputs(code: string, platform: 'browser' | 'node' = 'browser'): Promise<string[]> {
  const r = await build({ stdin: { contents: code, resolveDir: import.meta.dirname }, bundle: true, write: false, platform, format: 'esm', external: platform === 'node' ? ['@tensorflow/*'] : [], metafile: true, logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

describe('browser builds', () => {
  it.each([
    ['@girl/tensor', "import { initBackend, decodeSafetensors } from '@girl/tensor'; console.log(initBackend, decodeSafetensors);"],
    ['@girl/tokenizer', "import { Tokenizer } from '@girl/tokenizer'; console.log(Tokenizer);"],
    ['@girl/generator', "import { modelFromFiles, generateStream } from '@girl/generator'; console.log(modelFromFiles, generateStream);"],
  ])('%s bundles for a browser without node: modules or the native addon', async (pkg, code) => {
    const inputs = await browserInputs(code);
    expect(inputs.some((p) => p.includes(`${pkg.replace('@girl/', '')}/dist/`))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('node:') || /load-addon|wasm-threads|\.node$/.test(p))).toEqual([]);
  });

  it('the same check flags the Node entry of @girl/tensor (so it can fail)', async () => {
    const inputs = await browserInputs("import { initBackend } from '@girl/tensor'; console.log(initBackend);", 'node');
    expect(inputs.filter((p) => /load-addon|wasm-threads/.test(p)).length).toBeGreaterThan(0);
  });
});
