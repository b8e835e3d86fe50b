/**
 * Reading a user's text file (`--cv`, `--jobs`) with errors that name the flag and the fix: a missing path,
 * a folder, a binary file and bytes that are not UTF-8 are refused (the training loader refuses the same
 * bytes; reading them with replacement characters would feed the model garbage silently).
 */
import { readFile, stat } from 'node:fs/promises';

/** Thrown for a text input that cannot be used; the message names the flag, the file and the fix. */
export class TextInputError extends Error {
  override name = 'TextInputError';
}

/**
 * Decodes `bytes` as strict UTF-8 (a leading BOM dropped). @throws TextInputError for a NUL byte (a binary
 * file) or invalid UTF-8, naming `flag`, `path` and the byte offset.
 */
export function decodeUtf8Text(bytes: Uint8Array, flag: string, path: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new TextInputError(`${flag} '${path}' is a binary file (a NUL byte at offset ${nul}), not text. Pass a plain-text, Markdown, JSONL or CSV file.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let offset = 0;
    // find the first bad byte for the message: decode growing prefixes would be slow; scan sequences instead
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i] as number;
      const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      const ok = n > 0 && i + n <= bytes.length && [...bytes.subarray(i + 1, i + n)].every((c) => (c & 0xc0) === 0x80);
      if (!ok) {
        offset = i;
        break;
      }
      i += n;
    }
    throw new TextInputError(`${flag} '${path}' is not UTF-8 text (invalid byte 0x${(bytes[offset] ?? 0).toString(16)} at offset ${offset}). Save it as UTF-8 (e.g. iconv -f latin1 -t utf-8) and try again.`);
  }
}

/** Reads a text file for `flag`. @throws TextInputError naming the flag, the file and the fix. */
export async function readTextFile(path: string, flag: string): Promise<string> {
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new TextInputError(`${flag} '${path}' does not exist. Check the path.`);
    if (e.code === 'EACCES' || e.code === 'EPERM') throw new TextInputError(`${flag} '${path}' cannot be read: permission denied. Check the file's permissions.`);
    if (e.code === 'ENOTDIR') throw new TextInputError(`${flag} '${path}': a part of the path is a file, not a folder. Check the path.`);
    throw new TextInputError(`${flag} '${path}' cannot be read (${e.code ?? e.message}).`);
  });
  if (s.isDirectory()) throw new TextInputError(`${flag} '${path}' is a folder; pass a file.`);
  if (!s.isFile()) throw new TextInputError(`${flag} '${path}' is not a regular file; pass a file (or '-' to read stdin where the flag allows it).`);
  return decodeUtf8Text(new Uint8Array(await readFile(path)), flag, path);
}
