/**
 * The `checksums.sha256` format of exported model folders (`sha256sum` lines), and its check against bytes
 * already in memory with WebCrypto — file-free, so the job seeker's page verifies what it fetched exactly
 * as `loadModel` verifies what it read.
 */

/** Parses `sha256sum` lines into file → hex. @throws naming the file for a malformed line. */
export function parseChecksums(text: string, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) [ *]([A-Za-z0-9._-]+)$/.exec(line);
    if (!m) throw new Error(`'${where}' line ${i + 1} is not '<sha256>  <file>'; the checksum file is damaged. Export the model again.`);
    out.set(m[2] as string, m[1] as string);
  }
  return out;
}

/** Lower-case hex SHA-256 of `bytes` with WebCrypto (browsers in a secure context, Node ≥ 19). */
export async function sha256HexWeb(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } } }).crypto?.subtle;
  if (!subtle) throw new Error('sha256HexWeb: WebCrypto is unavailable here (browsers offer it on https:// and localhost only).');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks files held in memory against a `checksums.sha256` text: every listed file must be given and match.
 *
 * @throws Error naming the file that is missing or does not match (`where` names the folder or URL).
 * @example
 * ```ts
 * await verifyChecksumBytes(await res.text(), { 'model.safetensors': weights }, 'runs/7/ppo/policy');
 * ```
 */
export async function verifyChecksumBytes(text: string, files: Record<string, Uint8Array>, where: string): Promise<void> {
  for (const [file, want] of parseChecksums(text, `${where}/checksums.sha256`)) {
    const bytes = files[file];
    if (!bytes) throw new Error(`loadModel: '${where}/${file}' is listed in checksums.sha256 but missing. Export the model again (or copy the whole folder).`);
    if ((await sha256HexWeb(bytes)) !== want) {
      throw new Error(`loadModel: '${where}/${file}' does not match its SHA-256 in checksums.sha256; the file is corrupt. Export the model again, or copy it again from a good source.`);
    }
  }
}
