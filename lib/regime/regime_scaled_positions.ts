/**
 * Regime-aware exposure scaling for strategies.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/**
 * Scale positions by regime: p_t x sum_k P(state k | data <= t) x scaleByState[k] with
 * filtered probabilities (rows = bars), or p_t x scaleByState[label_t] with labels
 * (unknown label -1 -> 0). Feed FILTERED probabilities or causal labels only.
 *
 * @param positions Base positions.
 * @param probs T x K filtered probabilities, or T labels.
 * @param scaleByState Multiplier per state, e.g. [1, 0.5, 0] for calm, normal, stressed.
 * @returns Scaled positions (NaN rows -> 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { regimeScaledPositions } from "./regime_scaled_positions.ts";
 * const probs = { rows: 2, cols: 2, data: new Float64Array([0.8, 0.2, 0.1, 0.9]) };
 * const p = regimeScaledPositions(new Float64Array([1, -1]), probs, [1, 0]);
 * assert.ok(Math.abs(p[0] - 0.8) < 1e-15 && Math.abs(p[1] + 0.1) < 1e-15);
 * ```
 */
export function regimeScaledPositions(
  positions: ArrayLike<number>,
  probs: Matrix | Int8Array | Int32Array,
  scaleByState: readonly number[],
): Float64Array {
  const n = positions.length;
  const out = new Float64Array(n);
  if (!("rows" in probs)) {
    if (probs.length !== n) {
      throw new RangeError(`Expected ${n} labels, got ${probs.length}`);
    }
    for (let t = 0; t < n; t++) {
      const k = probs[t], p = positions[t];
      out[t] = k >= 0 && k < scaleByState.length && Number.isFinite(p)
        ? p * scaleByState[k]
        : 0;
    }
    return out;
  }
  const K = probs.cols;
  if (probs.rows !== n || scaleByState.length !== K) {
    throw new RangeError(
      `Expected ${n} x ${scaleByState.length} probabilities, got ${probs.rows} x ${K}`,
    );
  }
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += probs.data[t * K + k] * scaleByState[k];
    const v = positions[t] * s;
    out[t] = Number.isFinite(v) ? v : 0;
  }
  return out;
}
