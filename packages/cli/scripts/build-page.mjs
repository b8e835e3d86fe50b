// Builds the job seeker's page into dist/page: app.js (esbuild, "browser" export conditions, so no
// node: module and no native addon can enter), index.html, style.css and tfjs-backend-wasm's binaries.
// Run by `npm run build` of @girl/cli after tsup; `--meta` also writes dist/page/meta.json (sizes by input).
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src', 'serve', 'page');
const out = join(root, 'dist', 'page');
await mkdir(join(out, 'wasm'), { recursive: true });
const result = await build({
  entryPoints: [join(src, 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['browser'],
  minify: true,
  sourcemap: false, // 6 MB; the package ships dist/, and the page's sources are in the repository
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const nodeInputs = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('node:') || /\.node$|load-addon|wasm-threads/.test(p));
if (nodeInputs.length > 0) throw new Error(`the page bundle pulled in Node-only code: ${nodeInputs.join(', ')}`);
if (process.argv.includes('--meta')) await writeFile(join(out, 'meta.json'), JSON.stringify(result.metafile));
for (const f of ['index.html', 'style.css']) await copyFile(join(src, f), join(out, f));
const wasmDist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
for (const f of (await readdir(wasmDist)).filter((n) => n.endsWith('.wasm'))) await copyFile(join(wasmDist, f), join(out, 'wasm', f));
const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('app.js'))].bytes;
console.log(`page: dist/page/app.js ${(bytes / 1024).toFixed(0)} KiB`);
