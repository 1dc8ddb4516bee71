/**
 * The trade ledger: positions and per-day returns turned into round trips.
 *
 * @module
 */
import type { Trade } from "./types.ts";

/**
 * Split a position path into trades. A trade is a maximal run of days whose position has
 * the same non-zero sign; it opens on its first day (filled at that close) and closes on
 * the first day with another sign (filled at that close), so it earns the returns of
 * days entry..exit-1. Its pnl compounds `1 + p[u] * fwd[u] - c[u]` over those days, where
 * the entry day is charged only for opening (`rate[entry] * |p[entry]|`, so a reversal's
 * cost is split between the two trades), resizes are charged `rate[u] * |p[u] - p[u-1]|`,
 * and the exit adds a factor `1 - rate[exit] * |p[exit-1]|`. A trade still open at the end
 * is marked to market without an exit cost (`closed: false`).
 *
 * @param positions Positions per day (filled at the close).
 * @param fwd Forward simple returns per day (NaN earns 0).
 * @param rate Cost per unit of turnover per day, as a fraction (costBps/1e4 + slippage).
 * @param dates Dates per day.
 * @returns Trades in time order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tradeLedger } from "./trade_ledger.ts";
 * const t = tradeLedger(
 *   new Float64Array([1, 1, 0]), new Float64Array([0.1, 0.1, 0]),
 *   new Float64Array(3), ["a", "b", "c"],
 * );
 * assert.equal(t.length, 1);
 * assert.ok(Math.abs(t[0].pnl - 0.21) < 1e-12 && t[0].holdingDays === 2 && t[0].exitDate === "c");
 * ```
 */
export function tradeLedger(
  positions: Float64Array,
  fwd: Float64Array,
  rate: Float64Array,
  dates: readonly string[],
): Trade[] {
  const n = positions.length;
  if (fwd.length !== n || rate.length !== n || dates.length !== n) {
    throw new RangeError(
      `Trade ledger inputs must have ${n} days like positions, got ${fwd.length}, ${rate.length}, ${dates.length}`,
    );
  }
  const out: Trade[] = [];
  let dir = 0, entry = -1, growth = 1;
  for (let t = 0; t <= n; t++) {
    const p = t < n ? positions[t] : 0;
    const s = p > 0 ? 1 : p < 0 ? -1 : 0;
    if (s !== dir) {
      if (dir !== 0) {
        const closed = t < n;
        if (closed) growth *= 1 - rate[t] * Math.abs(positions[t - 1]);
        out.push(Object.freeze({
          direction: dir as 1 | -1,
          entryIndex: entry,
          entryDate: dates[entry],
          exitIndex: t,
          exitDate: dates[closed ? t : n - 1],
          holdingDays: t - entry,
          pnl: growth - 1,
          closed,
        }));
      }
      if (t === n) break;
      dir = s;
      entry = t;
      growth = 1;
      if (s !== 0) growth *= 1 + earn(p, fwd[t]) - rate[t] * Math.abs(p);
    } else if (s !== 0) {
      const dp = Math.abs(p - positions[t - 1]);
      growth *= 1 + earn(p, fwd[t]) - rate[t] * dp;
    }
  }
  return out;
}

function earn(p: number, r: number): number {
  return r === r ? p * r : 0;
}
