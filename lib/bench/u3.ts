/**
 * Workload U3 of the bench SPEC: the allocation walk-forward of four long-only methods
 * (min-variance, risk parity, HRP, max-Sharpe) on 500 assets of the bench universe, with
 * the covariance kernel measured against ml-matrix.
 *
 * @module
 */
import { Matrix as MlMatrix } from "ml-matrix";
import { generateSynthetic } from "../data/mod.ts";
import {
  type AllocationMethod,
  walkForwardAllocation,
  type WindowEstimate,
} from "../portfolio/mod.ts";
import { crossProducts } from "../risk/mod.ts";
import { BENCH_UNIVERSE } from "./universe.ts";

/** Options of {@linkcode benchU3}. */
export interface BenchU3Options {
  /** Assets. @default 500 */
  readonly assets?: number;
  /** Out-of-sample years of 252 days. @default 10 */
  readonly years?: number;
  /** Timed runs (the best is reported). @default 3 */
  readonly runs?: number;
}

/** One method's out-of-sample figures (keys of the bench SPEC). */
export interface U3Method {
  readonly annual_return: number;
  readonly volatility: number;
  readonly sharpe: number;
  /** Average turnover per year (sum |delta w| / years). */
  readonly turnover: number;
}

/** The U3 line. */
export interface BenchU3Result {
  readonly methods: Readonly<Record<string, U3Method>>;
  /** Best wall time of the four walk-forwards (covariances estimated once, shared). */
  readonly seconds: number;
  readonly assets: number;
  readonly days: number;
  readonly rebalances: number;
  /** X'X of one 252 x N window: the blocked kernel and ml-matrix (best of 5, ms). */
  readonly covariance_kernel_ms: number;
  readonly covariance_mlmatrix_ms: number;
  /** Largest |difference| between the two, relative to the largest entry. */
  readonly covariance_relative_difference: number;
}

export const U3_METHODS: readonly AllocationMethod[] = [
  "minvar",
  "riskparity",
  "hrp",
  "maxsharpe",
];

function bestMs(fn: () => unknown, k = 5): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < k; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** The blocked kernel against ml-matrix on one window (demeaned returns). */
function measureKernels(
  data: Float64Array,
  T: number,
  N: number,
): Pick<
  BenchU3Result,
  | "covariance_kernel_ms"
  | "covariance_mlmatrix_ms"
  | "covariance_relative_difference"
> {
  const xt = new Float64Array(N * T);
  for (let j = 0; j < N; j++) {
    let m = 0;
    for (let t = 0; t < T; t++) m += data[t * N + j] / T;
    for (let t = 0; t < T; t++) xt[j * T + t] = data[t * N + j] - m;
  }
  const rows = Array.from(
    { length: T },
    (_, t) => Array.from({ length: N }, (_, j) => xt[j * T + t]),
  );
  let ours: Float64Array = new Float64Array(0), theirs: MlMatrix | null = null;
  const kernel = bestMs(() => (ours = crossProducts(xt, N, T)));
  const ml = bestMs(() => {
    const X = new MlMatrix(rows);
    theirs = X.transpose().mmul(X);
  });
  let diff = 0, big = 0;
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      const v = (theirs as unknown as MlMatrix).get(i, j);
      diff = Math.max(diff, Math.abs(ours[i * N + j] - v));
      big = Math.max(big, Math.abs(v));
    }
  }
  return {
    covariance_kernel_ms: kernel,
    covariance_mlmatrix_ms: ml,
    covariance_relative_difference: diff / big,
  };
}

/**
 * Run U3: the bench universe's daily simple returns of `assets` symbols over the last
 * `years` x 252 days plus the 252-day lookback, then for each method a walk-forward
 * (lib/portfolio `walkForwardAllocation`): Ledoit-Wolf constant-correlation covariance of
 * the previous 252 returns at every 21st close, weights held from the next day and
 * drifting, 5 bps per unit of turnover. The four share each window's estimate.
 *
 * @param options Size and runs.
 * @returns The U3 line.
 */
export function benchU3(options: BenchU3Options = {}): BenchU3Result {
  const N = options.assets ?? 500, years = options.years ?? 10;
  const lookback = 252, oos = 252 * years;
  const bars = generateSynthetic({ symbols: N, days: 5040, ...BENCH_UNIVERSE });
  const T = lookback + oos, first = 5040 - T - 1;
  const data = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < N; j++) {
      const c = bars[j].close;
      data[t * N + j] = c[first + t + 1] / c[first + t] - 1;
    }
  }
  const dates = bars[0].dates.slice(first + 1, first + 1 + T);
  const returns = { data, rows: T, cols: N };
  const run = () => {
    const estimates = new Map<number, WindowEstimate>();
    return U3_METHODS.map((method) =>
      walkForwardAllocation(returns, dates, {
        method,
        lookback,
        rebalanceEvery: 21,
        costBps: 5,
        estimates,
      })
    );
  };
  let best = Infinity, results = run();
  for (let k = 0; k < (options.runs ?? 3); k++) {
    const t0 = performance.now();
    results = run();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const methods: Record<string, U3Method> = {};
  U3_METHODS.forEach((m, k) => {
    const r = results[k].metrics;
    methods[m] = {
      annual_return: r.annualReturn,
      volatility: r.annualVolatility,
      sharpe: r.sharpe,
      turnover: r.annualTurnover,
    };
  });
  return {
    methods,
    seconds: best,
    assets: N,
    days: oos,
    rebalances: results[0].metrics.rebalances,
    ...measureKernels(data.subarray(0, lookback * N), lookback, N),
  };
}
