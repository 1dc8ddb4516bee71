/**
 * Alpha and beta in up and down markets (empyrical `up_alpha_beta`, `down_alpha_beta`).
 *
 * @module
 */
import { filterPairs } from "./_stats.ts";
import { periodsPerYearOf } from "./_validate.ts";
import { _alphaBeta, _checkPair, type AlphaBetaOptions } from "./alpha_beta.ts";
import type { AlphaBeta } from "./types.ts";

/**
 * Alpha and beta over the rows where the benchmark return is > 0 only (rows with a NaN
 * benchmark are dropped), each computed as in `alphaBeta` on that subset.
 * A `riskFree` array is filtered with the same rows.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `riskFree` per period (default 0), `periodsPerYear` (default 252).
 * @returns `{ alpha, beta }` of the up-market rows.
 * @see empyrical.stats.up_alpha_beta
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { upAlphaBeta } from "./up_down_alpha_beta.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03, 0.02]);
 * const r = f.map((v) => (v > 0 ? 1.5 * v : 0.5 * v));
 * assert.ok(Math.abs(upAlphaBeta(r, f).beta - 1.5) < 1e-12);
 * ```
 */
export function upAlphaBeta(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: AlphaBetaOptions,
): AlphaBeta {
  return _sided(returns, factorReturns, opts, (f) => f > 0);
}

/**
 * Alpha and beta over the rows where the benchmark return is < 0 only (see
 * {@linkcode upAlphaBeta}).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `riskFree` per period (default 0), `periodsPerYear` (default 252).
 * @returns `{ alpha, beta }` of the down-market rows.
 * @see empyrical.stats.down_alpha_beta
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { downAlphaBeta } from "./up_down_alpha_beta.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03, -0.01]);
 * const r = f.map((v) => (v > 0 ? 1.5 * v : 0.5 * v));
 * assert.ok(Math.abs(downAlphaBeta(r, f).beta - 0.5) < 1e-12);
 * ```
 */
export function downAlphaBeta(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: AlphaBetaOptions,
): AlphaBeta {
  return _sided(returns, factorReturns, opts, (f) => f < 0);
}

function _sided(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts: AlphaBetaOptions | undefined,
  keep: (f: number) => boolean,
): AlphaBeta {
  const rf = _checkPair(returns, factorReturns, opts?.riskFree);
  const ppy = periodsPerYearOf(opts);
  const [r, f] = filterPairs(returns, factorReturns, keep);
  let rate: ((i: number) => number) | undefined;
  if (rf) {
    const [k] = filterPairs(
      Float64Array.from(returns, (_, i) => rf(i)),
      factorReturns,
      keep,
    );
    rate = (i) => k[i];
  }
  return _alphaBeta(r, f, ppy, rate);
}
