import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@girl/core/node';

/** Writes a JD for each CV, in order (any generator: GIRL's, an API, a test stub). */
export type GenerateFn = (cvs: readonly string[]) => Promise<readonly string[]>;

/** Format version of the cache file's lines. */
export const JD_CACHE_VERSION = 1;

/** Options of {@link JdCache}. */
export interface JdCacheOptions {
  /** The JSONL file entries are appended to (created with its folder on first write). */
  file: string;
  /** Identifies the generator, e.g. a checkpoint path + step or {@link fingerprintModel}; part of every key. */
  modelId: string;
  /** Generation settings that change the output (max tokens, sampling, seed, …); part of every key. */
  settings?: Readonly<Record<string, unknown>>;
}

/** Progress of {@link JdCache.generate}. */
export interface JdCacheProgress {
  /** CVs generated so far in this call. */
  done: number;
  /** CVs this call has to generate (those missing from the cache). */
  missing: number;
  /** CVs found in the cache. */
  hits: number;
}

interface Entry {
  v: number;
  key: string;
  jd: string;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/**
 * A disk cache of generated JDs, keyed by `sha256(model id + generation settings + CV text)`, that
 * survives crashes: each batch is appended to a JSONL file with one write, a torn last line (a crash
 * mid-write) is ignored on load, and a re-run generates only what is missing.
 *
 * @example
 * ```ts
 * const cache = await JdCache.open({ file: 'runs/1/jds.jsonl', modelId: 'sft-step-500', settings: { maxNewTokens: 128 } });
 * const jds = await cache.generate(cvs, async (batch) => generateJd(model, tok, batch, { maxNewTokens: 128 }).texts, { batchSize: 16 });
 * cache.size; cache.corruptLines;
 * ```
 */
export class JdCache {
  readonly file: string;
  readonly modelId: string;
  readonly settings: Readonly<Record<string, unknown>>;
  private readonly entries = new Map<string, string>();
  /** Lines of the file that could not be read (torn writes, foreign lines) and were skipped. */
  corruptLines = 0;
  private endsWithNewline = true;

  private constructor(options: JdCacheOptions) {
    if (!options.modelId) throw new RangeError('JdCache: modelId is empty; pass something that identifies the generator (a checkpoint path and step, or fingerprintModel(model)).');
    this.file = options.file;
    this.modelId = options.modelId;
    this.settings = options.settings ?? {};
  }

  /** Open (or start) a cache file and read what it holds. */
  static async open(options: JdCacheOptions): Promise<JdCache> {
    const c = new JdCache(options);
    await c.reload();
    return c;
  }

  /** Re-read the file (entries of other model ids or settings are kept but never match this cache's keys). */
  async reload(): Promise<void> {
    this.entries.clear();
    this.corruptLines = 0;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`JdCache: cannot read ${this.file}: ${(e as Error).message}`);
    }
    this.endsWithNewline = text.length === 0 || text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const e = JSON.parse(line) as Partial<Entry>;
        if (e.v !== JD_CACHE_VERSION || typeof e.key !== 'string' || typeof e.jd !== 'string') throw new Error('bad entry');
        this.entries.set(e.key, e.jd);
      } catch {
        this.corruptLines++;
      }
    }
  }

  /** The cache key of a CV text under this model id and these settings. */
  key(cv: string): string {
    return createHash('sha256').update(stableJson({ modelId: this.modelId, settings: this.settings })).update('\u0000').update(cv).digest('hex');
  }

  /** Entries in the file (all model ids). */
  get size(): number {
    return this.entries.size;
  }

  has(cv: string): boolean {
    return this.entries.has(this.key(cv));
  }

  get(cv: string): string | undefined {
    return this.entries.get(this.key(cv));
  }

  /** Append entries with one write (a crash leaves at most one torn line, skipped on load). */
  async put(cvs: readonly string[], jds: readonly string[]): Promise<void> {
    if (cvs.length !== jds.length) throw new RangeError(`JdCache.put: ${cvs.length} CVs but ${jds.length} JDs.`);
    if (cvs.length === 0) return;
    jds.forEach((jd, i) => {
      if (typeof jd !== 'string') throw new TypeError(`JdCache.put: JD ${i} is ${typeof jd}, expected a string.`);
    });
    const lines = cvs.map((cv, i) => JSON.stringify({ v: JD_CACHE_VERSION, key: this.key(cv), jd: jds[i] as string } satisfies Entry)).join('\n');
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${this.endsWithNewline ? '' : '\n'}${lines}\n`);
    this.endsWithNewline = true;
    cvs.forEach((cv, i) => this.entries.set(this.key(cv), jds[i] as string));
  }

  /**
   * The generated JD of every CV, in order: cached ones are read, missing ones are generated in batches
   * of `batchSize` (distinct CVs only) and appended after each batch, so a crash loses at most the batch
   * in flight.
   */
  async generate(cvs: readonly string[], generateFn: GenerateFn, options: { batchSize?: number; onProgress?: (p: JdCacheProgress) => void } = {}): Promise<string[]> {
    const batchSize = options.batchSize ?? 16;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`JdCache.generate: batchSize must be a positive integer, got ${batchSize}.`);
    const distinct = [...new Set(cvs)];
    const missing = distinct.filter((cv) => !this.has(cv));
    const hits = distinct.length - missing.length;
    let done = 0;
    for (let i = 0; i < missing.length; i += batchSize) {
      const batch = missing.slice(i, i + batchSize);
      const out = await generateFn(batch);
      if (out.length !== batch.length) throw new Error(`JdCache.generate: generateFn returned ${out.length} JDs for ${batch.length} CVs; return one JD per CV, in order.`);
      await this.put(batch, out);
      done += batch.length;
      options.onProgress?.({ done, missing: missing.length, hits });
    }
    return cvs.map((cv) => this.get(cv) as string);
  }

  /** A `Map` from CV text to JD for the given CVs that are cached. */
  toMap(cvs: Iterable<string>): Map<string, string> {
    const m = new Map<string, string>();
    for (const cv of cvs) {
      const jd = this.get(cv);
      if (jd !== undefined) m.set(cv, jd);
    }
    return m;
  }

  /** Rewrite the file atomically with one line per entry (drops torn lines and duplicates). */
  async compact(): Promise<void> {
    const lines = [...this.entries].map(([key, jd]) => JSON.stringify({ v: JD_CACHE_VERSION, key, jd } satisfies Entry));
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, lines.length ? `${lines.join('\n')}\n` : '');
    this.corruptLines = 0;
    this.endsWithNewline = true;
  }
}
