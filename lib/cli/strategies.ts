/**
 * `deno task strategies [--symbol SP500] [--start-date D] [--end-date D] [--train-len 756]
 * [--test-len 252] [--cost-bps 1] [--db P] [--json]`
 *
 * Walk-forward, out of sample only, on one symbol's daily closes (the built-in samples are
 * loaded on first use):
 * (a) an ensemble of the registry strategies ma_crossover, momentum, zscore, rsi and
 *     breakout at their defaults, with weights learned on each fold's training rows by each
 *     method (equal, inverse_vol, sharpe, stacked), and each component's contribution;
 * (b) regime-aware variants of momentum (scaled / switched by the volatility regime and by
 *     a 2-state Gaussian HMM fitted on each training window, filtered out of sample) vs the
 *     plain strategy, with the count of regime transitions over the OOS rows.
 * Stores one row per method/variant in `strategy_runs` and one per (method, component) in
 * `strategy_components`; prints a table, or with `--json` exactly one JSON object.
 * Exit codes: 0 ok, 1 data or run error (unknown symbol, too little data), 2 bad flags.
 *
 * @module
 */
import { z } from "zod";
import { hashColumns } from "../_shared/hash.ts";
import { ensureSampleData, loadBars, openDb } from "../data/mod.ts";
import {
  STRATEGY_COMPONENTS_DDL,
  STRATEGY_RUNS_DDL,
  strategyComponentRow,
  strategyRunRow,
} from "../strategies/mod.ts";
import {
  type CliIo,
  codeVersion,
  consoleIo,
  insertRows,
  makeRunId,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { runEnsembles } from "./_strategies_ensemble.ts";
import {
  HMM_SCALES,
  runRegimeVariants,
  VOL_SCALES,
} from "./_strategies_regime.ts";
import {
  componentSummaries,
  formatStrategies,
  runSummaries,
} from "./_strategies_text.ts";

const HELP =
  `Usage: deno task strategies [--symbol SP500] [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD]
  [--train-len 756] [--test-len 252] [--cost-bps 1] [--db data/warehouse.duckdb] [--json]
Walk-forward ensembles (equal, inverse_vol, sharpe, stacked) of ma_crossover, momentum,
zscore, rsi, breakout, and regime-aware momentum (volatility regime, HMM) vs plain momentum.
Positions decided at the close of t earn t -> t+1; costs in bps per unit of turnover.`;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const int = (min: number) =>
  z.number({ invalid_type_error: `an integer >= ${min}` }).int().min(min);

/** Flags of `deno task strategies` (camelCase keys; errors name the kebab flag). */
const StrategiesFlagsSchema = z.strictObject({
  symbol: z.string().min(1).default("SP500"),
  startDate: date.optional(),
  endDate: date.optional(),
  trainLen: int(60).default(756),
  testLen: int(5).default(252),
  costBps: z.number({ invalid_type_error: "a number >= 0" }).nonnegative()
    .default(1),
  db: z.string().min(1).optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
});

const SPEC = {
  strings: ["symbol", "start-date", "end-date", "db"],
  numbers: ["train-len", "test-len", "cost-bps"],
  booleans: ["json", "help"],
  keys: "camel" as const,
};

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
    const flags = parseFlags(args, StrategiesFlagsSchema, SPEC);
    if (flags.help) {
      io.out(HELP);
      return 0;
    }
    const startedAt = new Date().toISOString();
    const db = await openDb(flags.db);
    try {
      await ensureSampleData(db);
      const bars = await loadBars(db, flags.symbol, {
        start: flags.startDate,
        end: flags.endDate,
      });
      const walk = {
        train: flags.trainLen,
        test: flags.testLen,
        costBps: flags.costBps,
      };
      const ens = runEnsembles(bars, walk);
      const reg = runRegimeVariants(bars, ens.folds, flags.costBps);
      const summaries = runSummaries(ens, reg);
      const components = componentSummaries(ens);
      const dataHash = hashColumns([
        bars.dates,
        bars.close,
        bars.high,
        bars.low,
      ]);
      const config = {
        symbol: flags.symbol,
        startDate: bars.dates[0],
        endDate: bars.dates.at(-1),
        trainLen: flags.trainLen,
        testLen: flags.testLen,
        costBps: flags.costBps,
        components: ens.names,
        volScales: VOL_SCALES,
        hmmScales: HMM_SCALES,
        hmmStates: HMM_SCALES.length,
      };
      const runId = makeRunId(
        "strategies",
        startedAt,
        hashColumns([JSON.stringify(config), dataHash]),
      );
      const meta = {
        runId,
        symbol: flags.symbol,
        config,
        startedAt,
        endedAt: new Date().toISOString(),
        codeVersion: await codeVersion(),
        dataHash,
      };
      const runRows = summaries.map((s) => strategyRunRow(s, meta));
      const compRows = components.map((c) => strategyComponentRow(c, runId));
      await insertRows(
        db,
        "strategy_runs",
        STRATEGY_RUNS_DDL,
        runRows,
        startedAt,
      );
      await insertRows(
        db,
        "strategy_components",
        STRATEGY_COMPONENTS_DDL,
        compRows,
        startedAt,
      );
      if (flags.json) {
        io.out(toJson({
          runId,
          symbol: flags.symbol,
          config,
          runs: runRows,
          components: compRows,
          tables: ["strategy_runs", "strategy_components"],
        }));
      } else {
        io.out(formatStrategies(runId, flags.symbol, summaries, components));
        io.out(
          `stored ${runRows.length} rows in strategy_runs, ${compRows.length} in strategy_components`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
