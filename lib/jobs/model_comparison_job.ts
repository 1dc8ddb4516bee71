/**
 * The model-comparison job of `deno task ml-analysis`: every (model, feature selection)
 * configuration trained on the same rolling folds of one symbol, ranked by
 * out-of-sample Sharpe, with the selection bias of the best with hindsight (its deflated
 * Sharpe for the number of configurations tried, against zero and against holding the
 * symbol over the same rows, and PBO). Reads the store, writes nothing.
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
import {
  type DeflatedSharpe,
  type SelectionBias,
  selectionBias,
} from "../optimize/mod.ts";
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
    /** Of the hindsight-best (best OOS Sharpe of the N configurations), against zero. */
    deflatedSharpe: DeflatedSharpe;
  };
  /**
   * Selection bias of the comparison: the hindsight-best against zero and against
   * holding the symbol over the same test rows, and PBO over the configurations.
   */
  readonly selectionBias: SelectionBias & { readonly benchmark: string };
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
  const bias = selectionBias(
    rows.map((r) => r.returns),
    rows[0].heldReturns,
    { sharpes: rows.map((r) => r.oos.sharpePerPeriod) },
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
      deflatedSharpe: bias.best,
    },
    selectionBias: { ...bias, benchmark: `buy-and-hold ${cfg.symbol}` },
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
