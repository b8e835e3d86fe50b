import { describe, expect, it } from 'vitest';
import { GirlError, isGirlError } from './girl-error.js';

class CacheError extends GirlError<'stale' | 'corrupt'> {
  override readonly name = 'CacheError';
}

describe('GirlError', () => {
  it('keeps code, message, name and cause', () => {
    const cause = new Error('disk');
    const e = new CacheError('stale', 'cache.jsonl: written by an older model; delete it to rebuild.', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(GirlError);
    expect(e.code).toBe('stale');
    expect(e.name).toBe('CacheError');
    expect(e.message).toMatch(/delete it to rebuild/);
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe('CacheError: cache.jsonl: written by an older model; delete it to rebuild.');
  });

  it('isGirlError checks the class or the shape, and the code when given', () => {
    const e = new CacheError('corrupt', 'x');
    expect(isGirlError(e)).toBe(true);
    expect(isGirlError(e, 'corrupt')).toBe(true);
    expect(isGirlError(e, 'stale')).toBe(false);
    const foreign = Object.assign(new Error('y'), { code: 'stale' });
    expect(isGirlError(foreign, 'stale')).toBe(true);
    expect(isGirlError(new Error('z'))).toBe(false);
    expect(isGirlError({ code: 'stale' })).toBe(false);
  });
});
