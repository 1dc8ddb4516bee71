/**
 * The two steps every weights backtest is made of: fill a book of weights (turnover) and
 * earn one bar's returns with it (the portfolio return, weights optionally drifting with
 * prices). The vectorised backtests, the guarded backtest and the allocation walk-forward
 * all step through these, so P&L and turnover are computed one way.
 *
 * Weights are fractions of equity (1 = fully long, -1 = fully short); a return at bar t is
 * the simple return of that bar; a non-finite return earns nothing.
 *
 * @module
 */

/**
 * Fill the book at `target`: returns the turnover `sum |target_i - w_i|` and sets
 * `w = target`. A NaN target keeps that weight (no trade).
 *
 * @param w Weights held (mutated: the book after the fill).
 * @param target Target weight per column.
 * @returns Turnover of the fill (fraction of equity).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillBook } from "./book.ts";
 * const w = new Float64Array([0.5, 0.5]);
 * assert.equal(fillBook(w, [1, NaN]), 0.5);
 * assert.deepEqual([...w], [1, 0.5]);
 * ```
 */
export function fillBook(w: Float64Array, target: ArrayLike<number>): number {
  let tv = 0;
  for (let i = 0; i < w.length; i++) {
    const x = target[i];
    if (x !== x) continue;
    tv += Math.abs(x - w[i]);
    w[i] = x;
  }
  return tv;
}

/**
 * Earn one bar with the book: the portfolio return `sum w_i r_i` (a zero weight or a
 * non-finite return contributes nothing). With `drift`, the weights then move with
 * prices, `w_i <- w_i (1 + r_i) / (1 + r_p)` (all 0 when the book lost everything), as a
 * buy-and-hold book does between fills; without it the book is rebalanced back to its
 * weights for free (the daily-rebalanced convention of research backtests).
 *
 * @param w Weights held over the bar (mutated when `drift`).
 * @param r The bar's simple return per column.
 * @param drift Let the weights drift with prices.
 * @returns The portfolio's simple return over the bar, before costs.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markBook } from "./book.ts";
 * const w = new Float64Array([0.5, 0.5]);
 * assert.equal(markBook(w, [0.1, -0.1], true), 0);
 * assert.deepEqual([...w], [0.55, 0.45]);
 * ```
 */
export function markBook(
  w: Float64Array,
  r: ArrayLike<number>,
  drift: boolean,
): number {
  let rp = 0;
  for (let i = 0; i < w.length; i++) {
    const x = r[i];
    if (w[i] !== 0 && Number.isFinite(x)) rp += w[i] * x;
  }
  if (drift) {
    for (let i = 0; i < w.length; i++) {
      const x = Number.isFinite(r[i]) ? r[i] : 0;
      w[i] = 1 + rp !== 0 ? w[i] * (1 + x) / (1 + rp) : 0;
    }
  }
  return rp;
}
