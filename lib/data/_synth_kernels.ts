/**
 * Internal helpers of the synthetic generators: business-day calendar, fat-tailed draws
 * and OHLCV bar shaping. Pure: no clock, no I/O; all randomness from a seeded `Rng`.
 *
 * @module
 */
import { crExp } from "../_shared/cr_math.ts";
import type { Rng } from "../_shared/seed.ts";

const DAY_MS = 86_400_000;

/** `n` weekday dates (Mon-Fri) as `YYYY-MM-DD`, starting at `start` (rolled forward to a weekday). */
export function businessDays(start: string, n: number): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) {
    throw new RangeError(
      `Invalid start date: expected YYYY-MM-DD, got "${start}"`,
    );
  }
  let ms = Date.UTC(
    +start.slice(0, 4),
    +start.slice(5, 7) - 1,
    +start.slice(8, 10),
  );
  if (!Number.isFinite(ms)) {
    throw new RangeError(`Invalid start date: got "${start}"`);
  }
  const out: string[] = new Array(n);
  for (let i = 0; i < n;) {
    const dow = new Date(ms).getUTCDay();
    if (dow !== 0 && dow !== 6) {
      out[i++] = new Date(ms).toISOString().slice(0, 10);
    }
    ms += DAY_MS;
  }
  return out;
}

/** Unit-variance draw: Gaussian, or Student-t with `nu` degrees of freedom scaled to variance 1. */
export function unitDraw(normal: () => number, nu: number): number {
  const z = normal();
  if (!(nu > 2)) return z;
  let chi = 0;
  for (let k = 0; k < nu; k++) {
    const g = normal();
    chi += g * g;
  }
  return z / Math.sqrt(chi / nu) * Math.sqrt((nu - 2) / nu);
}

/** Columns being filled for one symbol. */
export interface BarColumns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Allocate zeroed OHLCV columns of length `n`. */
export function allocBars(n: number): BarColumns {
  return {
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/**
 * Write bar t from the previous close, the overnight and intraday log moves and the day's
 * volatility: open = prev*e^overnight, close = open*e^intraday, high/low extend beyond
 * max/min(open, close) by half-normal wicks, so low <= open, close <= high always holds.
 */
export function shapeBar(
  c: BarColumns,
  t: number,
  prevClose: number,
  overnight: number,
  intraday: number,
  sigma: number,
  baseVolume: number,
  rng: Rng,
  normal: () => number,
): void {
  const open = prevClose * crExp(overnight);
  const close = open * crExp(intraday);
  const up = Math.abs(normal()) * 0.5 * sigma;
  const down = Math.abs(normal()) * 0.5 * sigma;
  c.open[t] = open;
  c.close[t] = close;
  c.high[t] = Math.max(open, close) * crExp(up);
  c.low[t] = Math.min(open, close) * crExp(-down);
  const surprise = Math.abs(overnight + intraday) / Math.max(sigma, 1e-12);
  c.volume[t] = Math.round(
    baseVolume * crExp(0.25 * normal() + 0.3 * Math.min(surprise, 6)) *
      (0.9 + 0.2 * rng()),
  ) + 1;
}
