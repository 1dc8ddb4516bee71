/**
 * `deno task ml-analysis [--full] [--json] [--symbol SP500] [--start-date D] [--end-date D]
 *  [--train-len 756] [--test-len 126] [--seed 42] [--db data/warehouse.duckdb]`
 *
 * Algorithm comparison on the same folds: every model (with --full: all seven, each with
 * no selection, top-k and stable-only selection; otherwise ridge, lasso, logistic and gbt
 * with and without top-k), ranked out of sample, with the deflated Sharpe ratio of the
 * best configuration for the number of configurations tried.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import { ensureSampleData, openDb } from "../data/mod.ts";
import {
  barsDataset,
  compareModels,
  MODEL_NAMES,
  type SelectionSpec,
} from "../ml/mod.ts";
import { deflatedSharpe } from "../optimize/mod.ts";
import { type AnalysisConfig, AnalysisConfigSchema } from "../ml_store/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { loadTrainingBars } from "./_ml_data.ts";
import { type Analysis, formatAnalysis } from "./_analysis_text.ts";

const SPEC = {
  strings: ["symbol", "start-date", "end-date", "db"],
  numbers: ["train-len", "test-len", "seed"],
  booleans: ["full", "json"],
  keys: "camel" as const,
};

async function analyse(cfg: AnalysisConfig): Promise<Analysis> {
  const db = await openDb(cfg.db);
  let bars;
  try {
    await ensureSampleData(db);
    bars = await loadTrainingBars(db, cfg.symbol, {
      start: cfg.startDate,
      end: cfg.endDate,
      trainLen: cfg.trainLen,
      testLen: cfg.testLen,
    });
  } finally {
    await db.close();
  }
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
    ranking: rows.map((r) => ({
      rank: r.rank,
      model: r.model,
      selection: r.selection,
      ...r.oos,
      stableShare: r.stableShare,
    })),
  };
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const cfg = parseFlags(args, AnalysisConfigSchema, SPEC);
    const result = await analyse(cfg);
    io.out(cfg.json ? toJson(result) : formatAnalysis(result));
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
