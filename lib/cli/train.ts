/**
 * `deno task train [--symbol SP500] [--symbols A,B] [--start-date D] [--end-date D]
 *  [--model ridge|lasso|elasticnet|logistic|rf|gbt|mlp] [--model-options JSON]
 *  [--train-len 756] [--test-len 126] [--selection none|topk|stable] [--top-k 4]
 *  [--null-repeats 3] [--seed 42] [--enable-persistence] [--enable-warm-start]
 *  [--db data/warehouse.duckdb] [--json]`
 *
 * Walk-forward training of one model per symbol with per-fold importance, stability, a
 * cold baseline for the warm-start effect, and (with --enable-persistence) the run stored
 * in ml_runs / feature_importance / checkpoints. With --enable-warm-start a run starts
 * from the latest compatible checkpoints of an earlier run of the same symbol and model.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { ensureSampleData, openDb } from "../data/mod.ts";
import type { SelectionSpec } from "../ml/mod.ts";
import {
  type TrainConfig,
  TrainConfigSchema,
  type TrainSummary,
  trainSymbol,
} from "../ml_store/mod.ts";
import {
  type CliIo,
  codeVersion,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { loadTrainingBars } from "./_ml_data.ts";
import { formatTrainSummary } from "./_train_text.ts";

/** Flags as typed: `--symbol`/`--symbols` and `--model-options` JSON are combined after. */
const TrainFlagsSchema = TrainConfigSchema.omit({
  symbols: true,
  modelOptions: true,
}).extend({
  symbol: z.string().min(1).optional(),
  symbols: z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, "comma-separated symbols")
    .optional(),
  modelOptions: z.string().optional(),
});

const SPEC = {
  strings: [
    "symbol",
    "symbols",
    "start-date",
    "end-date",
    "model",
    "model-options",
    "selection",
    "db",
  ],
  numbers: ["train-len", "test-len", "seed", "top-k", "null-repeats"],
  booleans: ["enable-persistence", "enable-warm-start", "json"],
  keys: "camel" as const,
};

function trainConfig(args: string[]): TrainConfig {
  const { symbol, symbols, modelOptions, ...rest } = parseFlags(
    args,
    TrainFlagsSchema,
    SPEC,
  );
  const list = [
    ...(symbol ? [symbol] : []),
    ...(symbols ? symbols.split(",") : []),
  ];
  let options: unknown = {};
  if (modelOptions !== undefined) {
    try {
      options = JSON.parse(modelOptions);
    } catch {
      throw new ConfigError(
        "--flags",
        "model-options",
        'a JSON object such as {"lambda":10}',
        JSON.stringify(modelOptions),
      );
    }
  }
  const raw = {
    ...rest,
    modelOptions: options,
    ...(list.length ? { symbols: [...new Set(list)] } : {}),
  };
  try {
    return parseConfig(TrainConfigSchema, raw, "--flags");
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(
      e.source,
      e.path.replace("modelOptions", "model-options"),
      e.expected,
      e.received,
    );
  }
}

function selectionOf(cfg: TrainConfig): SelectionSpec {
  if (cfg.selection === "topk") return { kind: "topk", k: cfg.topK };
  return cfg.selection === "stable" ? { kind: "stable" } : { kind: "none" };
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
    const cfg = trainConfig(args);
    const db = await openDb(cfg.db);
    try {
      await ensureSampleData(db);
      const version = await codeVersion();
      const runs: TrainSummary[] = [];
      for (const symbol of cfg.symbols) {
        const bars = await loadTrainingBars(db, symbol, {
          start: cfg.startDate,
          end: cfg.endDate,
          trainLen: cfg.trainLen,
          testLen: cfg.testLen,
        });
        const summary = await trainSymbol(bars, {
          model: cfg.model,
          modelOptions: cfg.modelOptions,
          seed: cfg.seed,
          trainLen: cfg.trainLen,
          testLen: cfg.testLen,
          selection: selectionOf(cfg),
          warmStart: cfg.enableWarmStart,
          nullRepeats: cfg.nullRepeats,
        }, {
          db,
          persist: cfg.enablePersistence,
          nowIso: () => new Date().toISOString(),
          nowMs: () => performance.now(),
          codeVersion: version,
        });
        runs.push(summary);
        if (!cfg.json) io.out(formatTrainSummary(summary));
      }
      if (cfg.json) io.out(toJson({ runs }));
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
