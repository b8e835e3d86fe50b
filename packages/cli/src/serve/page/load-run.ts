/**
 * Loads what `girl serve` offers: the manifest, then the exported policy (config, weights, tokenizer) and
 * the job index, all fetched from the page's own origin. Every failure becomes a {@link PageError} with a
 * sentence a person can act on.
 */
import { modelFromFiles } from '@girl/generator';
import type { GPT } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { PAGE_FILES, PAGE_MANIFEST_FORMAT } from '../page-manifest.js';
import type { PageJob, PageManifest } from '../page-manifest.js';

/** An error shown on the page as is. */
export class PageError extends Error {
  override readonly name = 'PageError';
}

/** A loaded run. */
export interface LoadedRun {
  manifest: PageManifest;
  model: GPT;
  tokenizer: Tokenizer;
  jobs: PageJob[];
  /** Bytes of model.safetensors, for the status line. */
  weightBytes: number;
}

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch (e) {
    throw new PageError(`Could not reach the server for ${url} (${(e as Error).message}). Is 'girl serve' still running?`);
  }
  if (!res.ok) throw new PageError(`The server answered ${res.status} for ${url}. Restart 'girl serve --run <run>' and reload.`);
  return res;
}

async function json(url: string): Promise<unknown> {
  const text = await (await get(url)).text();
  try {
    return JSON.parse(text);
  } catch {
    throw new PageError(`${url} is not valid JSON (the file is damaged). Export the run again.`);
  }
}

/** Fetches the manifest and, when the run is usable, its model and jobs. */
export async function loadRun(base: URL): Promise<LoadedRun> {
  const manifest = (await json(new URL('manifest.json', base).href)) as PageManifest;
  if (manifest?.format !== PAGE_MANIFEST_FORMAT) throw new PageError('manifest.json is not a GIRL page manifest. Serve the page with girl serve --run <run>.');
  if (manifest.problem) throw new PageError(manifest.problem);
  const url = (f: string) => new URL(f, base).href;
  const [config, weights, tokenizer, jobs] = await Promise.all([
    json(url(PAGE_FILES.config)),
    get(url(PAGE_FILES.weights)).then((r) => r.arrayBuffer()),
    json(url(PAGE_FILES.tokenizer)),
    json(url(PAGE_FILES.jobs)),
  ]);
  let loaded;
  try {
    loaded = modelFromFiles({ config, weights: new Uint8Array(weights), tokenizer, source: `${manifest.run}/${manifest.model}` });
  } catch (e) {
    throw new PageError(`The model files are damaged, so no JD can be written: ${(e as Error).message.replace(/^loadModel: /, '')}`);
  }
  if (!loaded.tokenizer) throw new PageError(`${manifest.run}/${manifest.model} has no tokenizer. Export the run again.`);
  return { manifest, model: loaded.model, tokenizer: loaded.tokenizer, jobs: Array.isArray(jobs) ? (jobs as PageJob[]) : [], weightBytes: weights.byteLength };
}
