/**
 * Progress bars with ETA (cli-progress) on a terminal; plain periodic lines otherwise (CI logs, pipes).
 */
import cliProgress from 'cli-progress';

/** One stage's progress. */
export interface Progress {
  /** Sets the position (and an info text such as the current loss). */
  update(value: number, info?: string): void;
  /** Grows the total (e.g. a resumed stage). */
  setTotal(total: number): void;
  /**
   * The stage continues from a checkpoint at `value`: the ETA counts only the work of this session from
   * there (otherwise the steps done before the resume look instantaneous and the ETA far too short).
   */
  resumeFrom(value: number): void;
  /** Ends the bar. */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where to draw (default stderr). */
  stream?: NodeJS.WriteStream;
  /** Force plain lines (default: when the stream is not a TTY). */
  plain?: boolean;
  /** Draw nothing at all. */
  silent?: boolean;
}

/**
 * A progress bar for `total` units of `label` work.
 *
 * @example
 * ```ts
 * const p = createProgress('sft', 500);
 * p.update(10, 'loss 3.21');
 * p.stop();
 * ```
 */
export function createProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.silent) return { update() {}, setTotal() {}, resumeFrom() {}, stop() {} };
  if (options.plain ?? !stream.isTTY) {
    let t0 = Date.now();
    let base = 0;
    let last = 0;
    let tot = total;
    let lastValue = 0;
    let lastInfo = '';
    let printed = -1;
    const line = (value: number, info: string) => {
      printed = value;
      const s = (Date.now() - t0) / 1000;
      const eta = value > base ? (s / (value - base)) * (tot - value) : NaN;
      stream.write(`  ${label} ${value}/${tot} (${Math.round((100 * value) / Math.max(1, tot))}%) ${s.toFixed(0)} s, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}${info ? ` | ${info}` : ''}\n`);
    };
    return {
      update(value, info = '') {
        lastValue = value;
        lastInfo = info;
        if (Date.now() - last >= 10_000 || (value >= tot && printed !== value)) {
          last = Date.now();
          line(value, info);
        }
      },
      setTotal(t) {
        tot = t;
      },
      resumeFrom(value) {
        base = value;
        t0 = Date.now();
      },
      stop() {
        if (lastValue !== printed && lastValue > 0) line(lastValue, lastInfo);
        printed = lastValue;
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `  ${label.padEnd(9)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} | ETA {eta_formatted} | {info}`, stream, hideCursor: true, etaBuffer: 20, barsize: 24 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '' });
  return {
    update: (value, info = '') => bar.update(value, { info }),
    setTotal: (t) => bar.setTotal(t),
    resumeFrom: (v) => {
      bar.stop();
      bar.start(bar.getTotal(), v, { info: `resumed at ${v}` }); // a fresh ETA buffer from here
    },
    stop: () => bar.stop(),
  };
}
