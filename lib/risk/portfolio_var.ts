/**
 * VaR / CVaR of a weighted portfolio of assets.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { ledoitWolf, type LedoitWolfOptions } from "./ledoit_wolf.ts";
import { normalInv, normalPdf } from "../metrics/mod.ts";
import {
  valueAtRisk,
  type VarOptions,
  type VarResult,
} from "./value_at_risk.ts";

/** Options of {@linkcode portfolioVar}. */
export interface PortfolioVarOptions extends VarOptions, LedoitWolfOptions {}

/** Portfolio VaR plus the covariance shrinkage used (parametric normal only). */
export interface PortfolioVarResult extends VarResult {
  /** Ledoit-Wolf delta for `normal`; NaN for the other methods. */
  readonly shrinkage: number;
  /** Daily portfolio volatility sqrt(w' Sigma w) for `normal`; sample std otherwise. */
  readonly volatility: number;
}

/**
 * Portfolio VaR. `normal`: mu_p = w'mu, sigma_p = sqrt(w' Sigma w) with Sigma the
 * Ledoit-Wolf shrunk covariance (divisor T), VaR = -(mu_p h) + sigma_p sqrt(h) Phi^-1(c).
 * Every other method is applied to the daily portfolio return series r_p,t = sum_i w_i
 * r_i,t (constant weights, rebalanced daily). Losses are positive fractions of capital.
 *
 * @param returns T x N daily returns (rows = days); rows with NaN are dropped.
 * @param weights N weights (fractions of capital).
 * @param options VaR method, confidence, horizon and shrinkage target.
 * @returns VaR result with `shrinkage` and `volatility`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { portfolioVar } from "./portfolio_var.ts";
 * const data = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) / 100);
 * const r = portfolioVar({ data, rows: 100, cols: 2 }, new Float64Array([0.5, 0.5]), { method: "normal" });
 * assert.ok(r.var > 0 && r.shrinkage >= 0 && r.shrinkage <= 1);
 * ```
 */
export function portfolioVar(
  returns: Matrix,
  weights: ArrayLike<number>,
  options: PortfolioVarOptions = {},
): PortfolioVarResult {
  const N = returns.cols;
  if (weights.length !== N) {
    throw new RangeError(
      `Weights must have one entry per column: expected ${N}, got ${weights.length}`,
    );
  }
  const rows: number[] = [];
  for (let r = 0; r < returns.rows; r++) {
    let ok = true;
    for (let c = 0; c < N; c++) ok &&= Number.isFinite(returns.data[r * N + c]);
    if (ok) rows.push(r);
  }
  const rp = Float64Array.from(rows, (r) => {
    let s = 0;
    for (let c = 0; c < N; c++) s += weights[c] * returns.data[r * N + c];
    return s;
  });
  const base = valueAtRisk(rp, options);
  if ((options.method ?? "historical") !== "normal" || rows.length < 2) {
    let m = 0, ss = 0;
    for (const v of rp) m += v / rp.length;
    for (const v of rp) ss += (v - m) * (v - m);
    return {
      ...base,
      shrinkage: NaN,
      volatility: Math.sqrt(ss / (rp.length - 1)),
    };
  }
  const lw = ledoitWolf(returns, options);
  const S = lw.covariance.data;
  let varP = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) varP += weights[i] * weights[j] * S[i * N + j];
  }
  let mu = 0;
  for (const v of rp) mu += v / rp.length;
  const h = base.horizonDays, c = base.confidence, zc = normalInv(c);
  const sd = Math.sqrt(varP), sq = Math.sqrt(h);
  return {
    ...base,
    var: -mu * h + sd * sq * zc,
    cvar: -mu * h + sd * sq * normalPdf(zc) / (1 - c),
    shrinkage: lw.shrinkage,
    volatility: sd,
  };
}
