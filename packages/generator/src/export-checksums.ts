/**
 * Checksums of an exported model folder: `checksums.sha256`, in `sha256sum`'s format (`<hex>  <file>` per
 * line, so `sha256sum -c checksums.sha256` checks it by hand too), written after every other file and
 * verified on load. A flipped or truncated byte in the weights is then a clear error naming the file, not
 * a model that quietly generates garbage.
 */

import { parseChecksums } from './checksums-format.js';
import { writeFileAtomic } from '@girl/core/node';

export { parseChecksums };

/** The checksum file's name inside an exported folder. */
export const CHECKSUMS_FILE = 'checksums.sha256';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes `checksums.sha256` for `files` (names inside `dir`), atomically, after the files themselves. */
export async function writeChecksums(dir: string, files: readonly string[]): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const lines: string[] = [];
  for (const f of files) lines.push(`${await sha256Hex(await readFile(`${dir}/${f}`))}  ${f}`);
  await writeFileAtomic(`${dir}/${CHECKSUMS_FILE}`, `${lines.join('\n')}\n`);
}

/**
 * Verifies `dir`'s files against `checksums.sha256`.
 *
 * @returns `false` when the folder has no checksum file (e.g. a Hugging Face download), `true` when every
 * listed file matches.
 * @throws Error naming the file that is missing or does not match, and the fix.
 */
export async function verifyChecksums(dir: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`${dir}/${CHECKSUMS_FILE}`, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return false;
  for (const [file, want] of parseChecksums(text, `${dir}/${CHECKSUMS_FILE}`)) {
    const bytes = await readFile(`${dir}/${file}`).catch(() => null);
    if (bytes === null) throw new Error(`loadModel: '${dir}/${file}' is listed in ${CHECKSUMS_FILE} but missing. Export the model again (or copy the whole folder).`);
    if ((await sha256Hex(bytes)) !== want) {
      throw new Error(`loadModel: '${dir}/${file}' does not match its SHA-256 in ${CHECKSUMS_FILE}; the file is corrupt. Export the model again, or copy it again from a good source.`);
    }
  }
  return true;
}
