// Seeded synthetic inputs for the strategy tests.
import type { Bars } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

export function dates(n: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(2020, 0, 1));
  for (let i = 0; i < n; i++) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** Geometric random walk bars (zero drift), high/low around the close. */
export function randomWalkBars(
  n: number,
  seed: number,
  symbol = "RW",
  vol = 0.01,
): Bars {
  const z = createNormal(createRng(seed));
  const close = new Float64Array(n);
  const high = new Float64Array(n), low = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    if (i > 0) p *= Math.exp(vol * z());
    close[i] = p;
    high[i] = p * (1 + 0.5 * vol * Math.abs(z()));
    low[i] = p * (1 - 0.5 * vol * Math.abs(z()));
  }
  return {
    symbol,
    dates: dates(n),
    open: close.slice(),
    high,
    low,
    close,
    volume: new Float64Array(n).fill(1e6),
  };
}

export function barsFromClose(close: Float64Array, symbol = "X"): Bars {
  return {
    symbol,
    dates: dates(close.length),
    open: close.slice(),
    high: close.slice(),
    low: close.slice(),
    close,
    volume: new Float64Array(close.length).fill(1),
  };
}

/** log a = c + beta log b + OU spread; log b a random walk. */
export function cointegratedPair(
  n: number,
  seed: number,
  beta = 1.5,
  phi = 0.9,
): { a: Float64Array; b: Float64Array } {
  const z = createNormal(createRng(seed));
  const a = new Float64Array(n), b = new Float64Array(n);
  let lb = Math.log(50), s = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      lb += 0.01 * z();
      s = phi * s + 0.01 * z();
    }
    b[i] = Math.exp(lb);
    a[i] = Math.exp(0.2 + beta * lb + s);
  }
  return { a, b };
}

export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

/** The bars with every price at index t scaled by `factor(t)` (volume untouched). */
export function scalePrices(b: Bars, factor: (t: number) => number): Bars {
  const scale = (x: Float64Array) => x.map((v, t) => v * factor(t));
  return {
    ...b,
    open: scale(b.open),
    high: scale(b.high),
    low: scale(b.low),
    close: scale(b.close),
  };
}
