/**
 * MacKinnon p-values (1994 response surfaces) and finite-sample critical values (2010)
 * of the Dickey-Fuller / Engle-Granger tau statistic, for every deterministic case
 * (`n`, `c`, `ct`, `ctt`) and N I(1) series, as statsmodels' `mackinnonp` and
 * `mackinnoncrit`. The p-value's normal CDF is the accurate one of lib/metrics.
 *
 * @module
 */
import { normalCdf } from "../metrics/mod.ts";
import {
  CRITICAL_TABLES,
  P_VALUE_TABLES,
  type TrendTerm,
} from "./_mackinnon_tables.ts";

export type { TrendTerm };

/** Critical values of the tau statistic at 1 %, 5 % and 10 %. */
export interface CriticalValues {
  readonly "1%": number;
  readonly "5%": number;
  readonly "10%": number;
}

/** Options of {@linkcode mackinnonP} and {@linkcode mackinnonCrit}. */
export interface MackinnonOptions {
  /** Deterministic terms of the test regression: none, constant, + linear trend,
   * + quadratic trend. For Engle-Granger, the terms of the cointegrating regression.
   * @default "c" */
  readonly regression?: TrendTerm;
  /** Number of I(1) series N: 1 for ADF, 1 + the number of regressors for
   * Engle-Granger. 1..6 for p-values, 1..12 for critical values (1 for `n`).
   * @default 1 */
  readonly nSeries?: number;
}

function resolve(
  options: MackinnonOptions | undefined,
  maxN: (r: TrendTerm) => number,
  what: string,
): [TrendTerm, number] {
  const regression = options?.regression ?? "c";
  const n = options?.nSeries ?? 1;
  if (!(regression in P_VALUE_TABLES)) {
    throw new RangeError(
      `Cannot compute MacKinnon ${what}: "regression" expected "n", "c", "ct" or "ctt", got ${
        JSON.stringify(regression)
      }`,
    );
  }
  const max = maxN(regression);
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) {
    throw new RangeError(
      `Cannot compute MacKinnon ${what}: "nSeries" expected an integer in [1, ${max}] for regression "${regression}", got ${n}`,
    );
  }
  return [regression, n];
}

/**
 * MacKinnon (1994) approximate asymptotic p-value of a tau statistic:
 * p = Phi(sum_k c_k tau^k) with the small-p polynomial (degree 2) when
 * tau <= tau*, the large-p one (degree 3) otherwise; p = 0 below tau_min and 1 above
 * tau_max. Same tables, cut-offs and evaluation as statsmodels' `mackinnonp`; Phi is
 * lib/metrics' `normalCdf` (accurate to ~1e-15).
 *
 * @param tau The Dickey-Fuller t statistic (-Infinity gives 0, NaN gives NaN).
 * @param options `regression` (default "c") and `nSeries` N (default 1).
 * @returns Approximate p-value in [0, 1].
 * @throws {RangeError} For an unknown regression or N outside 1..6.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mackinnonP } from "./mackinnon.ts";
 * assert.ok(Math.abs(mackinnonP(-2.86) - 0.05) < 0.005);
 * assert.ok(mackinnonP(-3.5, { regression: "ct", nSeries: 2 }) > 0.05);
 * ```
 */
export function mackinnonP(tau: number, options?: MackinnonOptions): number {
  const [reg, n] = resolve(
    options,
    (r) => P_VALUE_TABLES[r].star.length,
    "p-value",
  );
  if (Number.isNaN(tau)) return NaN;
  const t = P_VALUE_TABLES[reg];
  if (tau > t.max[n - 1]) return 1;
  if (tau < t.min[n - 1]) return 0;
  const c = tau <= t.star[n - 1] ? t.small[n - 1] : t.large[n - 1];
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * tau + c[i];
  return normalCdf(s);
}

/**
 * MacKinnon (2010) finite-sample critical values cv = b0 + b1/T + b2/T^2 + b3/T^3 at
 * 1 %, 5 % and 10 % (statsmodels' `mackinnoncrit`). For Engle-Granger, statsmodels (and
 * Stata's egranger) pass T = nobs - 1.
 *
 * @param nobs Sample size T (Infinity gives the asymptotic values b0).
 * @param options `regression` (default "c") and `nSeries` N (default 1).
 * @returns Frozen critical values at 1 %, 5 %, 10 %.
 * @throws {RangeError} For an unknown regression or N outside the table.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mackinnonCrit } from "./mackinnon.ts";
 * assert.equal(mackinnonCrit(Infinity)["5%"], -2.86154);
 * assert.equal(mackinnonCrit(Infinity, { nSeries: 2 })["5%"], -3.33613);
 * ```
 */
export function mackinnonCrit(
  nobs: number,
  options?: MackinnonOptions,
): CriticalValues {
  const [reg, n] = resolve(
    options,
    (r) => CRITICAL_TABLES[r].length,
    "critical values",
  );
  const u = Number.isFinite(nobs) ? 1 / nobs : 0;
  const cv = CRITICAL_TABLES[reg][n - 1].map((b) =>
    Number.isFinite(nobs) ? b[0] + u * (b[1] + u * (b[2] + u * b[3])) : b[0]
  );
  return Object.freeze({ "1%": cv[0], "5%": cv[1], "10%": cv[2] });
}
