/**
 * Volatility regimes of the traded symbol (lib/regime, causal) aligned with an
 * out-of-sample series, and the strategy's statistics per regime.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { volatilityRegime } from "../regime/mod.ts";
import type { RegimeShading } from "./equity_figure.ts";
import { summarizePerformance } from "./performance.ts";
import { cell, pctCell } from "./_format.ts";

/** Names of the volatility regime labels 0, 1, 2. */
export const VOL_REGIME_NAMES: readonly string[] = [
  "low vol",
  "normal vol",
  "high vol",
];

/**
 * Label each out-of-sample date with the volatility regime of the symbol's closes
 * (21-day volatility ranked over 252 days, data <= t only; -1 unknown).
 *
 * @param closes The symbol's stored closes.
 * @param dates Out-of-sample dates.
 * @returns Shading for `equityFigure` (labels aligned with `dates`).
 */
export function regimeLabels(
  closes: { dates: readonly string[]; close: Float64Array },
  dates: readonly string[],
): RegimeShading {
  const n = closes.close.length;
  const logRet = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) {
    logRet[t] = crLog(closes.close[t] / closes.close[t - 1]);
  }
  const labels = volatilityRegime(logRet);
  const at = new Map<string, number>();
  closes.dates.forEach((d, t) => at.set(d, labels[t]));
  return {
    labels: Int8Array.from(dates, (d) => at.get(d) ?? -1),
    names: VOL_REGIME_NAMES,
  };
}

/**
 * Strategy statistics per regime: days, share of days, total return, annualised Sharpe
 * and max drawdown (positive %) of the returns earned on that regime's days.
 *
 * @param returns Out-of-sample daily returns.
 * @param shading Labels aligned with the returns.
 * @returns Table rows.
 */
export function regimeRows(
  returns: Float64Array,
  shading: RegimeShading,
): (string | number | null)[][] {
  return shading.names.map((name, k) => {
    const sub = returns.filter((_, i) => shading.labels[i] === k);
    const s = summarizePerformance(sub);
    return [
      name,
      sub.length,
      pctCell(sub.length / Math.max(1, returns.length)),
      pctCell(s.totalReturn),
      cell(s.sharpe, 2),
      pctCell(Math.abs(s.maxDrawdown)),
    ];
  });
}
