/**
 * Multiple-testing corrections of p-values (statsmodels `multipletests`).
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/**
 * A correction: `bonferroni` and `holm` control the family-wise error rate, `bh`
 * (Benjamini-Hochberg) and `by` (Benjamini-Yekutieli, any dependence) the false
 * discovery rate; `none` returns the p-values unchanged.
 */
export type PValueCorrection = "bonferroni" | "holm" | "bh" | "by" | "none";

/** The corrections, in the order tasks list them. */
export const P_VALUE_CORRECTIONS: readonly PValueCorrection[] = Object.freeze([
  "holm",
  "bonferroni",
  "bh",
  "by",
  "none",
]);

/**
 * Adjusted p-values for m simultaneous tests, in the input order, capped at 1; reject
 * test i at level alpha when adjusted[i] <= alpha. With p_(1) <= ... <= p_(m) the
 * sorted p-values: Bonferroni m p_i; Holm max_{j <= i} (m - j + 1) p_(j); BH
 * min_{j >= i} m p_(j) / j; BY the BH value times sum_{k=1..m} 1/k. Same definitions
 * and results as statsmodels' `multipletests(p, method=...)` with methods
 * `bonferroni`, `holm`, `fdr_bh`, `fdr_by`.
 *
 * @param pValues Raw p-values in [0, 1].
 * @param method The correction.
 * @returns A new array of adjusted p-values.
 * @throws {RangeError} When a p-value is NaN or outside [0, 1], or the method is unknown.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjustPValues } from "./adjust_p_values.ts";
 * const p = new Float64Array([0.01, 0.04, 0.03]);
 * assert.deepEqual([...adjustPValues(p, "bonferroni")], [0.03, 0.12, 0.09]);
 * assert.deepEqual([...adjustPValues(p, "holm")], [0.03, 0.06, 0.06]);
 * const bh = adjustPValues(p, "bh"); // 0.01 * 3 / 1, then 0.04 for both others
 * assert.ok(Math.abs(bh[0] - 0.03) < 1e-15 && bh[1] === 0.04 && bh[2] === 0.04);
 * ```
 */
export function adjustPValues(
  pValues: Float64Array,
  method: PValueCorrection,
): Float64Array {
  assertSeries(pValues, "pValues");
  if (!P_VALUE_CORRECTIONS.includes(method)) {
    throw new RangeError(
      `Cannot adjust p-values: "method" expected one of ${
        P_VALUE_CORRECTIONS.join(", ")
      }, got ${JSON.stringify(method)}`,
    );
  }
  const bad = pValues.findIndex((p) => !(p >= 0 && p <= 1));
  if (bad >= 0) {
    throw new RangeError(
      `Cannot adjust p-values: expected values in [0, 1], got ${
        pValues[bad]
      } at index ${bad}`,
    );
  }
  return _adjustPValues(pValues, method);
}

/** Trusting kernel of {@linkcode adjustPValues}. */
function _adjustPValues(
  p: Float64Array,
  method: PValueCorrection,
): Float64Array {
  const m = p.length, out = new Float64Array(m);
  if (method === "none") return p.slice();
  if (method === "bonferroni") return out.map((_, i) => Math.min(1, p[i] * m));
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) =>
    p[a] - p[b] || a - b
  );
  if (method === "holm") {
    let run = 0;
    order.forEach((i, k) => {
      run = Math.max(run, p[i] * (m - k));
      out[i] = Math.min(1, run);
    });
    return out;
  }
  let c = 1;
  if (method === "by") {
    c = 0;
    for (let k = 1; k <= m; k++) c += 1 / k;
  }
  let run = Infinity;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    run = Math.min(run, p[i] / ((k + 1) / m / c));
    out[i] = Math.min(1, run);
  }
  return out;
}
