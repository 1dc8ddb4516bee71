/**
 * Workload W2 of the bench SPEC: the moving-average crossover sweep over the (fast,
 * slow) grid on the S&P 500, single-thread and through the worker pool (which must
 * return the same bits), timed.
 *
 * @module
 */
import { readSampleBars } from "../data/mod.ts";
import { bestOf3 } from "./_best_of.ts";
import { type MaSweepOptions, sweepMaCrossover } from "./ma_sweep.ts";
import type { MaSweepResult } from "./summarise_sweep.ts";
import { createSweepPool } from "./sweep_pool.ts";

/** Options of {@linkcode benchW2}. */
export interface BenchW2Options {
  /** Workers of the pool; 0 = the single-thread result only. @default 1 */
  readonly workers?: number;
  /** A 2 x 2 grid instead of the SPEC's (for tests). @default false */
  readonly quick?: boolean;
}

/**
 * Run W2 on the built-in SP500 closes: best of 3 single-thread, then (with workers)
 * best of 3 through the pool, whose `sharpe_sum` must equal the single-thread one.
 *
 * @param options Workers and grid size.
 * @returns The W2 line (SPEC keys plus workers, single-thread time, quick).
 * @throws Error when the pool's result differs from the single-thread one.
 */
export async function benchW2(
  options: BenchW2Options = {},
): Promise<Record<string, unknown>> {
  const workers = options.workers ?? 1, quick = options.quick ?? false;
  const close = (await readSampleBars("SP500")).close;
  const opts: MaSweepOptions = quick ? { fast: [5, 10], slow: [20, 50] } : {};
  const [single, s] = await bestOf3(() => sweepMaCrossover(close, opts));
  let seconds = single, r: MaSweepResult = s;
  if (workers > 0) {
    const pool = await createSweepPool({ workers });
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
    workers,
    single_thread_seconds: single,
    quick,
  };
}
