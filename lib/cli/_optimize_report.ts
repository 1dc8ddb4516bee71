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
import {
  configText,
  formatCell,
  SELECTION_BIAS_COLUMNS,
  type SelectionBiasFigures,
  selectionBiasFigures,
  selectionBiasRow,
  selectionVerdict,
  textTable,
  wrapText,
} from "../report/mod.ts";

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
  /**
   * Selection bias of the search: the HINDSIGHT-best configuration (best Sharpe over the
   * whole OOS span), its deflated Sharpe against zero and against the benchmark, N, the
   * trial-Sharpe variance, PBO. Not a walk-forward figure.
   */
  readonly selectionBias: SelectionBiasFigures & {
    readonly bestConfig: unknown;
    readonly verdict: string;
  };
  readonly pbo: {
    pbo: number;
    partitions: number;
    splits: number;
    probabilityOfLoss: number;
  };
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
      "Sharpe mean/std(n-1)*sqrt(252); drawdowns shown as positive losses (negative fractions in JSON)",
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
    selectionBias: biasOf(r),
    pbo: {
      pbo: r.pbo.pbo,
      partitions: r.pbo.partitions,
      splits: r.pbo.splits,
      probabilityOfLoss: r.pbo.probabilityOfLoss,
    },
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

function biasOf(r: OptimizeResult): OptimizeReport["selectionBias"] {
  const bestConfig = r.configs[r.dsr.bestConfigId];
  const f = selectionBiasFigures(
    `${r.strategy} grid`,
    {
      best: r.dsr,
      excess: r.benchmark.excess,
      benchmarkSharpe: r.benchmark.sharpe,
      pbo: r.pbo.splits > 0 ? r.pbo : null,
    },
    configText(bestConfig),
    r.benchmark.label,
  );
  return { ...f, bestConfig, verdict: selectionVerdict(f) };
}

/**
 * The text summary: the walk-forward result of the configurations selected fold by fold
 * (search size, OOS figures, IS vs OOS degradation), then apart from it the selection
 * bias of the hindsight-best configuration with the sentence reconciling DSR and PBO.
 *
 * @param o The report.
 * @returns Lines joined by `\n`.
 */
export function formatOptimize(o: OptimizeReport): string {
  const m = o.metrics, d = o.degradation, b = o.selectionBias;
  const pct = (v: number) => formatCell(v, "pct");
  const ratio = (v: number) => formatCell(v, "ratio");
  return [
    `optimize ${o.strategy} on ${
      o.symbols.join(",")
    } (${o.search}): ${o.configs} configs x ${o.folds} folds = ${o.trials} trials`,
    "walk-forward (each fold trades the configuration with the best training Sharpe):",
    `  OOS ${o.oos.start}..${o.oos.end} (${
      formatCell(o.oos.rows, "int")
    } days): Sharpe ${ratio(m.oosSharpe)}, total return ${
      pct(m.oosTotalReturn)
    }, max drawdown ${pct(Math.abs(m.oosMaxDrawdown))}`,
    `  IS vs OOS Sharpe of the selected configs: ${
      ratio(d.meanTrainSharpeOfSelected)
    } -> ${ratio(d.meanTestSharpeOfSelected)} (difference ${
      ratio(d.difference)
    })`,
    "selection bias (hindsight-best configuration over the whole OOS span, not walk-forward):",
    textTable(SELECTION_BIAS_COLUMNS.slice(1), [
      selectionBiasRow(b).slice(1),
    ], { keyColumns: 0 }).replace(/^(?=.)/gm, "  "),
    wrapText(`  ${b.verdict}`),
    wrapText(
      `  PBO: CSCV, ${o.pbo.partitions} partitions, ${
        formatCell(o.pbo.splits, "int")
      } splits; the in-sample winner lost money out of sample in ${
        pct(o.pbo.probabilityOfLoss)
      } of them`,
    ),
    ...o.notes.map((n) => wrapText(`note: ${n}`)),
    wrapText(`conventions: ${o.conventions}`),
    `stored run ${o.runId} in optimize_runs / optimize_trials`,
  ].join("\n");
}
