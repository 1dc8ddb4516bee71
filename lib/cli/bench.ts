// deno-lint-ignore-file no-console
/**
 * `deno task bench`: the workloads of the bench SPEC, one JSON object per line.
 *
 *   deno task bench [--only W1,W2,W3] [--workers N] [--quick]
 *     [--engine native|wasm] [--symbols N] [--days N]
 *
 * - W1: walk-forward ridge on the S&P 500 (`runW1` from lib/walkforward).
 * - W2: moving-average crossover sweep on the S&P 500 (lib/sweep). `--workers N` (default
 *   1) runs it on a persistent pool of N workers plus the main thread, started and warmed
 *   before timing; `--workers 0` runs the single-thread kernel only. `single_thread_seconds`
 *   is always reported. `--quick` sweeps a 4-pair grid (for smoke tests).
 * - W3: ingest/validate/query of `synth-<symbols>-<days>` (`benchW3` from lib/data) on the
 *   chosen engine.
 *
 * `seconds` = best of 3 wall times in this process with the data loaded, after one
 * untimed warm-up run. `evals_per_second`: W2 pairs x days, W1 bars, per second. A
 * workload that cannot run prints `{"workload", "error"}`; the exit code is then 1
 * (2 for bad flags).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import * as data from "../data/mod.ts";
import { createSweepPool, sweepMaCrossover } from "../sweep/mod.ts";
import type { MaSweepOptions, MaSweepResult } from "../sweep/mod.ts";
import { runW1 } from "../walkforward/mod.ts";
import { DataSanityError, validateTable } from "../sanity/mod.ts";

const WORKLOADS = ["W1", "W2", "W3"] as const;
const FlagsSchema = z.strictObject({
  only: z.array(z.enum(WORKLOADS)).min(1).default([...WORKLOADS]),
  workers: z.number().int().min(0).max(16).default(1),
  quick: z.boolean().default(false),
  engine: z.enum(["native", "wasm"]).default("native"),
  symbols: z.number().int().min(1).default(500),
  days: z.number().int().min(2).default(2520),
});
type Flags = z.infer<typeof FlagsSchema>;
type Line = Record<string, unknown>;

function parseFlags(args: string[]): Flags {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      only: { type: "string" },
      workers: { type: "string" },
      quick: { type: "boolean" },
      engine: { type: "string" },
      symbols: { type: "string" },
      days: { type: "string" },
    },
  });
  const num = (
    v: string | undefined,
  ) => (v === undefined ? undefined : Number(v));
  return parseConfig(FlagsSchema, {
    only: values.only?.split(",").map((s) => s.trim().toUpperCase()),
    workers: num(values.workers),
    quick: values.quick,
    engine: values.engine,
    symbols: num(values.symbols),
    days: num(values.days),
  }, "--flags");
}

/** Best of 3 timed runs (seconds) after one untimed warm-up, and the last result. */
async function bestOf3<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  let result = await fn();
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return [best, result];
}

async function benchW1(): Promise<Line> {
  const bars = await data.readSampleBars("SP500");
  const [seconds, r] = await bestOf3(() => runW1(bars));
  return {
    workload: "W1",
    folds: r.folds,
    oos_days: r.oos_days,
    sharpe: r.sharpe,
    total_return: r.total_return,
    max_drawdown: r.max_drawdown,
    hit_rate: r.hit_rate,
    coefficients: r.coefficients,
    seconds,
    evals_per_second: bars.close.length / seconds,
  };
}

async function benchW2(flags: Flags): Promise<Line> {
  const close = (await data.readSampleBars("SP500")).close;
  const opts: MaSweepOptions = flags.quick
    ? { fast: [5, 10], slow: [20, 50] }
    : {};
  const [single, s] = await bestOf3(() => sweepMaCrossover(close, opts));
  let seconds = single, r: MaSweepResult = s;
  if (flags.workers > 0) {
    const pool = await createSweepPool({ workers: flags.workers });
    try {
      [seconds, r] = await bestOf3(() => pool.sweep(close, opts));
    } finally {
      pool.close();
    }
    if (r.sharpeSum !== s.sharpeSum) {
      throw new Error(
        `W2 worker and single-thread results differ: expected sharpe_sum ${s.sharpeSum}, got ${r.sharpeSum}`,
      );
    }
  }
  return {
    workload: "W2",
    pairs: r.pairs,
    best_fast: r.best.fast,
    best_slow: r.best.slow,
    best_sharpe: r.best.sharpe,
    best_total_return: r.best.totalReturn,
    best_max_drawdown: r.best.maxDrawdown,
    sharpe_sum: r.sharpeSum,
    seconds,
    evals_per_second: (r.pairs * r.days) / seconds,
    days: r.days,
    workers: flags.workers,
    single_thread_seconds: single,
    quick: flags.quick,
  };
}

async function benchW3(flags: Flags): Promise<Line> {
  // Full STRICT validation with the default rules. The synthetic market has fat tails
  // and gaps, so a few extreme-move violations are expected: STRICT still runs every
  // rule before it throws, and the count is reported next to the timing.
  let violations = 0;
  const validate = async (db: data.DbEngine, table: string) => {
    try {
      await validateTable(db, table, { mode: "strict" });
    } catch (e) {
      if (!(e instanceof DataSanityError)) throw e;
      violations = e.report.violations.reduce((a, v) => a + v.count, 0);
    }
  };
  const r = await data.benchW3({
    engine: flags.engine,
    symbols: flags.symbols,
    days: flags.days,
    validate,
  });
  return {
    workload: "W3",
    ...r,
    engine: flags.engine,
    validate_violations: violations,
  };
}

async function main(args: string[]): Promise<number> {
  let flags: Flags;
  try {
    flags = parseFlags(args);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return err instanceof ConfigError || err instanceof TypeError ? 2 : 1;
  }
  const run = {
    W1: benchW1,
    W2: () => benchW2(flags),
    W3: () => benchW3(flags),
  };
  let code = 0;
  for (const w of WORKLOADS) {
    if (!flags.only.includes(w)) continue;
    try {
      console.log(JSON.stringify(await run[w]()));
    } catch (err) {
      code = 1;
      const error = err instanceof Error ? err.message : String(err);
      console.log(JSON.stringify({ workload: w, error }));
    }
  }
  return code;
}

Deno.exit(await main(Deno.args));
