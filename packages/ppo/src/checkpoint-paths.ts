/**
 * Paths inside a PPO checkpoint's `state.json` are stored relative to the checkpoint folder, so a run that
 * is copied or moved resumes into its own files, never into the folder it was copied from. Pure string
 * helpers ('/' or '\\' separators), no `node:path`, so @girl/ppo stays browser-safe.
 */

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[/\\]/.test(p);
}

/** `p` as segments with `.` and inner `..` resolved; a leading `..` stays (relative paths). */
function segments(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out;
}

/**
 * `file` relative to the folder `dir` (e.g. `relativeTo('/r/ppo/ckpt', '/r/ppo/metrics.jsonl')` is
 * `'../metrics.jsonl'`), or `null` when one is absolute and the other is not (no common root to go by).
 */
export function relativeTo(dir: string, file: string): string | null {
  if (isAbsolute(dir) !== isAbsolute(file)) return null;
  const d = segments(dir);
  const f = segments(file);
  if (d.includes('..') || f.includes('..')) return null; // relative paths that climb out: no safe answer
  let common = 0;
  while (common < d.length && common < f.length && d[common] === f[common]) common++;
  const rel = [...Array<string>(d.length - common).fill('..'), ...f.slice(common)];
  return rel.length === 0 ? '.' : rel.join('/');
}

/**
 * A stored relative path resolved against the folder the checkpoint is read from; an absolute stored path
 * (written by an older @girl/ppo) gives `null`: it points into wherever the run used to be.
 */
export function resolveFrom(dir: string, stored: string | null | undefined): string | null {
  if (stored === null || stored === undefined || isAbsolute(stored)) return null;
  return `${dir.replace(/[/\\]+$/, '')}/${stored}`;
}
