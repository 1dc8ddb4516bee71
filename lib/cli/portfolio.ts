/**
 * `deno task portfolio`: out-of-sample walk-forward of allocation rules.
 *
 *   deno task portfolio [--symbols SP500,AAPL] [--method minvar|maxsharpe|riskparity|hrp|equal|all]
 *     [--lookback 252] [--rebalance 21] [--cost-bps 5] [--threshold 0.05]
 *     [--shrinkage constant-correlation|identity|none] [--max-weight 1]
 *     [--synthetic N --days 2520 --seed 7] [--db data/warehouse.duckdb] [--json]
 *     [--universe NAME [--backend queue --shared DIR [--redis URL] [--resume RUN]]]
 *
 * Data: the store's daily closes of the symbols on their common dates (SP500 and AAPL
 * overlap 2013-05-13..2018-05-11; the built-in samples are loaded on first use), or with
 * `--synthetic N` a seeded synthetic basket of N correlated assets. One row per method
 * goes to the DuckDB table `portfolio_runs`. With `--universe`, `--backend queue` computes
 * the rebalances' allocations on `deno task worker` processes through Redis (a shard is
 * one method x 16 consecutive rebalances; the same stored rows as the local run).
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too few common dates).
 *
 * @module
 */
import { z } from "zod";
import {
  PORTFOLIO_FOLDS_PER_SHARD,
  type PortfolioJobConfig,
  runPortfolioJob,
  runPortfolioUniverseJob,
} from "../jobs/mod.ts";
import { jsonText, loadUniverse, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { symbolsFlag, UniverseNameSchema } from "./_universe_flags.ts";
import {
  backendFlags,
  backendRefine,
  queueFromFlags,
  queueNeedsUniverse,
} from "./_queue_flags.ts";
import { terminalProgress } from "./_progress.ts";
import { allocationCaveat, dataSanityLine } from "../report/mod.ts";
import {
  conventionsText,
  formatPortfolio,
  methodSummary,
} from "./_portfolio_text.ts";

/** Flags of `deno task portfolio` (camelCase keys; errors name the kebab flag). */
export const PortfolioFlagsSchema = z.strictObject({
  symbols: symbolsFlag(2).default("SP500,AAPL").describe(
    "the assets, in the store: A,B,C or @file.txt",
  ),
  universe: UniverseNameSchema.optional().describe(
    "the assets of a named universe (instead of --symbols)",
  ),
  method: z.enum(["equal", "minvar", "maxsharpe", "riskparity", "hrp", "all"])
    .default("all").describe("the allocation rule, or all of them"),
  lookback: z.number().int().min(20).default(252).describe(
    "trailing days each allocation is estimated on",
  ),
  rebalance: z.number().int().positive().default(21).describe(
    "days between re-estimations",
  ),
  costBps: z.number().nonnegative().default(5).describe(
    "cost in basis points per unit of turnover",
  ),
  threshold: z.number().positive().optional().describe(
    "on a rebalance day, trade only if a drifted weight is this far from its new target (default always trade)",
  ),
  shrinkage: z.enum(["constant-correlation", "identity", "none"]).default(
    "constant-correlation",
  ).describe("covariance shrinkage target"),
  maxWeight: z.number().gt(0).max(1).default(1).describe(
    "largest weight of one asset",
  ),
  synthetic: z.number().int().min(2).max(200).optional()
    .describe("a seeded synthetic basket of N assets instead of the store"),
  days: z.number().int().min(100).default(2520).describe(
    "--synthetic: days generated",
  ),
  seed: z.number().int().default(7).describe(
    "--synthetic: the generator's seed",
  ),
  periodsPerYear: z.number().int().positive().optional().describe(
    "periods a year of the data (252 daily, 12 monthly; default inferred from the dates)",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  ...SANITY_FLAGS,
  ...backendFlags,
}).superRefine(backendRefine).superRefine(queueNeedsUniverse);
/** Parsed portfolio flags. */
export type PortfolioFlags = z.output<typeof PortfolioFlagsSchema>;

/**
 * The portfolio job the flags describe.
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export function portfolioJobFromFlags(f: PortfolioFlags): PortfolioJobConfig {
  const {
    db: _,
    json: __,
    universe: ___,
    perfMode: ____,
    allowUnrepaired: _____,
    backend: _b,
    redis: _r,
    shared: _s,
    resume: _re,
    ...cfg
  } = f;
  return { ...cfg, sanity: sanityPolicy(f) };
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
    name: "portfolio",
    summary:
      "Out-of-sample walk-forward of allocation rules (equal, min-variance, max-Sharpe, risk parity, HRP), one row each in portfolio_runs.",
    about:
      "Data: the store's daily closes of the symbols on their common dates (SP500 and AAPL overlap 2013-05-13..2018-05-11), or with --synthetic N a seeded synthetic basket of N correlated assets. With --universe, --backend queue computes the rebalances' allocations on deno task worker processes through Redis, one method x 16 rebalances a shard (the same stored rows).",
    examples: [
      "--symbols SP500,AAPL --method riskparity --rebalance 63",
      "--universe tech --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: PortfolioFlagsSchema,
    run: async (flags) => {
      let job = portfolioJobFromFlags(flags);
      const r = await withStore(flags.db, async (conn) => {
        if (flags.universe !== undefined) {
          job = {
            ...job,
            symbols: await loadUniverse(conn, flags.universe),
          };
        }
        const queue = queueFromFlags(flags, (t) => io.err(t));
        return queue
          ? await runPortfolioUniverseJob(conn, {
            config: job,
            foldsPerShard: PORTFOLIO_FOLDS_PER_SHARD,
          }, { queue, onProgress: terminalProgress(!flags.json) })
          : await runPortfolioJob(conn, job);
      });
      const results = r.methods.map((m) => methodSummary(m.method, m.result));
      const oos = {
        start: r.rows[0].oos_start,
        end: r.rows[0].oos_end,
        days: r.rows[0].days,
      };
      const conventions = conventionsText({
        ...job,
        periodsPerYear: r.periodsPerYear,
      });
      if (flags.json) {
        io.out(jsonText({
          runId: r.runId,
          symbols: r.symbols,
          periodsPerYear: r.periodsPerYear,
          caveat: allocationCaveat(r.symbols.length) || null,
          oos,
          results,
          conventions,
          dataSanity: r.dataSanity,
          table: "portfolio_runs",
        }));
      } else {
        io.out(formatPortfolio({ ...r, oos }, results));
        io.out(`conventions: ${conventions}`);
        io.out(dataSanityLine(r.dataSanity));
        io.out(`stored ${r.rows.length} rows in portfolio_runs`);
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
