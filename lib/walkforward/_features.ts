/**
 * Stand-in for lib/features until it lands: the W1 feature set of bench SPEC W1, with the
 * same result shape as lib/features' `buildFeatures` so the switch is one import.
 * Every value at t uses closes and volumes up to and including t.
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";

/** The W1 feature names, in the SPEC's order. */
export const W1_FEATURES: readonly string[] = Object.freeze([
  "ret_1",
  "ret_5",
  "ret_10",
  "ret_20",
  "ret_60",
  "vol_20",
  "vol_60",
  "rsi_14",
  "macd_hist",
  "dist_sma50",
  "dist_sma200",
  "vol_z20",
]);

/** Features as a row-major matrix (one row per bar) and the first row where all exist. */
export interface FeatureSet {
  readonly names: readonly string[];
  readonly matrix: Matrix;
  readonly firstUsableRow: number;
  readonly dates: readonly string[];
}

/** Build the named features (W1 names only) for every bar. */
export function buildFeatures(
  bars: Bars,
  names: readonly string[],
): FeatureSet {
  const n = bars.close.length, p = names.length;
  const data = new Float64Array(n * p);
  let first = 0;
  names.forEach((name, c) => {
    const col = feature(bars, name);
    for (let t = 0; t < n; t++) data[t * p + c] = col[t];
    let f = 0;
    while (f < n && !Number.isFinite(col[f])) f++;
    first = Math.max(first, f);
  });
  return Object.freeze({
    names: Object.freeze([...names]),
    matrix: Object.freeze({ data, rows: n, cols: p }),
    firstUsableRow: first,
    dates: bars.dates,
  });
}

function feature(bars: Bars, name: string): Float64Array {
  const c = bars.close;
  let m = /^ret_(\d+)$/.exec(name);
  if (m) return logReturn(c, Number(m[1]));
  m = /^vol_(\d+)$/.exec(name);
  if (m) return rollingStd(logReturn(c, 1), Number(m[1]));
  m = /^dist_sma(\d+)$/.exec(name);
  if (m) return distSma(c, Number(m[1]));
  if (name === "rsi_14") return rsi(c, 14);
  if (name === "macd_hist") return macdHist(c);
  if (name === "vol_z20") return zScore(bars.volume, 20);
  throw new RangeError(
    `Unknown feature "${name}": expected one of ${W1_FEATURES.join(", ")}`,
  );
}

function logReturn(c: Float64Array, k: number): Float64Array {
  const out = new Float64Array(c.length).fill(NaN);
  for (let t = k; t < c.length; t++) out[t] = Math.log(c[t] / c[t - k]);
  return out;
}

/** Sample std of x[t-k+1..t]; NaN while the window holds a NaN. */
function rollingStd(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = k - 1; t < x.length; t++) {
    let m = 0;
    for (let i = t - k + 1; i <= t; i++) m += x[i];
    m /= k;
    let ss = 0;
    for (let i = t - k + 1; i <= t; i++) ss += (x[i] - m) ** 2;
    out[t] = Math.sqrt(ss / (k - 1));
  }
  return out;
}

function zScore(x: Float64Array, k: number): Float64Array {
  const sd = rollingStd(x, k);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = k - 1; t < x.length; t++) {
    let m = 0;
    for (let i = t - k + 1; i <= t; i++) m += x[i];
    out[t] = (x[t] - m / k) / sd[t];
  }
  return out;
}

function distSma(c: Float64Array, k: number): Float64Array {
  const out = new Float64Array(c.length).fill(NaN);
  for (let t = k - 1; t < c.length; t++) {
    let s = 0;
    for (let i = t - k + 1; i <= t; i++) s += c[i];
    out[t] = c[t] / (s / k) - 1;
  }
  return out;
}

function rsi(c: Float64Array, k: number): Float64Array {
  const out = new Float64Array(c.length).fill(NaN);
  let g = 0, l = 0;
  for (let t = 1; t < c.length; t++) {
    const d = c[t] - c[t - 1];
    const gain = d > 0 ? d : 0, loss = d < 0 ? -d : 0;
    if (t <= k) {
      g += gain / k;
      l += loss / k;
      if (t < k) continue;
    } else {
      g = (g * (k - 1) + gain) / k;
      l = (l * (k - 1) + loss) / k;
    }
    out[t] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
  }
  return out;
}

function macdHist(c: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  if (c.length === 0) return out;
  const a12 = 2 / 13, a26 = 2 / 27, a9 = 2 / 10;
  let e12 = c[0], e26 = c[0], sig = 0;
  for (let t = 0; t < c.length; t++) {
    if (t > 0) {
      e12 = a12 * c[t] + (1 - a12) * e12;
      e26 = a26 * c[t] + (1 - a26) * e26;
    }
    const macd = e12 - e26;
    sig = t === 0 ? macd : a9 * macd + (1 - a9) * sig;
    out[t] = (macd - sig) / c[t];
  }
  return out;
}
