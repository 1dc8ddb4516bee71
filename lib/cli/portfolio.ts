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
import { symbolsFlag, UniverseNameSchema } from "./_universe_flags.ts";
import {
  conventionsText,
  formatPortfolio,
  methodSummary,
} from "./_portfolio_text.ts";

const num = (what: string) => z.number({ invalid_type_error: what });

/** Flags of `deno task portfolio` (camelCase keys; errors name the kebab flag). */
export const PortfolioFlagsSchema = z.strictObject({
  symbols: symbolsFlag(2).default("SP500,AAPL").describe(
    "two or more assets in the store: A,B,C or @file.txt",
  ),
  universe: UniverseNameSchema.optional().describe(
    "the assets of a named universe (instead of --symbols)",
  ),
  method: z.enum(["equal", "minvar", "maxsharpe", "riskparity", "hrp", "all"])
    .default("all"),
  lookback: num("an integer >= 20").int().min(20).default(252),
  rebalance: num("an integer >= 1").int().positive().default(21),
  costBps: num("a number >= 0").nonnegative().default(5),
  threshold: num("a number > 0").positive().optional(),
  shrinkage: z.enum(["constant-correlation", "identity", "none"]).default(
    "constant-correlation",
  ),
  maxWeight: num("a number in (0, 1]").gt(0).max(1).default(1),
  synthetic: num("an integer in [2, 200]").int().min(2).max(200).optional()
    .describe("a seeded synthetic basket of N assets instead of the store"),
  days: num("an integer >= 100").int().min(100).default(2520),
  seed: num("an integer").int().default(7),
  db: dbPathFlag(),
  json: z.boolean().default(false),
});

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
    flags: PortfolioFlagsSchema,
    run: async (flags) => {
      const { db, json, universe, ...cfg } = flags;
      let job: PortfolioJobConfig = cfg;
      const r = await withStore(db, async (conn) => {
        if (universe) {
          job = { ...cfg, symbols: await loadUniverse(conn, universe) };
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
      if (json) {
        io.out(jsonText({
          runId: r.runId,
          symbols: r.symbols,
          oos,
          results,
          conventions,
          table: "portfolio_runs",
        }));
      } else {
        io.out(formatPortfolio(r.runId, r.symbols, oos, results));
        io.out(`conventions: ${conventions}`);
        io.out(`stored ${r.rows.length} rows in portfolio_runs`);
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
