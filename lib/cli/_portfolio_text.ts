/**
 * Presentation of `deno task portfolio`: per-method summary, text table, conventions.
 *
 * @module
 */
import type { PortfolioJobConfig } from "../jobs/mod.ts";
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
 * @param f The job config.
 * @returns One sentence-like line.
 */
export function conventionsText(f: PortfolioJobConfig): string {
  const cov = f.shrinkage === "none"
    ? "sample"
    : `Ledoit-Wolf (${f.shrinkage})`;
  const thr = f.threshold
    ? ` (traded only if a weight moved > ${f.threshold})`
    : "";
  return `out-of-sample from day ${f.lookback} on; weights decided at the close from the previous ${f.lookback} returns, ` +
    `held from the next day, re-estimated every ${f.rebalance} days${thr}; costs ${f.costBps} bps of turnover; ` +
    `Sharpe = mean/std(n-1) x sqrt(252), rf 0; maxDrawdown negative; covariance: ${cov}; long-only`;
}

const r4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "-");

/**
 * The text table of the task.
 *
 * @param runId Stored run id.
 * @param symbols Assets.
 * @param oos Out-of-sample span.
 * @param rows One summary per method.
 * @returns Lines joined by `\n`.
 */
export function formatPortfolio(
  runId: string,
  symbols: readonly string[],
  oos: { start: string; end: string; days: number },
  rows: readonly MethodSummary[],
): string {
  const head = [
    "method",
    "ann.ret",
    "ann.vol",
    "Sharpe",
    "maxDD",
    "turnover/yr",
    "trades",
    "final weights",
  ];
  const table = rows.map((o) => [
    o.method,
    r4(o.annualReturn),
    r4(o.annualVolatility),
    r4(o.sharpe),
    r4(o.maxDrawdown),
    r4(o.annualTurnover),
    String(o.rebalances),
    o.finalWeights.map(r4).join(" "),
  ]);
  const w = head.map((h, i) =>
    Math.max(h.length, ...table.map((r) => r[i].length))
  );
  return [
    `portfolio ${runId}: ${
      symbols.join(",")
    }, OOS ${oos.start}..${oos.end} (${oos.days} days)`,
    ...[head, ...table].map((r) =>
      r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd()
    ),
  ].join("\n");
}
