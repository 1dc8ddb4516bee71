/**
 * The stress job: replay the scenarios on each symbol's own history and on the weighted
 * portfolio of the symbols (on their common dates), with the ex-ante VaR and the limit
 * breaches of each, one `stress_results` row per scenario and scope.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { makeRunId, runKey } from "../_shared/manifest.ts";
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  type RiskLimits,
  runStress,
  type StressResult,
  type StressScenario,
  type VarMethod,
} from "../risk/mod.ts";
import { saveStressResults, stressRecords } from "../store/mod.ts";
import {
  type DataSanityRecord,
  gateBars,
  type SanityPolicy,
} from "./data_sanity_gate.ts";

/** A complete stress job (files already read and validated at the edge). */
export interface StressJobConfig {
  readonly symbols: readonly string[];
  /** One weight per symbol. */
  readonly weights: readonly number[];
  readonly scenarios: readonly StressScenario[];
  readonly limits: RiskLimits;
  /** VaR confidence in (0, 1). */
  readonly confidence: number;
  readonly varMethod: VarMethod;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/** What a stress job returns. */
export interface StressJobResult {
  readonly runId: string;
  readonly results: StressResult[];
  /** First and last date of each symbol's data, in the order of the symbols. */
  readonly dates: readonly {
    readonly symbol: string;
    readonly start: string;
    readonly end: string;
  }[];
  /** Rows stored in `stress_results`. */
  readonly rows: number;
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: DataSanityRecord;
}

/**
 * Run and store one stress test.
 *
 * @param db The store (built-in samples loaded first).
 * @param cfg The complete job config.
 * @returns The run id, one result per scenario and scope, each symbol's dates.
 */
export async function runStressJob(
  db: DbEngine,
  cfg: StressJobConfig,
): Promise<StressJobResult> {
  const started = new Date().toISOString();
  const inputs = await prepareStress(db, cfg);
  const results = runStress(inputs.bars, cfg.weights, cfg.scenarios, {
    limits: cfg.limits,
    confidence: cfg.confidence,
    varMethod: cfg.varMethod,
  });
  return await storeStress(db, cfg, started, inputs, results);
}

/** A stress job's checked input: every symbol's bars and what the gate did. */
export interface StressInputs {
  readonly bars: Bars[];
  readonly record: DataSanityRecord;
}

/**
 * Load every symbol's bars (built-in samples loaded first) through the DataSanity gate,
 * each with at least 2 bars.
 *
 * @param db The store.
 * @param cfg The job.
 * @returns The bars, in the order of the symbols, and the gate's record.
 */
export async function prepareStress(
  db: DbEngine,
  cfg: StressJobConfig,
): Promise<StressInputs> {
  await ensureSampleData(db);
  const loaded = [];
  for (const s of cfg.symbols) loaded.push(await loadBars(db, s));
  const { bars, record } = await gateBars(db, loaded, cfg.sanity);
  const short = bars.filter((b) => b.dates.length < 2);
  if (short.length > 0) {
    throw new RangeError(
      `${
        short.map((b) => `${b.symbol} has ${b.dates.length} bars`).join(", ")
      }: nothing to stress (need at least 2 each)`,
    );
  }
  return { bars, record };
}

/**
 * Store a stress test's results (`stress_results`, one row per scenario and scope).
 *
 * @param db The store.
 * @param cfg The job.
 * @param started ISO instant the run started.
 * @param inputs The bars the results were computed on.
 * @param results `runStress`'s results.
 * @returns What {@linkcode runStressJob} returns.
 */
export async function storeStress(
  db: DbEngine,
  cfg: StressJobConfig,
  started: string,
  inputs: StressInputs,
  results: StressResult[],
): Promise<StressJobResult> {
  const { bars, record } = inputs;
  const dataHash = hashColumns(bars.flatMap((b) => [b.dates, b.close]));
  const runId = makeRunId("stress", started, runKey(cfg, dataHash));
  const rows = stressRecords(results, {
    runId,
    symbols: cfg.symbols,
    weights: cfg.weights,
    confidence: cfg.confidence,
    dataSanity: record,
  });
  await saveStressResults(db, rows, started);
  return {
    runId,
    results,
    dates: bars.map((b) => ({
      symbol: b.symbol,
      start: b.dates[0],
      end: b.dates[b.dates.length - 1],
    })),
    rows: rows.length,
    dataSanity: record,
  };
}
