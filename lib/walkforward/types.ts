/**
 * Value types of the walk-forward domain.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { ReturnSummary } from "./_summary.ts";

/** How predictions become positions (see lib/backtest's position mappings). */
export type PositionRule =
  | { readonly kind: "sign" }
  | {
    readonly kind: "threshold";
    readonly threshold: number;
    readonly longOnly?: boolean;
  }
  | {
    readonly kind: "proportional";
    readonly scale: number;
    readonly cap?: number;
  }
  | {
    readonly kind: "volTarget";
    readonly targetVolAnnual: number;
    readonly windowDays?: number;
    readonly cap?: number;
  };

/** What a walk-forward run does. Plain JSON, so it can be stored in a run manifest. */
export interface WalkForwardConfig {
  /** Feature names (lib/features), in column order. */
  readonly features: readonly string[];
  /** Label: `ln(close[t+h] / close[t])`; also the purge horizon. @default 1 */
  readonly labelHorizon?: number;
  /** Training rows per fold. */
  readonly train: number;
  /** Test rows per fold. */
  readonly test: number;
  /** Rows between fold starts (>= test, so test days never overlap). @default test */
  readonly stride?: number;
  /** Expanding training window. @default false */
  readonly anchored?: boolean;
  /** Embargo rows between train end and test start. @default 0 */
  readonly gap?: number;
  /** Model registry name (lib/ml `createModel`). @default "ridge" */
  readonly model?: string;
  /** Model options. @default {} (ridge: lambda 1) */
  readonly modelOptions?: Readonly<Record<string, unknown>>;
  /** Seed for models with randomness. @default 42 */
  readonly seed?: number;
  /** Standardise features with the train rows' mean and sample std. @default true */
  readonly standardise?: boolean;
  /** Prediction -> position mapping. @default { kind: "sign" } */
  readonly position?: PositionRule;
  /** Cost in basis points per unit of turnover. @default 1 */
  readonly costBps?: number;
}

/** A {@linkcode WalkForwardConfig} with every default resolved (`completeWalkForwardConfig`). */
export type CompleteWalkForwardConfig = Required<WalkForwardConfig>;

/** Progress of a run, passed to `onFold` after each fold. */
export interface FoldProgress {
  readonly done: number;
  readonly total: number;
  /** Index of the fold just finished. */
  readonly fold: number;
  /** Last test date of that fold. */
  readonly testEndDate: string;
  /** Its fit + predict time in ms (0 without a clock). */
  readonly ms: number;
}

/** Hooks and inputs that are not part of the stored config. */
export interface WalkForwardOptions {
  /** Called after each fold (progress bars). */
  readonly onFold?: (progress: FoldProgress) => void;
  /** Clock in milliseconds for fold timings (the edge passes `performance.now`). @default () => 0 */
  readonly now?: () => number;
  /** Replace the training labels (adversarial controls); length = number of bars. */
  readonly labels?: Float64Array;
  /** Benchmark bars for cross-asset features (lib/features `buildFeatures`). */
  readonly benchmark?: Bars;
}

/** Statistics of a span of out-of-sample days. */
export type SpanMetrics = ReturnSummary;

/** Overall out-of-sample statistics. */
export interface WalkForwardMetrics extends ReturnSummary {
  /** Trade-level win rate, profit factor, payoff ratio (lib/backtest ledger). */
  readonly winRate: number;
  readonly profitFactor: number;
  readonly payoffRatio: number;
  readonly trades: number;
  /** Share of OOS days with a non-zero position. */
  readonly exposure: number;
  /** Mean daily turnover `|p[t] - p[t-1]|`. */
  readonly turnover: number;
  readonly folds: number;
}

/** One fold's windows (row indexes into the bars, half-open) and results. */
export interface FoldResult {
  readonly index: number;
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
  readonly trainStartDate: string;
  /** Date of the last training row (inclusive). */
  readonly trainEndDate: string;
  readonly testStartDate: string;
  /** Date of the last test row (inclusive). */
  readonly testEndDate: string;
  readonly purged: number;
  /** Statistics of this fold's test days, cut from the stitched series. */
  readonly metrics: SpanMetrics;
  /** Linear models: slopes on the (standardised) feature scale; null otherwise. */
  readonly coefficients: readonly number[] | null;
  readonly intercept: number | null;
  /** Importance and sign per feature (lib/ml `Model.importance`). */
  readonly importance: readonly number[];
  readonly signs: readonly number[];
  /** Wall time of fit and predict, in ms (0 without a clock). */
  readonly ms: { readonly fit: number; readonly predict: number };
}

/** A complete walk-forward run. */
export interface WalkForwardResult {
  readonly symbol: string;
  readonly features: readonly string[];
  readonly folds: readonly FoldResult[];
  /** The stitched out-of-sample series, one entry per test day. */
  readonly oos: {
    /** Bar index of each OOS day. */
    readonly rows: Int32Array;
    readonly dates: readonly string[];
    readonly predictions: Float64Array;
    readonly positions: Float64Array;
    /** Net strategy return earned from the day's close to the next close. */
    readonly returns: Float64Array;
    readonly equity: Float64Array;
  };
  readonly metrics: WalkForwardMetrics;
}
