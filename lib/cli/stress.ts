/**
 * `deno task stress`: replay historical crises and hypothetical shocks on a portfolio.
 *
 *   deno task stress [--symbols SP500,AAPL] [--weights 0.6,0.4]
 *     [--scenarios config/stress_scenarios.json] [--limits config/risk_limits.json]
 *     [--confidence 0.99] [--var-method historical|normal|cornish-fisher|ewma|fhs]
 *     [--db data/warehouse.duckdb] [--json]
 *
 * Prices: the store's closes of the symbols on their common dates (the built-in samples
 * are loaded on first use); weights constant (rebalanced daily), equal by default.
 * Results go to the DuckDB table `stress_results`.
 * Exit codes: 0 ok, 2 bad flags or config, 1 any other failure (e.g. no common dates).
 *
 * @module
 */
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { hashColumns } from "../_shared/hash.ts";
import { ensureSampleData, loadBars, openDb } from "../data/mod.ts";
import {
  DEFAULT_SCENARIOS,
  parseRiskLimits,
  pricePanel,
  runStress,
  STRESS_RESULTS_DDL,
  stressRecords,
  StressScenarioFileSchema,
  VAR_METHODS,
} from "../risk/mod.ts";
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
import { formatStress } from "./_stress_table.ts";

const SYMBOLS = /^[A-Za-z0-9_.^-]+(,[A-Za-z0-9_.^-]+)*$/;

/** Flags of `deno task stress` (keys are the flag names). */
const StressFlagsSchema = z.strictObject({
  symbols: z.string().regex(SYMBOLS, "comma-separated symbols").default(
    "SP500",
  ),
  weights: z.string().regex(
    /^-?[0-9.]+(,-?[0-9.]+)*$/,
    "comma-separated numbers",
  )
    .optional(),
  scenarios: z.string().min(1).optional(),
  limits: z.string().min(1).default("config/risk_limits.json"),
  confidence: z.number({ invalid_type_error: "a number in (0, 1)" }).gt(0).lt(1)
    .default(0.99),
  "var-method": z.enum(VAR_METHODS as unknown as [string, ...string[]]).default(
    "historical",
  ),
  db: z.string().min(1).optional(),
  json: z.boolean().default(false),
});
type StressFlags = z.infer<typeof StressFlagsSchema>;

const SPEC = {
  strings: ["symbols", "weights", "scenarios", "limits", "var-method", "db"],
  numbers: ["confidence"],
  booleans: ["json"],
};

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new ConfigError(
      path,
      "",
      "a readable JSON file",
      (e as Error).message,
    );
  }
}

async function loadScenarios(path: string | undefined) {
  let p = path;
  if (p === undefined) {
    const dflt = "config/stress_scenarios.json";
    p = await Deno.stat(dflt).then(() => dflt, () => undefined);
  }
  if (p === undefined) return [...DEFAULT_SCENARIOS];
  return parseConfig(StressScenarioFileSchema, await readJson(p), p).scenarios;
}

function weightsOf(f: StressFlags, n: number): number[] {
  if (!f.weights) return Array.from({ length: n }, () => 1 / n);
  const w = f.weights.split(",").map(Number);
  if (w.length !== n || !w.every(Number.isFinite)) {
    throw new ConfigError(
      "--flags",
      "weights",
      `${n} numbers (one per symbol)`,
      JSON.stringify(f.weights),
    );
  }
  return w;
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags or config.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const f = parseFlags(args, StressFlagsSchema, SPEC);
    const symbols = f.symbols.split(",");
    const weights = weightsOf(f, symbols.length);
    const limits = parseRiskLimits(await readJson(f.limits), f.limits);
    const scenarios = await loadScenarios(f.scenarios);
    const started = new Date().toISOString();
    const db = await openDb(f.db);
    try {
      await ensureSampleData(db);
      const bars = [];
      for (const s of symbols) bars.push(await loadBars(db, s));
      const panel = pricePanel(bars);
      if (panel.dates.length < 2) {
        throw new RangeError(
          `Symbols ${f.symbols} share ${panel.dates.length} dates: nothing to stress (need at least 2)`,
        );
      }
      const varMethod = f["var-method"] as (typeof VAR_METHODS)[number];
      const res = runStress(panel, Float64Array.from(weights), scenarios, {
        limits,
        confidence: f.confidence,
        varMethod,
      });
      const dataHash = hashColumns(bars.flatMap((b) => [b.dates, b.close]));
      const key = hashColumns([
        JSON.stringify({ f, scenarios, limits }),
        dataHash,
      ]);
      const runId = makeRunId("stress", started, key);
      const rows = stressRecords(res, {
        runId,
        symbols,
        weights,
        confidence: f.confidence,
      });
      await insertRows(db, "stress_results", STRESS_RESULTS_DDL, rows, started);
      const dates = { start: panel.dates[0], end: panel.dates.at(-1) };
      if (f.json) {
        io.out(
          toJson({
            runId,
            symbols,
            weights,
            dates,
            confidence: f.confidence,
            varMethod,
            limits,
            results: res,
            table: "stress_results",
          }),
        );
      } else {
        io.out(
          formatStress({
            runId,
            symbols,
            weights,
            varMethod,
            confidence: f.confidence,
          }, res),
        );
        io.out(`stored ${rows.length} rows in stress_results`);
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
