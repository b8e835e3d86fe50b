/**
 * Loads what `girl serve` offers: the manifest, then the exported policy (config, weights, tokenizer) and
 * the job index, all fetched from the page's own origin. Every failure becomes a {@link PageError} with a
 * sentence a person can act on.
 */
import { modelFromFiles, verifyChecksumBytes } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
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
  model: CausalLM;
  tokenizer: Tokenizer;
  jobs: PageJob[];
  /** Bytes of model.safetensors, for the status line. */
  weightBytes: number;
  /** True when the files matched the export's checksums.sha256 (false: none served, or no WebCrypto here). */
  verified: boolean;
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

function parse(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PageError(`${url} is not valid JSON (the file is damaged). Export the run again.`);
  }
}

async function json(url: string): Promise<unknown> {
  return parse(await (await get(url)).text(), url);
}

async function bytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await get(url)).arrayBuffer());
}

/** Fetches the manifest and, when the run is usable, its model and jobs. */
export async function loadRun(base: URL): Promise<LoadedRun> {
  const manifest = (await json(new URL('manifest.json', base).href)) as PageManifest;
  if (manifest?.format !== PAGE_MANIFEST_FORMAT) throw new PageError('manifest.json is not a GIRL page manifest. Serve the page with girl serve --run <run>.');
  if (manifest.problem) throw new PageError(manifest.problem);
  const url = (f: string) => new URL(f, base).href;
  const [configBytes, weights, tokenizerBytes, jobs, checksums] = await Promise.all([
    bytes(url(PAGE_FILES.config)),
    bytes(url(PAGE_FILES.weights)),
    bytes(url(PAGE_FILES.tokenizer)),
    json(url(PAGE_FILES.jobs)),
    manifest.checksums ? get(url(PAGE_FILES.checksums)).then((r) => r.text()) : Promise.resolve(null),
  ]);
  const where = `${manifest.run}/${manifest.model}`;
  let verified = false;
  if (checksums !== null && globalThis.crypto?.subtle) {
    const files = { 'config.json': configBytes, 'model.safetensors': weights, 'tokenizer.girl.json': tokenizerBytes };
    const listed = checksums.split('\n').filter((l) => Object.keys(files).some((f) => l.endsWith(` ${f}`))).join('\n');
    try {
      await verifyChecksumBytes(listed, files, where); // only the files the page uses (tokenizer.json is not fetched)
      verified = true;
    } catch (e) {
      throw new PageError(`The model files are damaged, so no JD can be written: ${(e as Error).message.replace(/^loadModel: /, '')}`);
    }
  }
  const text = new TextDecoder();
  let loaded;
  try {
    loaded = modelFromFiles({
      config: parse(text.decode(configBytes), url(PAGE_FILES.config)),
      weights,
      tokenizer: parse(text.decode(tokenizerBytes), url(PAGE_FILES.tokenizer)),
      source: where,
    });
  } catch (e) {
    if (e instanceof PageError) throw e;
    throw new PageError(`The model files are damaged, so no JD can be written: ${(e as Error).message.replace(/^loadModel: /, '')}`);
  }
  if (!loaded.tokenizer) throw new PageError(`${manifest.run}/${manifest.model} has no tokenizer. Export the run again.`);
  return { manifest, model: loaded.model, tokenizer: loaded.tokenizer, jobs: Array.isArray(jobs) ? (jobs as PageJob[]) : [], weightBytes: weights.byteLength, verified };
}
