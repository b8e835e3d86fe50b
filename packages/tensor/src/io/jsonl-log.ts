/**
 * A metrics log that stays consistent with the checkpoints it sits beside.
 *
 * - Each record is one JSON line written with a single synchronous `write` call, so a record is in the
 *   file (the OS's page cache) before the caller's next statement: a checkpoint saved after it can never
 *   be on disk while the record is not, even when the process is killed (`SIGKILL`) in between.
 * - {@link JsonlLog.sync} flushes the file to the disk (`fdatasync`); call it before saving a checkpoint
 *   so the records also survive a power loss. `durable: true` does that after every record.
 * - {@link JsonlLog.open} with `keep` rewinds the file when a run resumes: only the whole lines `keep`
 *   accepts stay (e.g. `r.step <= checkpointStep`), so the steps a resumed run repeats are written once.
 *   A torn last line (a process killed mid-write) is always dropped.
 *
 * Node's `fs` is imported lazily, as in the rest of `io/`, so browser bundles that never open a log do not
 * need it.
 */
import type * as Fs from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';

/** One record: any JSON object. */
export type JsonlRecord = Record<string, unknown>;

/** Options of {@link JsonlLog.open}. */
export interface JsonlLogOptions {
  /**
   * Resume filter: the existing records to keep. Default: none is kept (a fresh log). Pass
   * `() => true` to keep everything and append.
   */
  keep?: (record: JsonlRecord) => boolean;
  /**
   * `fdatasync` after every record. Default `false`: callers that checkpoint call {@link JsonlLog.sync}
   * before each checkpoint instead, which costs one flush per checkpoint rather than one per record.
   */
  durable?: boolean;
}

/**
 * Reads the whole lines of a JSONL file that parse as JSON objects (a missing file has none; a torn or
 * unparsable line is skipped).
 */
export async function readJsonl(path: string): Promise<JsonlRecord[]> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseJsonl(text);
}

/** The JSON-object lines of `text` (torn or unparsable lines are skipped). */
export function parseJsonl(text: string): JsonlRecord[] {
  const out: JsonlRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(v as JsonlRecord);
    } catch {
      // a line cut short by a killed process
    }
  }
  return out;
}

/**
 * An append-only JSONL log, rewound on resume (see the module doc).
 *
 * @example
 * ```ts
 * const log = await JsonlLog.open('runs/7/sft/metrics.jsonl', { keep: (r) => (r.step as number) <= resumedFrom });
 * log.append({ type: 'step', step: 1, loss: 3.2 });
 * await log.sync(); // before the checkpoint of step 1
 * await log.close();
 * ```
 */
export class JsonlLog {
  private constructor(
    /** The file. */
    readonly path: string,
    private readonly fs: typeof Fs,
    private fd: number | null,
    private readonly durable: boolean,
  ) {}

  /** Opens (creating the folder and file) and rewinds `path`; see {@link JsonlLogOptions}. */
  static async open(path: string, options: JsonlLogOptions = {}): Promise<JsonlLog> {
    const fs = await import('node:fs');
    const { mkdir, readdir, rm } = await import('node:fs/promises');
    const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    const folder = slash > 0 ? path.slice(0, slash) : '.';
    if (slash > 0) await mkdir(folder, { recursive: true });
    // temporary files of a rewind that a killed process left behind
    const stale = `${path.slice(slash + 1)}.rewind-`;
    for (const name of await readdir(folder)) if (name.startsWith(stale)) await rm(`${folder}/${name}`, { force: true });
    const keep = options.keep;
    const kept = keep ? (await readJsonl(path)).filter((r) => keep(r)) : [];
    // rewritten atomically: a crash here leaves the old file, which the next open rewinds again
    await writeFileAtomic(path, kept.map((r) => `${JSON.stringify(r)}\n`).join(''), { makeDirs: false });
    const fd = fs.openSync(path, 'a');
    return new JsonlLog(path, fs, fd, options.durable ?? false);
  }

  /**
   * Rewinds the open log in place, synchronously (so it can run inside a training callback): only the
   * records `keep` accepts stay. The file is replaced atomically (temporary file, flush, rename).
   */
  rewind(keep: (record: JsonlRecord) => boolean): void {
    if (this.fd === null) throw new Error(`JsonlLog: '${this.path}' is closed; open it again to rewind.`);
    const fs = this.fs;
    const kept = parseJsonl(fs.readFileSync(this.path, 'utf8')).filter((r) => keep(r));
    const tmp = `${this.path}.rewind-${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.closeSync(this.fd);
    this.fd = null;
    fs.renameSync(tmp, this.path);
    this.fd = fs.openSync(this.path, 'a');
  }

  /** Appends one record as one line, with one synchronous write. @throws after {@link close}. */
  append(record: JsonlRecord): void {
    if (this.fd === null) throw new Error(`JsonlLog: '${this.path}' is closed; open it again to append.`);
    this.fs.writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (this.durable) this.fs.fdatasyncSync(this.fd);
  }

  /** Flushes the records written so far to the disk. */
  async sync(): Promise<void> {
    if (this.fd === null) return;
    const fd = this.fd;
    await new Promise<void>((resolve, reject) => this.fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
  }

  /** Flushes and closes the file (idempotent). */
  async close(): Promise<void> {
    if (this.fd === null) return;
    await this.sync();
    this.fs.closeSync(this.fd);
    this.fd = null;
  }
}
