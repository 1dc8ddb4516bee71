/**
 * Cost per unit of turnover per day: commission (`costBps`) plus a slippage model.
 *
 * @module
 */
import type { SlippageModel } from "./types.ts";
import { bpsToFraction } from "./cost_model.ts";

/**
 * `rate[t] = bpsToFraction(costBps) + slippage[t]` (see cost_model.ts), a fraction of capital per unit of turnover.
 *
 * Slippage at t uses data known at t only: the `volatility` model takes the sample std
 * (n-1) of the last `windowDays` simple returns ending at t (`fwd[t-windowDays..t-1]`,
 * i.e. `close[t-windowDays]..close[t]`), 0 until that window is full.
 *
 * @param fwd Forward simple returns (`fwd[t]` from t to t+1).
 * @param costBps Commission in basis points.
 * @param slippage Optional slippage model.
 * @returns Rate per day, same length as `fwd`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { costRate } from "./cost_rate.ts";
 * const r = costRate(new Float64Array(2), 1, { kind: "fixed", bps: 2 });
 * assert.ok(Math.abs(r[0] - 0.0003) < 1e-15);
 * ```
 */
export function costRate(
  fwd: Float64Array,
  costBps: number,
  slippage?: SlippageModel,
): Float64Array {
  const n = fwd.length;
  if (!(costBps >= 0)) {
    throw new RangeError(`costBps must be >= 0, got ${costBps}`);
  }
  const out = new Float64Array(n).fill(bpsToFraction(costBps));
  if (!slippage) return out;
  if (slippage.kind === "fixed") {
    if (!(slippage.bps >= 0)) {
      throw new RangeError(`Slippage bps must be >= 0, got ${slippage.bps}`);
    }
    for (let t = 0; t < n; t++) out[t] += bpsToFraction(slippage.bps);
  } else if (slippage.kind === "spread") {
    if (slippage.spread.length !== n) {
      throw new RangeError(
        `Spread needs ${n} values like the returns, got ${slippage.spread.length}`,
      );
    }
    for (let t = 0; t < n; t++) {
      const s = slippage.spread[t];
      if (s === s) out[t] += slippage.fraction * s;
    }
  } else addVolSlippage(out, fwd, slippage.multiplier, slippage.windowDays);
  return out;
}

function addVolSlippage(
  out: Float64Array,
  fwd: Float64Array,
  multiplier: number,
  w: number,
): void {
  if (!Number.isInteger(w) || w < 2) {
    throw new RangeError(
      `Slippage windowDays must be an integer >= 2, got ${w}`,
    );
  }
  for (let t = w; t < out.length; t++) {
    let m = 0;
    for (let k = t - w; k < t; k++) m += fwd[k];
    m /= w;
    let ss = 0;
    for (let k = t - w; k < t; k++) ss += (fwd[k] - m) ** 2;
    const sd = Math.sqrt(ss / (w - 1));
    if (sd === sd) out[t] += multiplier * sd;
  }
}
