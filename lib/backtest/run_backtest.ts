/**
 * The vectorised backtest kernel: target positions and prices in, returns, equity, costs
 * and a trade ledger out.
 *
 * @module
 */
import type { BacktestOptions, BacktestResult } from "./types.ts";
import { forwardReturns } from "./forward_returns.ts";
import { costRate } from "./cost_rate.ts";
import { tradeLedger } from "./trade_ledger.ts";
import { summarizeTrades } from "./summarize_trades.ts";
import { backtestWeights } from "./backtest_weights.ts";

/** Prices (closes) or forward simple returns, one per day. */
export type BacktestInput =
  | { readonly close: Float64Array }
  | { readonly forwardReturns: Float64Array };

/**
 * Backtest target positions with costs.
 *
 * The one-asset view of the P&L kernel (`backtestWeights`) with a trade ledger.
 * Fill timing `"close"` (the W1 convention): `p[t]` is decided with data up to t's close,
 * filled at t's close, and earns `fwd[t]`, the simple return from t's close to t+1's close.
 * Per day: `turnover[t] = |p[t] - p[t-1]|` (`p[-1] = 0`: the run starts flat),
 * `cost[t] = rate[t] * turnover[t]` with `rate = costBps/1e4 + slippage` (cost_model.ts),
 * `gross[t] = p[t] * fwd[t]` (0 where `fwd` is not finite, e.g. the last close),
 * `net[t] = gross[t] - cost[t]`, `equity[t] = prod(1 + net[0..t])`.
 * Positions are fractions of capital: 1 long, -1 short, 0 flat, anything between.
 *
 * @param input `{ close }` (forward returns are derived, the last day earns nothing) or
 *   `{ forwardReturns }`.
 * @param positions Target position per day (finite numbers).
 * @param options Costs, slippage, fill timing, dates.
 * @returns Daily series, trades and trade statistics.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runBacktest } from "./run_backtest.ts";
 * const r = runBacktest({ close: new Float64Array([100, 110, 121]) }, new Float64Array([1, 1, 0]), { costBps: 10 });
 * assert.ok(Math.abs(r.netReturns[0] - 0.099) < 1e-12); // 10% minus 10 bps entry
 * assert.ok(Math.abs(r.netReturns[2] + 0.001) < 1e-12); // exit cost on the last day
 * assert.equal(r.trades.length, 1);
 * ```
 */
export function runBacktest(
  input: BacktestInput,
  positions: Float64Array,
  options: BacktestOptions = {},
): BacktestResult {
  const fwd = "close" in input
    ? forwardReturns(input.close)
    : input.forwardReturns;
  const n = positions.length;
  if (fwd.length !== n) {
    throw new RangeError(
      `Backtest needs one return per position: ${n} positions, got ${fwd.length} days`,
    );
  }
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(positions[t])) {
      throw new RangeError(
        `Positions must be finite: day ${t} has ${positions[t]}`,
      );
    }
  }
  const fill = options.fill ?? "close";
  if (fill !== "close") {
    throw new RangeError(
      `runBacktest fills at the close, got fill "${fill}": for fills at the next open use backtestWeights (weights) or runExecutionBacktest (shares)`,
    );
  }
  const dates = options.dates ?? Array.from({ length: n }, (_, i) => String(i));
  if (dates.length !== n) {
    throw new RangeError(`Backtest needs ${n} dates, got ${dates.length}`);
  }
  const rate = costRate(fwd, options.costBps ?? 0, options.slippage);
  return _backtest(fwd, positions, rate, dates);
}

function _backtest(
  fwd: Float64Array,
  positions: Float64Array,
  rate: Float64Array,
  dates: readonly string[],
): BacktestResult {
  const n = positions.length;
  const r = backtestWeights({ forwardReturns: [fwd] }, [positions], { rate });
  const equity = new Float64Array(n);
  let eq = 1, inMarket = 0, sumTurn = 0;
  for (let t = 0; t < n; t++) {
    eq *= 1 + r.net[t];
    equity[t] = eq;
    if (positions[t] !== 0) inMarket++;
    sumTurn += r.turnover[t];
  }
  const trades = tradeLedger(positions, fwd, rate, dates);
  return Object.freeze({
    positions: positions.slice(),
    grossReturns: r.gross,
    netReturns: r.net,
    costs: r.costs,
    turnover: r.turnover,
    equity,
    trades,
    tradeStats: summarizeTrades(trades),
    exposure: n > 0 ? inMarket / n : NaN,
    meanTurnover: n > 0 ? sumTurn / n : NaN,
    fill: "close",
  });
}
