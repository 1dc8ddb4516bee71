/**
 * The model-comparison job of `deno task ml-analysis`: every (model, feature selection)
 * configuration trained on the same rolling folds of one symbol, ranked by
 * out-of-sample Sharpe, with the deflated Sharpe ratio of the best for the number of
 * configurations tried. Reads the store, writes nothing.
 *
 * @module
 */
import { type DbEngine, ensureSampleData } from "../data/mod.ts";
import {
  barsDataset,
  compareModels,
  MODEL_NAMES,
  type OosSummary,
  type SelectionSpec,
} from "../ml/mod.ts";
import { type DeflatedSharpe, deflatedSharpe } from "../optimize/mod.ts";
import { loadTrainingBars } from "./training_job.ts";
import type { DataSanityRecord, SanityPolicy } from "./data_sanity_gate.ts";

/** One ranked configuration: model, selection, OOS summary and stable share. */
export type RankedConfig = {
  rank: number;
  model: string;
  selection: string;
  stableShare: number;
} & OosSummary;

/** What the task computes. */
export interface Analysis {
  readonly symbol: string;
  /** Dataset rows (bars with every feature and a label). */
  readonly rows: number;
  readonly configurations: number;
  readonly seconds: number;
  readonly best: {
    model: string;
    selection: string;
    sharpe: number;
    deflatedSharpe: DeflatedSharpe;
  };
  readonly ranking: RankedConfig[];
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: DataSanityRecord;
}

/** A complete model-comparison job. */
export interface ModelComparisonConfig {
  readonly symbol: string;
  readonly startDate?: string;
  readonly endDate?: string;
  /** Every model and selection; else 4 models x 2 selections. */
  readonly full: boolean;
  readonly trainLen: number;
  readonly testLen: number;
  readonly seed: number;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/**
 * Compare models on one symbol.
 *
 * @param db The store (built-in samples loaded first).
 * @param cfg The complete job config.
 * @returns The ranking and the best configuration's deflated Sharpe.
 */
export async function runModelComparisonJob(
  db: DbEngine,
  cfg: ModelComparisonConfig,
): Promise<Analysis> {
  await ensureSampleData(db);
  const { bars, dataSanity } = await loadTrainingBars(db, cfg.symbol, {
    start: cfg.startDate,
    end: cfg.endDate,
    trainLen: cfg.trainLen,
    testLen: cfg.testLen,
    sanity: cfg.sanity,
  });
  const data = barsDataset(bars);
  const k = Math.ceil(data.names.length / 2);
  const selections: SelectionSpec[] = cfg.full
    ? [{ kind: "none" }, { kind: "topk", k }, { kind: "stable" }]
    : [{ kind: "none" }, { kind: "topk", k }];
  const models = cfg.full
    ? [...MODEL_NAMES]
    : ["ridge", "lasso", "logistic", "gbt"];
  const t0 = performance.now();
  const rows = compareModels(data, {
    models,
    selections,
    trainLen: cfg.trainLen,
    testLen: cfg.testLen,
    seed: cfg.seed,
    now: () => performance.now(),
  });
  const dsr = deflatedSharpe(
    rows[0].returns,
    rows.map((r) => r.oos.sharpePerPeriod),
  );
  return {
    symbol: cfg.symbol,
    rows: data.x.rows,
    configurations: rows.length,
    seconds: (performance.now() - t0) / 1000,
    best: {
      model: rows[0].model,
      selection: rows[0].selection,
      sharpe: rows[0].oos.sharpe,
      deflatedSharpe: dsr,
    },
    dataSanity,
    ranking: rows.map((r) => ({
      rank: r.rank,
      model: r.model,
      selection: r.selection,
      ...r.oos,
      stableShare: r.stableShare,
    })),
  };
}
