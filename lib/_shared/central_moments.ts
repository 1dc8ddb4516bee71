/**
 * Central moments of a slice: the one loop behind the full-sample moments of lib/metrics
 * and the rolling moments of lib/features.
 *
 * @module
 */

/** Population central moments `m_j = mean((x - mean)^j)`, j = 2, 3, 4. */
export interface CentralMoments {
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
}

/**
 * Central moments 2-4 of `x[from..to)` around `mean` (divided by the slice's length).
 *
 * @param x Values.
 * @param from First index, inclusive.
 * @param to Last index, exclusive (> from).
 * @param mean The slice's mean, as the caller computes it.
 * @returns m2, m3, m4.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { centralMoments } from "./central_moments.ts";
 * assert.deepEqual(centralMoments([1, 2, 3, 6], 0, 4, 3), { m2: 3.5, m3: 4.5, m4: 24.5 });
 * ```
 */
export function centralMoments(
  x: ArrayLike<number>,
  from: number,
  to: number,
  mean: number,
): CentralMoments {
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = from; i < to; i++) {
    const d = x[i] - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = to - from;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}
