/**
 * The optimize job: a walk-forward parameter search where every configuration is
 * backtested inside each training window and the best (by train Sharpe) trades the next
 * test window; the deflated Sharpe ratio and the probability of backtest overfitting are
 * computed over every trial, and the run and all its trials are stored
 * (`optimize_runs`, `optimize_trials`).
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { makeRunId, runKey } from "../_shared/manifest.ts";
import { type DbEngine, ensureSampleData } from "../data/mod.ts";
import {
  type OptimizeOptions,
  type OptimizeResult,
  optimizeWalkForward,
} from "../optimize/mod.ts";
import { optimizeRecords, saveOptimizeRun } from "../store/mod.ts";
import { loadOptimizeInputs, type OptimizeInputs } from "./_optimize_inputs.ts";
import type { SanityPolicy } from "./data_sanity_gate.ts";

/** Strategies the search can tune. */
export const OPTIMIZE_STRATEGIES = [
  "ma_crossover",
  "momentum",
  "zscore",
  "rsi",
  "breakout",
  "pairs",
] as const;

/** A complete optimize job. */
export interface OptimizeJobConfig {
  /** Symbol of the single-symbol strategies. */
  readonly symbol: string;
  /** The pairs strategy's pair; absent: SP500,AAPL when cointegrated, else synthetic. */
  readonly symbols?: readonly string[];
  readonly strategy: (typeof OPTIMIZE_STRATEGIES)[number];
  readonly search: "grid" | "random";
  /** Random search draws. */
  readonly trials: number;
  /** Seed of the random search and of the synthetic pair. */
  readonly seed: number;
  readonly trainLen: number;
  readonly testLen: number;
  readonly stride: number;
  /** Bps per unit of turnover. */
  readonly costBps: number;
  /** CSCV partitions for PBO (even). */
  readonly partitions: number;
  readonly startDate?: string;
  readonly endDate?: string;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/** What an optimize job returns. */
export interface OptimizeJobResult {
  readonly runId: string;
  readonly result: OptimizeResult;
  readonly inputs: OptimizeInputs;
}

/** Throw a RangeError saying how many bars one fold needs when there are fewer. */
function enoughData(
  symbols: string[],
  dates: readonly string[],
  cfg: OptimizeJobConfig,
): void {
  const need = cfg.trainLen + cfg.testLen;
  if (dates.length >= need) return;
  const span = dates.length ? ` (${dates[0]}..${dates[dates.length - 1]})` : "";
  throw new RangeError(
    `Too little data for one fold of ${
      symbols.join(",")
    }: need ${need} bars (train ${cfg.trainLen} + test ${cfg.testLen}), got ${dates.length}${span}; widen the date range or shorten --train-len/--test-len`,
  );
}

/**
 * The search's options for a job config (the one place the job's fields map to the
 * kernel's options).
 *
 * @param cfg The job config.
 * @returns The options of `optimizeWalkForward`.
 */
export function optimizeOptions(cfg: OptimizeJobConfig): OptimizeOptions {
  return {
    strategy: cfg.strategy,
    ...(cfg.search === "random"
      ? { random: { n: cfg.trials, seed: cfg.seed } }
      : {}),
    train: cfg.trainLen,
    test: cfg.testLen,
    stride: cfg.stride,
    costBps: cfg.costBps,
    partitions: cfg.partitions,
  };
}

/**
 * Load and check the bars of one search (enough data for one fold).
 *
 * @param db The store (built-in samples loaded first).
 * @param cfg The job config.
 * @returns The inputs.
 */
export async function prepareOptimize(
  db: DbEngine,
  cfg: OptimizeJobConfig,
): Promise<OptimizeInputs> {
  await ensureSampleData(db);
  const inputs = await loadOptimizeInputs(db, cfg);
  enoughData(inputs.bars.map((b) => b.symbol), inputs.bars[0].dates, cfg);
  return inputs;
}

/**
 * Store one search's result as a run.
 *
 * @param db The store.
 * @param cfg The job config.
 * @param inputs What it ran on.
 * @param result The search.
 * @param started ISO instant the run started.
 * @returns The stored run.
 */
export async function storeOptimize(
  db: DbEngine,
  cfg: OptimizeJobConfig,
  inputs: OptimizeInputs,
  result: OptimizeResult,
  started: string,
): Promise<OptimizeJobResult> {
  const symbols = inputs.bars.map((b) => b.symbol);
  const dataHash = hashColumns(inputs.bars.flatMap((b) => [b.dates, b.close]));
  const runId = makeRunId("optimize", started, runKey(cfg, dataHash));
  const rows = optimizeRecords(result, {
    runId,
    symbols,
    config: { ...cfg, dataSanity: inputs.dataSanity },
    dataHash,
  });
  await saveOptimizeRun(db, rows, started);
  return { runId, result, inputs };
}

/**
 * Run and store one parameter search.
 *
 * @param db The store (built-in samples loaded first).
 * @param cfg The complete job config.
 * @returns The run id, the search result and what it ran on.
 */
export async function runOptimizeJob(
  db: DbEngine,
  cfg: OptimizeJobConfig,
): Promise<OptimizeJobResult> {
  const started = new Date().toISOString();
  const inputs = await prepareOptimize(db, cfg);
  const result = optimizeWalkForward(inputs.bars, optimizeOptions(cfg));
  return await storeOptimize(db, cfg, inputs, result, started);
}
