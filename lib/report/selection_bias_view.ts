/**
 * How a search's selection bias is shown, in reports, notebooks and the console alike:
 * the hindsight-best configuration's deflated Sharpe against zero and against the
 * benchmark, with N and the trial-Sharpe variance it was deflated by, PBO next to it, and
 * one sentence that reconciles them. These figures describe the search; they never share
 * a row with the walk-forward out-of-sample Sharpe of the configurations selected fold by
 * fold.
 *
 * @module
 */
import type { SelectionBias } from "../optimize/mod.ts";
import { formatCell } from "./column_format.ts";
import type { TableCell, TableColumn } from "./table.ts";

/** Periods a year of the daily Sharpe ratios shown annualised. */
const PERIODS_PER_YEAR = 252;

/** The selection-bias figures of one search (Sharpe ratios annualised, 252/yr). */
export interface SelectionBiasFigures {
  /** What was searched ("ma_crossover on SP500", "8 ML configurations on SP500"). */
  readonly search: string;
  /** Configurations N the best was picked from. */
  readonly configurations: number;
  /** Variance of the configurations' annualised Sharpe ratios. */
  readonly trialSharpeVariance: number;
  /** The hindsight-best configuration, as text. */
  readonly best: string;
  readonly bestSharpe: number;
  /** Expected best Sharpe of N configurations without skill. */
  readonly expectedMaxSharpe: number;
  /** Deflated Sharpe against zero (a probability). */
  readonly dsr: number;
  /** "buy-and-hold SP500". */
  readonly benchmark: string;
  readonly benchmarkSharpe: number;
  /** Sharpe of the hindsight-best's excess returns over the benchmark. */
  readonly excessSharpe: number;
  readonly excessExpectedMaxSharpe: number;
  /** Deflated Sharpe of the excess returns (a probability). */
  readonly excessDsr: number;
  /** Probability of backtest overfitting (NaN: not computed). */
  readonly pbo: number;
  /** Share of CSCV splits whose in-sample winner lost out of sample. */
  readonly pboProbabilityOfLoss: number;
}

/**
 * A configuration as words a table can wrap: `{"fastDays":20,"slowDays":200}` reads
 * "fastDays 20, slowDays 200" (a JSON string is parsed first; anything else as text).
 *
 * @param config The configuration object or its JSON.
 * @returns The text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configText } from "./selection_bias_view.ts";
 * assert.equal(configText('{"fastDays":20,"slowDays":200}'), "fastDays 20, slowDays 200");
 * ```
 */
export function configText(config: unknown): string {
  let c = config;
  if (typeof c === "string") {
    try {
      c = JSON.parse(c);
    } catch {
      return c as string;
    }
  }
  if (c === null || typeof c !== "object" || Array.isArray(c)) {
    return String(c);
  }
  return Object.entries(c).map(([k, v]) =>
    `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`
  ).join(", ");
}

/**
 * The figures of a `selectionBias` result.
 *
 * @param search What was searched.
 * @param bias From lib/optimize `selectionBias` (or a search's `dsr`/`benchmark`/`pbo`).
 * @param best The hindsight-best configuration as text.
 * @param benchmark The benchmark's name.
 * @returns Annualised figures.
 */
export function selectionBiasFigures(
  search: string,
  bias: Pick<SelectionBias, "best" | "excess" | "benchmarkSharpe" | "pbo">,
  best: string,
  benchmark: string,
): SelectionBiasFigures {
  const a = Math.sqrt(PERIODS_PER_YEAR);
  return {
    search,
    configurations: bias.best.trials,
    trialSharpeVariance: bias.best.trialSharpeVariance * PERIODS_PER_YEAR,
    best,
    bestSharpe: bias.best.sharpe * a,
    expectedMaxSharpe: bias.best.expectedMaxSharpe * a,
    dsr: bias.best.dsr,
    benchmark,
    benchmarkSharpe: bias.benchmarkSharpe * a,
    excessSharpe: bias.excess.sharpe * a,
    excessExpectedMaxSharpe: bias.excess.expectedMaxSharpe * a,
    excessDsr: bias.excess.dsr,
    pbo: bias.pbo?.pbo ?? NaN,
    pboProbabilityOfLoss: bias.pbo?.probabilityOfLoss ?? NaN,
  };
}

/** Columns of {@linkcode selectionBiasRow}. */
export const SELECTION_BIAS_COLUMNS: readonly TableColumn[] = [
  { title: "search" },
  { title: "N", format: "int" },
  { title: "var(trial Sharpe)", format: "dec3" },
  { title: "hindsight-best" },
  { title: "its Sharpe", format: "ratio" },
  { title: "E[max] of N", format: "ratio" },
  { title: "DSR vs 0", format: "dec3" },
  { title: "benchmark" },
  { title: "bench. Sharpe", format: "ratio" },
  { title: "excess Sharpe", format: "ratio" },
  { title: "DSR vs bench.", format: "dec3" },
  { title: "PBO", format: "dec3" },
];

/** One table row of the figures, in {@linkcode SELECTION_BIAS_COLUMNS} order. */
export function selectionBiasRow(f: SelectionBiasFigures): TableCell[] {
  return [
    f.search,
    f.configurations,
    f.trialSharpeVariance,
    f.best,
    f.bestSharpe,
    f.expectedMaxSharpe,
    f.dsr,
    f.benchmark,
    f.benchmarkSharpe,
    f.excessSharpe,
    f.excessDsr,
    Number.isFinite(f.pbo) ? f.pbo : "not computed",
  ];
}

/** DSR above this is read as "unlikely to be luck". */
const SIGNIFICANT = 0.95;

/**
 * One sentence reconciling the deflated Sharpe (against zero and the benchmark) with
 * PBO, e.g. "DSR 0.978 says the hindsight-best is unlikely to be luck against zero, but
 * not against buy-and-hold SP500 (DSR 0.412 on the excess returns); PBO 0.749 says the
 * in-sample winner usually ranks at or below the median out of sample: do not trust
 * the selection."
 *
 * @param f The figures.
 * @returns The sentence.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectionVerdict } from "./selection_bias_view.ts";
 * const s = selectionVerdict({ search: "x", configurations: 13, trialSharpeVariance: 0.1, best: "a", bestSharpe: 0.66, expectedMaxSharpe: 0.17, dsr: 0.978, benchmark: "buy-and-hold SP500", benchmarkSharpe: 0.3, excessSharpe: 0.1, excessExpectedMaxSharpe: 0.2, excessDsr: 0.41, pbo: 0.75, pboProbabilityOfLoss: 0.3 });
 * assert.match(s, /unlikely to be luck against zero, but not against buy-and-hold SP500/);
 * assert.match(s, /PBO 0\.750 .* do not trust the selection/);
 * ```
 */
export function selectionVerdict(f: SelectionBiasFigures): string {
  const p = (v: number) => formatCell(v, "dec3");
  const zero = f.dsr > SIGNIFICANT;
  const bench = f.excessDsr > SIGNIFICANT;
  const against = zero && bench
    ? `is unlikely to be luck against zero, and also against ${f.benchmark}`
    : zero
    ? `is unlikely to be luck against zero, but not against ${f.benchmark}`
    : bench
    ? `could be luck against zero, yet beats ${f.benchmark} beyond luck`
    : `could be luck even against zero, and against ${f.benchmark} too`;
  const dsr = Number.isFinite(f.dsr)
    ? `DSR ${p(f.dsr)} says the hindsight-best ${against} (DSR ${
      p(f.excessDsr)
    } on the excess returns)`
    : "The deflated Sharpe could not be computed (no spread in the returns)";
  const pbo = !Number.isFinite(f.pbo)
    ? "PBO was not computed (too few rows or configurations)"
    : f.pbo > 0.5
    ? `PBO ${
      p(f.pbo)
    } says the in-sample winner usually ranks at or below the median out of sample: do not trust the selection`
    : `PBO ${
      p(f.pbo)
    } says the in-sample winner usually stays above the median out of sample`;
  return `${dsr}; ${pbo}.`;
}
