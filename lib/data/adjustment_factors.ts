/**
 * Back-adjustment factors from splits and dividends (pure).
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { CorporateAction } from "./corporate_actions.ts";

/** A split or dividend as the adjustment needs it. */
export interface AdjustmentEvent extends Omit<CorporateAction, "symbol"> {
  /**
   * As-traded close of the last bar before `exDate` (dividends only). @default the
   * close of the last date before `exDate` in the series passed in
   */
  readonly prevClose?: number;
}

/** Multiplicative factors per bar. */
export interface AdjustmentFactors {
  /** Adjusted price = as-traded price x `price[t]`. */
  readonly price: Float64Array;
  /** Adjusted volume = as-traded volume x `volume[t]` (splits only). */
  readonly volume: Float64Array;
}

/**
 * Back-adjustment factors, the convention of Yahoo's `adjclose` (and CRSP's cumulative
 * factors): the latest bar is as traded, every earlier bar is scaled by the product of
 * the factors of the events whose ex-date lies after it:
 *
 * - split of `value` new shares per old share: price x 1/value, volume x value;
 * - cash dividend D with previous close P (the as-traded close of the last bar before
 *   the ex-date): price x (1 - D/P).
 *
 * So a return computed from adjusted closes is the total return (splits neutral,
 * dividends reinvested at the close before the ex-date), and appending bars or events
 * after t never changes a return at t (only the level of adjusted prices). An event on
 * or before the first date changes nothing; a bar dated on the ex-date is post-event.
 *
 * @param dates Bar dates (`YYYY-MM-DD` or ISO instants), ascending.
 * @param close As-traded closes (used for dividends without `prevClose`).
 * @param events Splits and dividends, any order.
 * @returns Price and volume factors, one per bar (1 after the last event).
 * @throws {RangeError} When a dividend is not below its previous close (or that close
 *   is unknown), naming the ex-date.
 * @example
 * ```ts
 * import { adjustmentFactors } from "./adjustment_factors.ts";
 * import assert from "node:assert/strict";
 * const f = adjustmentFactors(["2020-01-02", "2020-01-03", "2020-01-06"],
 *   new Float64Array([400, 100, 100]), [
 *     { exDate: "2020-01-03", kind: "split", value: 4 },
 *     { exDate: "2020-01-06", kind: "dividend", value: 1 },
 *   ]);
 * assert.deepEqual([...f.price], [0.25 * 0.99, 0.99, 1]);
 * assert.deepEqual([...f.volume], [4, 1, 1]);
 * ```
 */
export function adjustmentFactors(
  dates: readonly string[],
  close: Float64Array,
  events: readonly AdjustmentEvent[],
): AdjustmentFactors {
  if (close.length !== dates.length) {
    throw new RangeError(
      `Cannot adjust: expected ${dates.length} closes (one per date), got ${close.length}`,
    );
  }
  return _adjustmentFactors(dates, close, events);
}

function eventFactor(
  e: AdjustmentEvent,
  dates: readonly string[],
  close: Float64Array,
): number {
  if (e.kind === "split") return 1 / e.value;
  let p = e.prevClose;
  if (p === undefined) {
    const i = lastBefore(dates, e.exDate);
    p = i < 0 ? NaN : close[i];
  }
  if (!(p > e.value)) {
    throw new RangeError(
      `Cannot adjust for the dividend of ${e.exDate}: expected it below the previous close, got dividend ${e.value} and close ${p}`,
    );
  }
  return 1 - e.value / p;
}

/** Index of the last date before `day` (dates ascending), -1 when none. */
function lastBefore(dates: readonly string[], day: string): number {
  let lo = 0, hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function _adjustmentFactors(
  dates: readonly string[],
  close: Float64Array,
  events: readonly AdjustmentEvent[],
): AdjustmentFactors {
  const n = dates.length;
  const price = new Float64Array(n).fill(1);
  const volume = new Float64Array(n).fill(1);
  const sorted = events
    .filter((e) => n > 0 && e.exDate > dates[0])
    .toSorted((a, b) => a.exDate < b.exDate ? 1 : a.exDate > b.exDate ? -1 : 0);
  let fp = 1, fv = 1, k = 0;
  // Walk back from the last bar: an event applies to every bar dated before its ex-date.
  for (let t = n - 1; t >= 0; t--) {
    while (k < sorted.length && dates[t] < sorted[k].exDate) {
      const e = sorted[k++];
      fp *= eventFactor(e, dates, close);
      if (e.kind === "split") fv *= e.value;
    }
    price[t] = fp;
    volume[t] = fv;
  }
  return { price, volume };
}

/** Options of {@linkcode backAdjustBars}. */
export interface BackAdjustOptions {
  /**
   * A source's own adjusted closes (NaN where it has none): a bar with one is scaled by
   * `adjClose / close` instead of the events' factor (its volume is left as is).
   * @default none
   */
  readonly adjClose?: Float64Array;
}

/**
 * As-traded bars back-adjusted by splits and dividends (see
 * {@linkcode adjustmentFactors}): open, high, low and close times the price factor,
 * volume times the split factor. The input is not mutated.
 *
 * @param bars As-traded bars.
 * @param events Splits and dividends of the symbol.
 * @param options See {@linkcode BackAdjustOptions}.
 * @returns Adjusted bars (same dates).
 * @example
 * ```ts
 * import { backAdjustBars } from "./adjustment_factors.ts";
 * import assert from "node:assert/strict";
 * const px = new Float64Array([400, 100]);
 * const b = backAdjustBars({ symbol: "X", dates: ["2020-08-28", "2020-08-31"], open: px,
 *   high: px, low: px, close: px, volume: new Float64Array([10, 40]) },
 *   [{ exDate: "2020-08-31", kind: "split", value: 4 }]);
 * assert.deepEqual([...b.close], [100, 100]);
 * assert.deepEqual([...b.volume], [40, 40]);
 * ```
 */
export function backAdjustBars(
  bars: Bars,
  events: readonly AdjustmentEvent[],
  options: BackAdjustOptions = {},
): Bars {
  const f = adjustmentFactors(bars.dates, bars.close, events);
  const own = options.adjClose;
  const scale = (col: Float64Array) =>
    col.map((v, i) =>
      own === undefined || Number.isNaN(own[i])
        ? v * f.price[i]
        : v * (own[i] / bars.close[i])
    );
  return {
    symbol: bars.symbol,
    dates: bars.dates,
    open: scale(bars.open),
    high: scale(bars.high),
    low: scale(bars.low),
    close: bars.close.map((v, i) =>
      own === undefined || Number.isNaN(own[i]) ? v * f.price[i] : own[i]
    ),
    volume: bars.volume.map((v, i) =>
      own === undefined || Number.isNaN(own[i]) ? v * f.volume[i] : v
    ),
  };
}
