/**
 * Hypothetical shocks of the stress test, applied to DEMEANED base returns so a shock
 * never shows the base window's drift as a gain.
 *
 * @module
 */
import type { StressScenario } from "./config.ts";

/** The shocked columns and what was removed. */
export interface ShockedReturns {
  /** One shocked return column per asset, each `w` long. */
  readonly returns: Float64Array[];
  /** Mean daily return of each asset over the base window (removed before shocking). */
  readonly means: Float64Array;
}

/**
 * Shock each asset's base-window returns after removing its mean:
 * `price-shock` compounds day 1 with `shock` (d_0 -> (1 + shock)(1 + d_0) - 1);
 * `vol-scale` maps d -> k d; `correlation-one` rebuilds d_i,t = sigma_i z_t from one
 * common factor z (the cross-sectional mean of standardised returns, re-standardised to
 * mean 0 and standard deviation 1), keeping each asset's volatility; d = r - mean(r).
 *
 * Because the demeaned returns of every day sum to zero over the window, the compounded
 * path of any fixed-weight book is at most 1 (AM-GM), so `vol-scale` and
 * `correlation-one` can only lose and `price-shock` loses at least `-shock`.
 *
 * @param base One column of simple returns per asset, all `w` long (no NaN).
 * @param sc A hypothetical scenario.
 * @returns The shocked columns and the removed means.
 */
export function shockReturns(
  base: readonly Float64Array[],
  sc: StressScenario,
): ShockedReturns {
  const w = base[0]?.length ?? 0;
  const means = Float64Array.from(
    base,
    (r) => r.reduce((a, v) => a + v, 0) / w,
  );
  const d = base.map((r, i) => r.map((v) => v - means[i]));
  if (sc.kind === "price-shock") {
    const k = sc.shock ?? -0.2;
    for (const r of d) r[0] = (1 + k) * (1 + r[0]) - 1;
    return { returns: d, means };
  }
  if (sc.kind === "vol-scale") {
    const k = sc.factor ?? 2;
    return { returns: d.map((r) => r.map((v) => k * v)), means };
  }
  const sd = d.map((r) =>
    Math.sqrt(r.reduce((a, v) => a + v * v, 0) / Math.max(1, w - 1))
  );
  const z = new Float64Array(w);
  for (let t = 0; t < w; t++) {
    let s = 0, k = 0;
    d.forEach((r, i) => {
      if (sd[i] > 0) {
        s += r[t] / sd[i];
        k++;
      }
    });
    z[t] = k > 0 ? s / k : 0;
  }
  const zm = z.reduce((a, v) => a + v, 0) / w;
  const zs = Math.sqrt(
    z.reduce((a, v) => a + (v - zm) ** 2, 0) / Math.max(1, w - 1),
  );
  return {
    returns: d.map((_, i) =>
      z.map((v) => sd[i] * (zs > 0 ? (v - zm) / zs : 0))
    ),
    means,
  };
}
