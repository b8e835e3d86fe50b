import { describe, expect, it } from 'vitest';
import { relativeTo, resolveFrom } from './checkpoint-paths.js';

describe('checkpoint paths', () => {
  it('relativeTo gives a path from the folder to the file', () => {
    expect(relativeTo('/r/ppo/ckpt', '/r/ppo/metrics.jsonl')).toBe('../metrics.jsonl');
    expect(relativeTo('/r/ppo/ckpt/', '/r/ppo/ckpt/x.json')).toBe('x.json');
    expect(relativeTo('runs/a/ppo/ckpt', 'runs/a/m.jsonl')).toBe('../../m.jsonl');
    expect(relativeTo('/a/./b/../c', '/a/c/d')).toBe('d');
    expect(relativeTo('C:\\r\\ckpt', 'C:\\r\\m.jsonl')).toBe('../m.jsonl');
  });

  it('relativeTo refuses to mix absolute and relative paths, or relative paths that climb out', () => {
    expect(relativeTo('/r/ckpt', 'm.jsonl')).toBeNull();
    expect(relativeTo('ckpt', '/r/m.jsonl')).toBeNull();
    expect(relativeTo('../x/ckpt', '../x/m.jsonl')).toBeNull();
  });

  it('resolveFrom joins a stored relative path to the folder read from, and drops absolute ones', () => {
    expect(resolveFrom('/copy/ppo/ckpt', '../metrics.jsonl')).toBe('/copy/ppo/ckpt/../metrics.jsonl');
    expect(resolveFrom('/copy/ppo/ckpt', '/orig/ppo/metrics.jsonl')).toBeNull();
    expect(resolveFrom('/copy/ppo/ckpt', null)).toBeNull();
  });
});
