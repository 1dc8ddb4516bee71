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
import type { Bars, Matrix } from "../_shared/types.ts";
import { hashColumns } from "../_shared/hash.ts";
import {
  type DbEngine,
  ensureSampleData,
  generateSynthetic,
  loadBars,
  openDb,
} from "../data/mod.ts";
import {
  ALLOCATION_METHODS,
  type AllocationMethod,
  PORTFOLIO_RUNS_DDL,
  portfolioRunRow,
  walkForwardAllocation,
} from "../portfolio/mod.ts";
import { panelReturns, pricePanel } from "../risk/mod.ts";
import {
  type CliIo,
  consoleIo,
  insertRows,
  makeRunId,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import {
  conventionsText,
  formatPortfolio,
  methodSummary,
  type PortfolioFlags,
} from "./_portfolio_text.ts";

const num = (what: string) => z.number({ invalid_type_error: what });

/** Flags of `deno task portfolio` (camelCase keys; errors name the kebab flag). */
const PortfolioFlagsSchema = z.strictObject({
  symbols: z.string().regex(
    /^[^,\s]+(,[^,\s]+)+$/,
    "two or more comma-separated symbols",
  )
    .default("SP500,AAPL"),
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
  synthetic: num("an integer in [2, 200]").int().min(2).max(200).optional(),
  days: num("an integer >= 100").int().min(100).default(2520),
  seed: num("an integer").int().default(7),
  db: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

const SPEC = {
  strings: ["symbols", "method", "shrinkage", "db"],
  numbers: [
    "lookback",
    "rebalance",
    "cost-bps",
    "threshold",
    "max-weight",
    "synthetic",
    "days",
    "seed",
  ],
  booleans: ["json"],
  keys: "camel" as const,
};

async function loadInputs(db: DbEngine, f: PortfolioFlags): Promise<Bars[]> {
  if (f.synthetic !== undefined) {
    const symbols = Array.from(
      { length: f.synthetic },
      (_, i) => `SYN${i + 1}`,
    );
    return generateSynthetic({
      symbols,
      days: f.days,
      seed: f.seed,
      correlation: 0.3,
    });
  }
  await ensureSampleData(db);
  const out: Bars[] = [];
  for (const s of f.symbols.split(",")) out.push(await loadBars(db, s));
  return out;
}

/** Daily returns on the common dates, without row 0 (no previous close). */
function returnsOf(
  bars: Bars[],
): { R: Matrix; dates: string[]; symbols: string[] } {
  const panel = pricePanel(bars);
  const { returns, dates } = panelReturns(panel);
  const N = returns.cols;
  const R = {
    data: returns.data.subarray(N),
    rows: Math.max(0, returns.rows - 1),
    cols: N,
  };
  return { R, dates: dates.slice(1), symbols: [...panel.symbols] };
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
    const f: PortfolioFlags = parseFlags(args, PortfolioFlagsSchema, SPEC);
    const started = new Date().toISOString();
    const db = await openDb(f.db);
    try {
      const bars = await loadInputs(db, f);
      const { R, dates, symbols } = returnsOf(bars);
      if (R.rows <= f.lookback + 1) {
        throw new RangeError(
          `Too little data: ${
            symbols.join(",")
          } share ${R.rows} daily returns; --lookback ${f.lookback} needs more than ${
            f.lookback + 1
          }`,
        );
      }
      const methods = (f.method === "all"
        ? ALLOCATION_METHODS
        : [f.method]) as AllocationMethod[];
      const dataHash = hashColumns(bars.flatMap((b) => [b.dates, b.close]));
      const runId = makeRunId(
        "portfolio",
        started,
        hashColumns([JSON.stringify(f), dataHash]),
      );
      const rows = [], results = [];
      for (const method of methods) {
        const res = walkForwardAllocation(R, dates, {
          method,
          lookback: f.lookback,
          rebalanceEvery: f.rebalance,
          costBps: f.costBps,
          thresholdWeight: f.threshold,
          shrinkage: f.shrinkage,
          maxWeight: f.maxWeight,
        });
        rows.push(
          portfolioRunRow(res, { runId, method, symbols, config: f, dataHash }),
        );
        results.push(methodSummary(method, res));
      }
      await insertRows(db, "portfolio_runs", PORTFOLIO_RUNS_DDL, rows, started);
      const oos = {
        start: rows[0].oos_start,
        end: rows[0].oos_end,
        days: rows[0].days,
      };
      const conventions = conventionsText(f);
      if (f.json) {
        io.out(
          toJson({
            runId,
            symbols,
            oos,
            results,
            conventions,
            table: "portfolio_runs",
          }),
        );
      } else {
        io.out(formatPortfolio(runId, symbols, oos, results));
        io.out(`conventions: ${conventions}`);
        io.out(`stored ${rows.length} rows in portfolio_runs`);
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
