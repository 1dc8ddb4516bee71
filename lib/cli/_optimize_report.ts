/**
 * Presentation of `deno task optimize`: the JSON object and the text summary.
 *
 * @module
 */
import type {
  OptimizeInputs,
  OptimizeJobConfig as OptimizeConfig,
} from "../jobs/mod.ts";
import type { OptimizeResult } from "../optimize/mod.ts";

const ANN = Math.sqrt(252);

/** The task's report: search size, OOS figures, degradation, DSR, PBO, per-fold picks. */
export interface OptimizeReport {
  readonly runId: string;
  readonly strategy: string;
  readonly symbols: string[];
  readonly search: string;
  readonly configs: number;
  readonly folds: number;
  readonly trials: number;
  readonly oos: { start?: string; end?: string; rows: number };
  readonly conventions: string;
  /** OOS Sharpe annualised (252), total return, max drawdown (negative fraction). */
  readonly metrics: {
    oosSharpe: number;
    oosTotalReturn: number;
    oosMaxDrawdown: number;
    foldsWithoutTrades: number;
  };
  readonly degradation: {
    meanTrainSharpeOfSelected: number;
    meanTestSharpeOfSelected: number;
    difference: number;
  };
  readonly dsr: {
    bestConfig: unknown;
    bestSharpeAnnualised: number;
    expectedMaxSharpeAnnualised: number;
    trials: number;
    dsr: number;
    significantAt95: boolean;
  };
  readonly pbo: { pbo: number; partitions: number; splits: number };
  readonly selections: {
    testWindow: string;
    params: unknown;
    trainSharpe: number;
    testSharpe: number;
    trades: number;
  }[];
  readonly cointegration?: Record<string, unknown>;
  readonly notes: string[];
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: OptimizeInputs["dataSanity"];
}

/**
 * The task's JSON-ready report (full precision; non-finite numbers become null when
 * serialised with `jsonText`).
 *
 * @param cfg The job config.
 * @param runId Stored run id.
 * @param r The optimisation result.
 * @param inputs Bars, notes and cointegration evidence.
 * @returns A plain object.
 */
export function optimizeReport(
  cfg: OptimizeConfig,
  runId: string,
  r: OptimizeResult,
  inputs: OptimizeInputs,
): OptimizeReport {
  return {
    runId,
    strategy: r.strategy,
    symbols: inputs.bars.map((b) => b.symbol),
    search: cfg.search,
    configs: r.configs.length,
    folds: r.folds.length,
    trials: r.trials.length,
    oos: {
      start: r.oos.dates[0],
      end: r.oos.dates.at(-1),
      rows: r.metrics.oosRows,
    },
    conventions:
      `fills at the close of t, earning t -> t+1; cost ${cfg.costBps} bps per unit turnover; ` +
      "Sharpe mean/std(n-1)*sqrt(252); max drawdown negative fraction",
    metrics: {
      oosSharpe: r.metrics.oosSharpe,
      oosTotalReturn: r.metrics.oosTotalReturn,
      oosMaxDrawdown: r.metrics.oosMaxDrawdown,
      foldsWithoutTrades: r.metrics.zeroTradeFolds,
    },
    degradation: {
      meanTrainSharpeOfSelected: r.degradation.isSharpe,
      meanTestSharpeOfSelected: r.degradation.oosSharpe,
      difference: r.degradation.difference,
    },
    dsr: {
      bestConfig: r.configs[r.dsr.bestConfigId],
      bestSharpeAnnualised: r.dsr.sharpe * ANN,
      expectedMaxSharpeAnnualised: r.dsr.expectedMaxSharpe * ANN,
      trials: r.dsr.trials,
      dsr: r.dsr.dsr,
      significantAt95: r.dsr.dsr > 0.95,
    },
    pbo: { pbo: r.pbo.pbo, partitions: r.pbo.partitions, splits: r.pbo.splits },
    selections: r.folds.map((f) => ({
      testWindow: `${f.testStart}..${f.testEnd}`,
      params: f.params,
      trainSharpe: f.trainSharpe,
      testSharpe: f.testSharpe,
      trades: f.trades,
    })),
    cointegration: inputs.cointegration,
    notes: inputs.notes,
    dataSanity: inputs.dataSanity,
  };
}

const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "n/a");

/**
 * The text summary: search size, OOS figures, IS vs OOS degradation, DSR, PBO, notes.
 *
 * @param o The report.
 * @returns Lines joined by `\n`.
 */
export function formatOptimize(o: OptimizeReport): string {
  const m = o.metrics, d = o.degradation;
  return [
    `optimize ${o.strategy} on ${
      o.symbols.join(",")
    } (${o.search}): ${o.configs} configs x ${o.folds} folds = ${o.trials} trials`,
    `OOS ${o.oos.start}..${o.oos.end} (${o.oos.rows} days): Sharpe ${
      f4(m.oosSharpe)
    }, total return ${f4(m.oosTotalReturn)}, max drawdown ${
      f4(m.oosMaxDrawdown)
    }`,
    `IS vs OOS Sharpe of the selected configs: ${
      f4(d.meanTrainSharpeOfSelected)
    } -> ${f4(d.meanTestSharpeOfSelected)} (difference ${f4(d.difference)})`,
    `Deflated Sharpe of the best config ${
      JSON.stringify(o.dsr.bestConfig)
    }: Sharpe ${
      f4(o.dsr.bestSharpeAnnualised)
    } vs expected max of ${o.dsr.trials} null trials ${
      f4(o.dsr.expectedMaxSharpeAnnualised)
    } -> DSR ${f4(o.dsr.dsr)} (${
      o.dsr.significantAt95 ? "significant" : "not significant"
    } at 95%)`,
    `PBO (CSCV, ${o.pbo.partitions} partitions, ${o.pbo.splits} splits): ${
      f4(o.pbo.pbo)
    }`,
    ...o.notes.map((n) => `note: ${n}`),
    `conventions: ${o.conventions}`,
    `stored run ${o.runId} in optimize_runs / optimize_trials`,
  ].join("\n");
}
