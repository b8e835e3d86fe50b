import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from './progress.js';

function fakeStream(): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  return { stream: { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream, lines };
}

describe('createProgress (plain lines)', () => {
  afterEach(() => vi.useRealTimers());

  it('after resumeFrom, the ETA counts only this session\'s steps', () => {
    vi.useFakeTimers();
    const { stream, lines } = fakeStream();
    const p = createProgress('sft', 100, { stream, plain: true });
    p.resumeFrom(50); // 50 steps were done before the resume
    vi.advanceTimersByTime(10_000);
    p.update(60); // 10 steps in 10 s: 40 left → 40 s (not 10/60*40 ≈ 7 s)
    expect(lines.at(-1)).toMatch(/sft 60\/100 \(60%\) 10 s, ETA 40 s/);
  });

  it('without a resume the ETA uses every step', () => {
    vi.useFakeTimers();
    const { stream, lines } = fakeStream();
    const p = createProgress('sft', 100, { stream, plain: true });
    vi.advanceTimersByTime(10_000);
    p.update(20);
    expect(lines.at(-1)).toMatch(/ETA 40 s/);
  });
});
