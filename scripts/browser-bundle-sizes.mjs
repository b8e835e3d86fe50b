// Sizes of the browser builds, as an app bundles them: `export * from '<pkg>'` through esbuild for a
// browser (the "browser" export condition), minified; raw and gzip bytes, and the share of each package.
// Usage: node scripts/browser-bundle-sizes.mjs   (after `npx turbo build --filter=@girl/cli...`)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/cli/package.json'));
const kib = (n) => Math.round(n / 102.4) / 10;
const owner = (p) => (/packages\/(\w+)\//.exec(p)?.[1] ? `@girl/${/packages\/(\w+)\//.exec(p)[1]}` : /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(p)?.[1] ?? p);
const out = {};
for (const pkg of ['@girl/tokenizer', '@girl/tensor', '@girl/generator']) {
  const r = await build({
    stdin: { contents: `export * from '${pkg}';`, resolveDir: join(root, 'packages/cli') },
    bundle: true, write: false, platform: 'browser', format: 'esm', minify: true, metafile: true, logLevel: 'error',
  });
  const bytes = r.outputFiles[0].contents;
  const shares = {};
  for (const [p, i] of Object.entries(Object.values(r.metafile.outputs)[0].inputs)) shares[owner(p)] = (shares[owner(p)] ?? 0) + i.bytesInOutput;
  out[pkg] = { minKiB: kib(bytes.length), gzipKiB: kib(gzipSync(bytes).length), byPackageKiB: Object.fromEntries(Object.entries(shares).filter(([, v]) => kib(v) > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, kib(v)])) };
}
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
out.wasmBinariesKiB = Object.fromEntries(readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')).map((f) => [f, kib(statSync(join(wasmDir, f)).size)]));
const app = join(root, 'packages/cli/dist/page/app.js');
try {
  const b = readFileSync(app);
  out.pageAppJs = { minKiB: kib(b.length), gzipKiB: kib(gzipSync(b).length), note: 'girl serve page: generator + tokenizer + tensor + tfjs webgl, webgpu, wasm, cpu backends' };
} catch {
  out.pageAppJs = null;
}
console.log(JSON.stringify({ ...out, date: new Date().toISOString().slice(0, 10) }, null, 1));
