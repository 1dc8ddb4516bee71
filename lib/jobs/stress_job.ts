/**
 * The stress job: replay the scenarios on a weighted portfolio of the store's symbols
 * (on their common dates), with the ex-ante VaR and the limit breaches of each, one
 * `stress_results` row per scenario.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { makeRunId, runKey } from "../_shared/manifest.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  pricePanel,
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
  /** First and last common date of the symbols. */
  readonly dates: { readonly start: string; readonly end: string | undefined };
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
 * @returns The run id, one result per scenario and the common dates.
 */
export async function runStressJob(
  db: DbEngine,
  cfg: StressJobConfig,
): Promise<StressJobResult> {
  const started = new Date().toISOString();
  await ensureSampleData(db);
  const loaded = [];
  for (const s of cfg.symbols) loaded.push(await loadBars(db, s));
  const { bars, record } = await gateBars(db, loaded, cfg.sanity);
  const panel = pricePanel(bars);
  if (panel.dates.length < 2) {
    throw new RangeError(
      `Symbols ${
        cfg.symbols.join(",")
      } share ${panel.dates.length} dates: nothing to stress (need at least 2)`,
    );
  }
  const results = runStress(panel, Float64Array.from(cfg.weights), [
    ...cfg.scenarios,
  ], {
    limits: cfg.limits,
    confidence: cfg.confidence,
    varMethod: cfg.varMethod,
  });
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
    dates: { start: panel.dates[0], end: panel.dates.at(-1) },
    rows: rows.length,
    dataSanity: record,
  };
}
