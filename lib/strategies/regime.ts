/**
 * Regime-aware trading: switch components or scale exposure by market regime.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/**
 * Pick the position of the component assigned to the regime at t:
 * p_t = positionsByRegime[labels[t]][t]; a negative or out-of-range label (unknown
 * regime) -> flat. Labels must be causal (filtered, not smoothed): label t from data <= t.
 *
 * @param positionsByRegime One position column per regime label 0..K-1.
 * @param labels Regime label per bar.
 * @returns Positions.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { regimeSwitchPositions } from "./regime.ts";
 * const trend = new Float64Array([1, 1, 1]), revert = new Float64Array([-1, -1, -1]);
 * const p = regimeSwitchPositions([trend, revert], Int8Array.from([0, 1, -1]));
 * assert.deepEqual([...p], [1, -1, 0]);
 * ```
 */
export function regimeSwitchPositions(
  positionsByRegime: readonly Float64Array[],
  labels: Int8Array | Int32Array,
): Float64Array {
  const n = labels.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const k = labels[t];
    if (k >= 0 && k < positionsByRegime.length) {
      const v = positionsByRegime[k][t];
      out[t] = Number.isFinite(v) ? v : 0;
    }
  }
  return out;
}

/**
 * Scale exposure by regime: p_t * scale[labels[t]] (unknown label -> 0), or, given
 * filtered probabilities (rows = bars, cols = regimes), p_t * sum_k P(k | data <= t) scale_k.
 *
 * @param positions Base positions.
 * @param regimes Labels per bar, or a Matrix of filtered probabilities.
 * @param scales Exposure multiplier per regime (e.g. [1, 0.5, 0] for calm, normal, stress).
 * @returns Scaled positions.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { regimeScaledPositions } from "./regime.ts";
 * const p = new Float64Array([1, 1]);
 * assert.deepEqual([...regimeScaledPositions(p, Int8Array.from([0, 1]), [1, 0.5])], [1, 0.5]);
 * const probs = { rows: 2, cols: 2, data: new Float64Array([0.5, 0.5, 0, 1]) };
 * assert.deepEqual([...regimeScaledPositions(p, probs, [1, 0])], [0.5, 0]);
 * ```
 */
export function regimeScaledPositions(
  positions: Float64Array,
  regimes: Int8Array | Int32Array | Matrix,
  scales: readonly number[],
): Float64Array {
  const n = positions.length;
  const out = new Float64Array(n);
  if ("data" in regimes) {
    if (regimes.rows !== n || regimes.cols !== scales.length) {
      throw new RangeError(
        `Regime probabilities must be ${n} x ${scales.length}, got ${regimes.rows} x ${regimes.cols}`,
      );
    }
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let k = 0; k < scales.length; k++) {
        s += regimes.data[t * regimes.cols + k] * scales[k];
      }
      out[t] = Number.isFinite(s) ? positions[t] * s : 0;
    }
    return out;
  }
  for (let t = 0; t < n; t++) {
    const k = regimes[t];
    out[t] = k >= 0 && k < scales.length ? positions[t] * scales[k] : 0;
  }
  return out;
}
