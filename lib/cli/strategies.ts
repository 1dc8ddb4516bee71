/**
 * `deno task strategies [--symbol SP500 | --symbols A,B|@file | --universe NAME]
 * [--backend queue --shared DIR [--redis URL] [--resume RUN]] [--start-date D] [--end-date D] [--train-len 756]
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
 * With `--universe`, `--backend queue` runs each symbol on `deno task worker` processes
 * through Redis (the same stored rows as the local run).
 * Exit codes: 0 ok, 1 data or run error (unknown symbol, too little data), 2 bad flags.
 *
 * @module
 */
import { z } from "zod";
import { dateOrder, IsoDateSchema, SymbolSchema } from "../_shared/schemas.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  runStrategiesJob,
  runStrategiesUniverseJob,
  type StrategiesJobConfig,
} from "../jobs/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { intFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import {
  backendFlags,
  backendRefine,
  queueFromFlags,
  queueNeedsUniverse,
} from "./_queue_flags.ts";
import { dataSanityLine } from "../report/mod.ts";
import { formatStrategies } from "./_strategies_text.ts";
import { eachFromQueue, eachSymbol, printEach } from "./_each_symbol.ts";
import { terminalProgress } from "./_progress.ts";
import {
  oneUniverse,
  resolveSymbols,
  universeFlags,
} from "./_universe_flags.ts";

/** Flags of `deno task strategies` (camelCase keys; errors name the kebab flag). */
export const StrategiesFlagsSchema = z.strictObject({
  symbol: SymbolSchema.default("SP500").describe("the symbol traded"),
  ...universeFlags,
  startDate: IsoDateSchema.optional().describe("first date"),
  endDate: IsoDateSchema.optional().describe("last date"),
  trainLen: intFlag(60).default(756).describe("training rows per fold"),
  testLen: intFlag(5).default(252).describe(
    "test (out-of-sample) rows per fold",
  ),
  costBps: z.number().nonnegative().default(1).describe(
    "cost in basis points per unit of turnover",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  ...SANITY_FLAGS,
  ...backendFlags,
}).superRefine(dateOrder("startDate", "endDate")).superRefine(oneUniverse)
  .superRefine(backendRefine).superRefine(queueNeedsUniverse);

/** Parsed flags of `deno task strategies`. */
export type StrategiesFlags = z.output<typeof StrategiesFlagsSchema>;

/**
 * The strategies job the flags describe.
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export function strategiesJobFromFlags(
  f: StrategiesFlags,
): StrategiesJobConfig {
  const {
    db: _,
    json: __,
    symbols: ___,
    universe: ____,
    perfMode: _____,
    allowUnrepaired: ______,
    backend: _b,
    redis: _r,
    redisCa: _ca,
    shared: _s,
    resume: _re,
    ...cfg
  } = f;
  return { ...cfg, sanity: sanityPolicy(f) };
}

/**
 * Run the strategies job for the flags and print its tables (or the JSON object).
 *
 * @param db The store.
 * @param flags Parsed flags.
 * @param io Output sink.
 * @returns Exit code 0.
 */
export async function runStrategiesTask(
  db: DbEngine,
  flags: StrategiesFlags,
  io: CliIo,
): Promise<number> {
  const r = await runStrategiesJob(db, strategiesJobFromFlags(flags));
  if (flags.json) {
    io.out(jsonText({
      runId: r.runId,
      symbol: flags.symbol,
      config: r.config,
      runs: r.runs,
      components: r.componentRows,
      tables: ["strategy_runs", "strategy_components"],
    }));
  } else {
    io.out(formatStrategies(r.runId, flags.symbol, r.summaries, r.components));
    io.out(dataSanityLine(r.config.dataSanity));
    io.out(
      `stored ${r.runs.length} rows in strategy_runs, ${r.componentRows.length} in strategy_components`,
    );
  }
  return 0;
}

/**
 * The strategies job on every symbol of a universe: one stored run per symbol, a table
 * of the equal-weight ensemble's OOS Sharpe (no choice among methods) and the others'.
 *
 * @param db The store.
 * @param flags Parsed flags.
 * @param symbols The universe.
 * @param io Output sink.
 * @returns Exit code: 0, or 1 when a symbol failed.
 */
export async function runStrategiesUniverse(
  db: DbEngine,
  flags: StrategiesFlags,
  symbols: readonly string[],
  io: CliIo,
): Promise<number> {
  const cfg = strategiesJobFromFlags(flags);
  const queue = queueFromFlags(flags, (t) => io.err(t));
  const { symbol: _one, ...config } = cfg;
  const all = queue
    ? eachFromQueue(
      (await runStrategiesUniverseJob(db, { config, symbols }, {
        queue,
        onProgress: terminalProgress(!flags.json),
      })).symbols,
      (job) => job,
    )
    : await eachSymbol(
      symbols,
      (symbol) => runStrategiesJob(db, { ...cfg, symbol }),
      terminalProgress(!flags.json),
      "strategies",
    );
  const ok = all.filter((r) => r.result !== undefined);
  const errors = all.filter((r) => r.error !== undefined);
  if (flags.json) {
    io.out(jsonText({
      symbols: ok.map((r) => ({
        symbol: r.symbol,
        runId: r.result!.runId,
        summaries: r.result!.summaries.map((s) => ({
          name: s.name,
          kind: s.kind,
          ...s.stats,
        })),
      })),
      errors,
    }));
  } else {
    printEach(
      io,
      ["equal-weight ensemble; every method's Sharpe"],
      ok.map((r) => {
        const sums = r.result!.summaries;
        const eq = sums.find((s) => s.name === "equal") ?? sums[0];
        return {
          symbol: r.symbol,
          sharpe: eq?.stats.sharpe ?? NaN,
          oosDays: eq?.stats.days ?? 0,
          cells: [
            sums.map((s) => `${s.name} ${s.stats.sharpe.toFixed(2)}`).join(
              ", ",
            ),
          ],
        };
      }),
      errors,
    );
  }
  return errors.length > 0 ? 1 : 0;
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "strategies",
    summary:
      "Walk-forward ensembles of the registry strategies and regime-aware momentum, out of sample, stored in strategy_runs.",
    about:
      "Ensembles (equal, inverse_vol, sharpe, stacked) of ma_crossover, momentum, zscore, rsi and breakout, and regime-aware momentum (volatility regime, HMM) vs plain momentum. Positions decided at the close of t earn t -> t+1; costs in bps per unit of turnover. With --universe, --backend queue runs each symbol on deno task worker processes through Redis (the same stored rows).",
    examples: [
      "--symbol AAPL --train-len 504 --test-len 126",
      "--universe tech --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: StrategiesFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        const symbols = await resolveSymbols(db, flags);
        return symbols === null
          ? await runStrategiesTask(db, flags, io)
          : await runStrategiesUniverse(db, flags, symbols, io);
      }),
  });
}

if (import.meta.main) await runAsScript(main);
