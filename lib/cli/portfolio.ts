/**
 * `deno task portfolio`: out-of-sample walk-forward of allocation rules.
 *
 *   deno task portfolio [--symbols SP500,AAPL] [--method minvar|maxsharpe|riskparity|hrp|equal|all]
 *     [--lookback 252] [--rebalance 21] [--cost-bps 5] [--threshold 0.05]
 *     [--shrinkage constant-correlation|identity|none] [--max-weight 1]
 *     [--synthetic N --days 2520 --seed 7] [--db data/warehouse.duckdb] [--json]
 *
 * Data: the store's daily closes of the symbols on their common dates (SP500 and AAPL
 * overlap 2013-05-13..2018-05-11; the built-in samples are loaded on first use), or with
 * `--synthetic N` a seeded synthetic basket of N correlated assets. One row per method
 * goes to the DuckDB table `portfolio_runs`.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too few common dates).
 *
 * @module
 */
import { z } from "zod";
import { type PortfolioJobConfig, runPortfolioJob } from "../jobs/mod.ts";
import { jsonText, loadUniverse, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { symbolsFlag, UniverseNameSchema } from "./_universe_flags.ts";
import { dataSanityLine } from "../report/mod.ts";
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
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  ...SANITY_FLAGS,
});
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
      "Data: the store's daily closes of the symbols on their common dates (SP500 and AAPL overlap 2013-05-13..2018-05-11), or with --synthetic N a seeded synthetic basket of N correlated assets.",
    examples: ["--symbols SP500,AAPL --method riskparity --rebalance 63"],
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
        return await runPortfolioJob(conn, job);
      });
      const results = r.methods.map((m) => methodSummary(m.method, m.result));
      const oos = {
        start: r.rows[0].oos_start,
        end: r.rows[0].oos_end,
        days: r.rows[0].days,
      };
      const conventions = conventionsText(job);
      if (flags.json) {
        io.out(jsonText({
          runId: r.runId,
          symbols: r.symbols,
          oos,
          results,
          conventions,
          dataSanity: r.dataSanity,
          table: "portfolio_runs",
        }));
      } else {
        io.out(formatPortfolio(r.runId, r.symbols, oos, results));
        io.out(`conventions: ${conventions}`);
        io.out(dataSanityLine(r.dataSanity));
        io.out(`stored ${r.rows.length} rows in portfolio_runs`);
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
