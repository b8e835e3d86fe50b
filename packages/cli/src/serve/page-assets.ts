/**
 * The page's built files (dist/page: index.html, app.js, style.css, the wasm binaries), made by
 * `scripts/build-page.mjs` when @girl/cli is built.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds the built page: `dist/page` next to the bundled CLI. */
export function pageDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const candidate of [join(here, 'page'), join(here, '..', '..', 'dist', 'page')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`The job seeker's page is not built (no page/index.html next to ${here}). Build it with 'npm run build -w @girl/cli'.`);
}

/** Every file of the built page, as URL path → path on disk. */
export async function pageFiles(): Promise<Map<string, string>> {
  const root = pageDir();
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!e.name.endsWith('.map') && e.name !== 'meta.json') out.set(relative(root, p).split('\\').join('/'), p);
    }
  };
  await walk(root);
  return out;
}
