/**
 * Workload W1 of the bench SPEC: the walk-forward ridge on the S&P 500 (lib/walkforward
 * `runW1`, the configuration to the letter), timed.
 *
 * @module
 */
import { readSampleBars } from "../data/mod.ts";
import { runW1, type W1Result } from "../walkforward/mod.ts";
import { bestOf3 } from "./_best_of.ts";

/** The W1 line: the SPEC's outputs, the best time and evaluations per second. */
export type BenchW1Result = W1Result & {
  readonly workload: "W1";
  readonly seconds: number;
  readonly evals_per_second: number;
};

/**
 * Run W1 on the built-in SP500 sample: best of 3 after a warm-up.
 *
 * @returns The W1 line.
 */
export async function benchW1(): Promise<BenchW1Result> {
  const bars = await readSampleBars("SP500");
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
