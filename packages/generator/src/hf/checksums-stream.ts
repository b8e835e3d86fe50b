/**
 * `checksums.sha256` for Hugging Face folders GIRL writes: written after the files (as `saveModel` does),
 * verified on load by hashing each file as a stream, so a large checkpoint is never read whole to check it.
 */
import { CHECKSUMS_FILE, parseChecksums, writeChecksums } from '../export-checksums.js';

export { writeChecksums };

/**
 * Verifies `dir` against its `checksums.sha256`, streaming each file.
 *
 * @returns `false` when the folder has none (a Hugging Face download), `true` when every file matches.
 * @throws Error naming the missing or corrupt file and the fix.
 */
export async function verifyChecksumsStreaming(dir: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  const { createReadStream } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const text = await readFile(`${dir}/${CHECKSUMS_FILE}`, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return false;
  for (const [file, want] of parseChecksums(text, `${dir}/${CHECKSUMS_FILE}`)) {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(`${dir}/${file}`)) hash.update(chunk as Buffer);
    } catch (cause) {
      throw new Error(`loadHfModel: '${dir}/${file}' is listed in ${CHECKSUMS_FILE} but cannot be read (${(cause as NodeJS.ErrnoException).code}). Export the model again (or copy the whole folder).`, { cause });
    }
    if (hash.digest('hex') !== want) {
      throw new Error(`loadHfModel: '${dir}/${file}' does not match its SHA-256 in ${CHECKSUMS_FILE}; the file is corrupt. Export the model again, or copy it again from a good source.`);
    }
  }
  return true;
}
