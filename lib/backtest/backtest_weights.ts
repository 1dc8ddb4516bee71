/**
 * The P&L kernel of weights backtests: target weights of one asset or a panel in, per-bar
 * turnover, costs and returns out, with the fill timing and the rebalancing rule explicit.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { fillBook, markBook } from "./book.ts";
import { bpsToFraction, turnoverCost } from "./cost_model.ts";
import type { FillTiming } from "./types.ts";

/**
 * Prices or returns of the panel's columns (one per asset), on one date index:
 * closes (and opens, needed for fills at the open), forward returns (`fwd[t]` from the
 * close of t to the close of t+1), or a T x N matrix of bar returns (row t: close t-1 to
 * close t; row 0 unused).
 */
export type WeightsInput =
  | {
    readonly close: readonly Float64Array[];
    readonly open?: readonly Float64Array[];
  }
  | { readonly forwardReturns: readonly Float64Array[] }
  | { readonly returns: Matrix };

/**
 * Target weights: one column per asset (NaN = no order: hold the weight), or a function
 * called at each decision bar with the weights held at that close (after drift) that
 * returns the targets, or `undefined` for no trade.
 */
export type WeightTargets =
  | readonly Float64Array[]
  | ((t: number, held: Float64Array) => ArrayLike<number> | undefined);

/** Options of {@linkcode backtestWeights}. */
export interface WeightsBacktestOptions {
  /** Cost in basis points per unit of turnover. @default 0 */
  readonly costBps?: number;
  /**
   * Cost per unit of turnover per bar as a fraction (e.g. `costRate` with slippage);
   * replaces `costBps` when given.
   */
  readonly rate?: Float64Array;
  /**
   * `"close"`: weights decided at t's close are filled at t's close; `"open"`: at the
   * open of t+1 (the old book earns the night, the new one the day). @default "close"
   */
  readonly fill?: FillTiming;
  /**
   * `false`: the book is back at its target weights every bar and turnover is measured
   * between consecutive targets (research convention); `true`: weights drift with prices
   * between fills and turnover is measured against the drifted weights. @default false
   */
  readonly drift?: boolean;
}

/** Per-bar arrays of a weights backtest, indexed by decision bar t. */
export interface WeightsBacktestResult {
  /** Sum |weight changes| of the fill of the decision at t. */
  readonly turnover: Float64Array;
  /** Costs of that fill, as a fraction of equity at t's close. */
  readonly costs: Float64Array;
  /** Return from t's close to t+1's close before costs (0 after the last bar). */
  readonly gross: Float64Array;
  /** `gross - costs` (for fills at the open the costs are charged on the open's equity). */
  readonly net: Float64Array;
  /**
   * Return of the bar ending at t's close (t-1 to t) net of the fills inside that bar
   * (its close, or its open): `gross[t-1] - costs[t]` for fills at the close (bar 0 is
   * `-costs[0]`), `net[t-1]` for fills at the open.
   */
  readonly earned: Float64Array;
  /** Weights held after the fill of the decision at t, one column per asset. */
  readonly weights: Float64Array[];
}

/**
 * Backtest target weights. For each decision bar t: the book is filled at the targets
 * (turnover `sum |w_target - w_held|`, cost `turnoverCost(rate[t], turnover)`), then earns
 * bar t+1 (`sum w_i r_i`, non-finite returns earn 0). Fill `"close"`: filled at t's
 * close, `net[t] = gross[t] - costs[t]`. Fill `"open"`: the held book first earns the
 * night to t+1's open, is filled there, then earns the day:
 * `net[t] = (1 + g_night) (1 + g_day - cost) - 1`; the last bar's decision never fills.
 * A value at t uses targets and prices up to t (and the prices of t+1 it earns).
 *
 * @param input Closes (and opens), forward returns, or a matrix of bar returns.
 * @param targets Target weight columns, or a decision function.
 * @param options Costs, fill timing, drift.
 * @returns Turnover, costs, gross, net and earned returns, weights held.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backtestWeights } from "./backtest_weights.ts";
 * const close = [new Float64Array([100, 110, 121])];
 * const r = backtestWeights({ close }, [new Float64Array([1, 1, 0])], { costBps: 10 });
 * assert.deepEqual([...r.turnover], [1, 0, 1]);
 * assert.ok(Math.abs(r.net[0] - 0.099) < 1e-15);
 * assert.ok(Math.abs(r.earned[1] - 0.1) < 1e-15);
 * ```
 */
export function backtestWeights(
  input: WeightsInput,
  targets: WeightTargets,
  options: WeightsBacktestOptions = {},
): WeightsBacktestResult {
  const shape = panelShape(input);
  const fill = options.fill ?? "close";
  if (fill !== "close" && fill !== "open") {
    throw new RangeError(
      `Unknown fill timing "${fill}": expected "close" or "open"`,
    );
  }
  if (fill === "open" && !("open" in input && input.open)) {
    throw new RangeError(
      "Fills at the open need open prices: pass { close, open }",
    );
  }
  checkTargets(targets, shape);
  const rate = options.rate ??
    new Float64Array(shape.n).fill(bpsToFraction(options.costBps ?? 0));
  if (rate.length !== shape.n) {
    throw new RangeError(
      `Cost rate needs ${shape.n} values, one per bar, got ${rate.length}`,
    );
  }
  return _backtestWeights(input, targets, rate, fill, options.drift ?? false);
}

interface Shape {
  readonly n: number;
  readonly m: number;
}

function panelShape(input: WeightsInput): Shape {
  if ("returns" in input) {
    return { n: input.returns.rows, m: input.returns.cols };
  }
  const cols = "close" in input ? input.close : input.forwardReturns;
  const n = cols.length ? cols[0].length : 0;
  const all = "close" in input && input.open ? [...cols, ...input.open] : cols;
  for (const c of all) {
    if (c.length !== n) {
      throw new RangeError(
        `Columns must share one date index: got ${c.length} and ${n} values`,
      );
    }
  }
  return { n, m: cols.length };
}

function checkTargets(targets: WeightTargets, { n, m }: Shape): void {
  if (typeof targets === "function") return;
  if (targets.length !== m) {
    throw new RangeError(
      `Expected one target column per asset: ${m} assets, got ${targets.length} columns`,
    );
  }
  for (const c of targets) {
    if (c.length !== n) {
      throw new RangeError(
        `Target columns need ${n} values, one per bar, got ${c.length}`,
      );
    }
  }
}

/** Writes the returns of bar t (close t-1 to close t) of every column into `out` (NaN when undefined). */
type BarReturns = (t: number, out: Float64Array) => void;

function closeToClose(input: WeightsInput, n: number): BarReturns {
  if ("returns" in input) {
    const { data, cols } = input.returns;
    return (t, out) => {
      for (let i = 0; i < out.length; i++) {
        out[i] = t >= 1 && t < n ? data[t * cols + i] : NaN;
      }
    };
  }
  if ("forwardReturns" in input) {
    const f = input.forwardReturns;
    return (t, out) => {
      for (let i = 0; i < out.length; i++) {
        out[i] = t >= 1 && t <= n ? f[i][t - 1] : NaN;
      }
    };
  }
  const c = input.close;
  return (t, out) => {
    for (let i = 0; i < out.length; i++) {
      out[i] = t >= 1 && t < n ? c[i][t] / c[i][t - 1] - 1 : NaN;
    }
  };
}

function _backtestWeights(
  input: WeightsInput,
  targets: WeightTargets,
  rate: Float64Array,
  fill: FillTiming,
  drift: boolean,
): WeightsBacktestResult {
  const { n, m } = panelShape(input);
  const turnover = new Float64Array(n), costs = new Float64Array(n);
  const gross = new Float64Array(n), net = new Float64Array(n);
  const weights = Array.from({ length: m }, () => new Float64Array(n));
  const w = new Float64Array(m), row = new Float64Array(m);
  const target = new Float64Array(m);
  const targetAt = (t: number): ArrayLike<number> | undefined => {
    if (typeof targets === "function") return targets(t, w);
    for (let i = 0; i < m; i++) target[i] = targets[i][t];
    return target;
  };
  const bar = closeToClose(input, n);
  const night = fill === "open" ? openSplit(input, n) : undefined;
  const out = { turnover, costs, gross, net, weights };
  for (let t = 0; t < n; t++) {
    if (night) openStep(t, w, targetAt(t), rate[t], drift, night, row, out);
    else {
      const x = targetAt(t);
      turnover[t] = x ? fillBook(w, x) : 0;
      costs[t] = turnoverCost(rate[t], turnover[t]);
      for (let i = 0; i < m; i++) weights[i][t] = w[i];
      bar(t + 1, row);
      gross[t] = markBook(w, row, drift);
      net[t] = gross[t] - costs[t];
    }
  }
  return Object.freeze({
    turnover,
    costs,
    gross,
    net,
    earned: earnedReturns(gross, costs, net, fill),
    weights,
  });
}

/** Night (close t to open t+1) and day (open t+1 to close t+1) returns of bar t+1. */
interface OpenSplit {
  readonly night: BarReturns;
  readonly day: BarReturns;
}

function openSplit(input: WeightsInput, n: number): OpenSplit {
  const { close, open } = input as {
    close: readonly Float64Array[];
    open: readonly Float64Array[];
  };
  return {
    night: (t, out) => {
      for (let i = 0; i < out.length; i++) {
        out[i] = t >= 1 && t < n ? open[i][t] / close[i][t - 1] - 1 : NaN;
      }
    },
    day: (t, out) => {
      for (let i = 0; i < out.length; i++) {
        out[i] = t >= 1 && t < n ? close[i][t] / open[i][t] - 1 : NaN;
      }
    },
  };
}

function openStep(
  t: number,
  w: Float64Array,
  x: ArrayLike<number> | undefined,
  rate: number,
  drift: boolean,
  split: OpenSplit,
  row: Float64Array,
  out: {
    turnover: Float64Array;
    costs: Float64Array;
    gross: Float64Array;
    net: Float64Array;
    weights: Float64Array[];
  },
): void {
  split.night(t + 1, row);
  const gNight = markBook(w, row, drift);
  const tv = x && t + 1 < out.net.length ? fillBook(w, x) : 0;
  const cost = turnoverCost(rate, tv);
  for (let i = 0; i < w.length; i++) out.weights[i][t] = w[i];
  split.day(t + 1, row);
  const gDay = markBook(w, row, drift);
  out.turnover[t] = tv;
  out.costs[t] = (1 + gNight) * cost;
  out.gross[t] = (1 + gNight) * (1 + gDay) - 1;
  out.net[t] = (1 + gNight) * (1 + gDay - cost) - 1;
}

function earnedReturns(
  gross: Float64Array,
  costs: Float64Array,
  net: Float64Array,
  fill: FillTiming,
): Float64Array {
  const n = gross.length, out = new Float64Array(n);
  if (fill === "open") {
    for (let t = 1; t < n; t++) out[t] = net[t - 1];
    return out;
  }
  for (let t = 0; t < n; t++) out[t] = (t > 0 ? gross[t - 1] : 0) - costs[t];
  return out;
}
