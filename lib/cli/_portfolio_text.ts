/**
 * Presentation of `deno task portfolio`: per-method summary, text table, conventions.
 *
 * @module
 */
import type { PortfolioJobConfig } from "../jobs/mod.ts";
import {
  allocationCaveat,
  formatCell,
  largestWeights,
  textTable,
  wrapText,
} from "../report/mod.ts";
import type { WalkForwardAllocationResult } from "../portfolio/mod.ts";

/** One method's out-of-sample figures (full precision; NaN printed as null in JSON). */
export interface MethodSummary {
  readonly method: string;
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly sharpe: number;
  /** Negative fraction (empyrical convention). */
  readonly maxDrawdown: number;
  readonly annualTurnover: number;
  readonly rebalances: number;
  /** Weights after the last traded rebalance. */
  readonly finalWeights: number[];
}

/**
 * Summarise one method's walk-forward allocation.
 *
 * @param method Allocation method name.
 * @param res Its walk-forward result.
 * @returns The summary.
 */
export function methodSummary(
  method: string,
  res: WalkForwardAllocationResult,
): MethodSummary {
  const m = res.metrics;
  const last = res.weightsHistory.filter((h) => h.traded).at(-1);
  return {
    method,
    annualReturn: m.annualReturn,
    annualVolatility: m.annualVolatility,
    sharpe: m.sharpe,
    maxDrawdown: m.maxDrawdown,
    annualTurnover: m.annualTurnover,
    rebalances: m.rebalances,
    finalWeights: last ? Array.from(last.weights) : [],
  };
}

/**
 * The conventions line: timing of decisions, costs, Sharpe, drawdown sign, covariance.
 *
 * @param f The job config (with the periods a year the run used).
 * @returns One sentence-like line.
 */
export function conventionsText(f: PortfolioJobConfig): string {
  const cov = f.shrinkage === "none"
    ? "sample"
    : `Ledoit-Wolf (${f.shrinkage})`;
  const thr = f.threshold
    ? ` (traded only if a weight moved > ${f.threshold})`
    : "";
  const ppy = f.periodsPerYear ?? 252;
  return `out-of-sample from period ${f.lookback} on; weights decided at the close from the previous ${f.lookback} returns, ` +
    `held from the next period, re-estimated every ${f.rebalance} periods${thr}; costs ${f.costBps} bps of turnover; ` +
    `Sharpe = mean/std(n-1) x sqrt(${ppy}), rf 0; max DD a positive loss; turnover/yr in percent of capital; covariance: ${cov}; long-only`;
}

/**
 * The text table of the task (returns, volatility, drawdown and turnover in percent,
 * Sharpe to 2 decimals, the largest final weights).
 *
 * @param run Run id, assets, out-of-sample span and periods a year.
 * @param rows One summary per method.
 * @returns Lines joined by `\n`.
 */
export function formatPortfolio(
  run: {
    readonly runId: string;
    readonly symbols: readonly string[];
    readonly oos: { start: string; end: string; days: number };
    readonly periodsPerYear: number;
    readonly periodsInferred?: boolean;
  },
  rows: readonly MethodSummary[],
): string {
  const { symbols, oos } = run;
  const names = symbols.length > 8
    ? `${symbols.length} assets (${symbols.slice(0, 3).join(", ")}, ..., ${
      symbols.at(-1)
    })`
    : symbols.join(", ");
  const caveat = allocationCaveat(symbols.length);
  return [
    wrapText(
      `portfolio ${run.runId}: ${names}; OOS ${oos.start}..${oos.end} (${
        formatCell(oos.days, "int")
      } periods, ${run.periodsPerYear} a year${
        run.periodsInferred ? ", inferred from the dates" : ""
      })`,
    ),
    ...(caveat ? [wrapText(`note: ${caveat}`)] : []),
    textTable(
      [
        { title: "method" },
        { title: "ann. return", format: "pct" },
        { title: "ann. vol", format: "pct" },
        { title: "Sharpe", format: "ratio" },
        { title: "max DD", format: "pct" },
        { title: "turnover/yr", format: "pct" },
        { title: "trades", format: "int" },
        { title: "largest final weights" },
      ],
      rows.map((o) => [
        o.method,
        o.annualReturn,
        o.annualVolatility,
        o.sharpe,
        Math.abs(o.maxDrawdown),
        o.annualTurnover,
        o.rebalances,
        largestWeights(symbols, o.finalWeights, 3),
      ]),
    ),
  ].join("\n");
}
