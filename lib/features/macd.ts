/**
 * MACD in TA-Lib's convention.
 *
 * @module
 */
import { _smooth, firstFinite } from "./ema.ts";
import { checkPeriod } from "./_check.ts";

/** Options of {@linkcode macd}. */
export interface MacdOptions {
  /** Fast EMA period. @default 12 */
  readonly fast?: number;
  /** Slow EMA period (> fast). @default 26 */
  readonly slow?: number;
  /** Signal EMA period. @default 9 */
  readonly signal?: number;
}

/** MACD line, signal line and histogram, aligned to the input. */
export interface Macd {
  /** EMA_fast - EMA_slow. */
  readonly line: Float64Array;
  /** EMA_signal of the line. */
  readonly signal: Float64Array;
  /** line - signal. */
  readonly histogram: Float64Array;
}

/**
 * MACD as TA-Lib's `TA_MACD`: EMAs with k = 2 / (n + 1) in TA-Lib's arithmetic; the
 * slow EMA is seeded with the mean of the first `slow` closes (index slow - 1), and the
 * fast EMA STARTS WHERE THE SLOW ONE DOES: seeded at index slow - 1 with the mean of
 * the `fast` closes ending there (so fast and slow cover the same bars; this is not
 * `ema(close, fast)`). The signal is an SMA-seeded EMA of the line. All three outputs
 * are NaN before index slow + signal - 2, where TA-Lib's output begins (leading NaNs in
 * `close` shift everything by their count). This is not the W1 feature `macd_hist`,
 * which seeds every EMA with the first close (bench SPEC).
 *
 * @param close Closes, ascending by date.
 * @param options Periods (default 12, 26, 9).
 * @returns Frozen `{ line, signal, histogram }`.
 * @throws {RangeError} When a period is not an integer >= 1 or fast >= slow.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { macd } from "./macd.ts";
 * const close = Float64Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i / 5));
 * const m = macd(close);
 * assert.ok(Number.isNaN(m.line[32]) && Number.isFinite(m.line[33])); // 26 + 9 - 2
 * assert.equal(m.histogram[40], m.line[40] - m.signal[40]);
 * ```
 */
export function macd(close: Float64Array, options: MacdOptions = {}): Macd {
  const fast = options.fast ?? 12, slow = options.slow ?? 26;
  const signal = options.signal ?? 9;
  checkPeriod(fast, "MACD (fast)", close);
  checkPeriod(slow, "MACD (slow)");
  checkPeriod(signal, "MACD (signal)");
  if (!(fast < slow)) {
    throw new RangeError(
      `Cannot compute MACD: expected fast < slow, got fast ${fast} and slow ${slow}`,
    );
  }
  return _macd(close, fast, slow, signal);
}

function _macd(
  close: Float64Array,
  fast: number,
  slow: number,
  signal: number,
): Macd {
  const step = (n: number) => {
    const k = 2 / (n + 1);
    return (p: number, v: number) => (v - p) * k + p;
  };
  const start = firstFinite(close) + slow - 1;
  const slowEma = _smooth(close, slow, start, step(slow));
  const fastEma = _smooth(close, fast, start, step(fast));
  const raw = fastEma.map((v, t) => v - slowEma[t]);
  const sig = _smooth(raw, signal, start + signal - 1, step(signal));
  const first = start + signal - 1, n = close.length;
  const line = new Float64Array(n).fill(NaN);
  const histogram = new Float64Array(n).fill(NaN);
  for (let t = first; t < n; t++) {
    line[t] = raw[t];
    histogram[t] = raw[t] - sig[t];
  }
  return Object.freeze({ line, signal: sig, histogram });
}
