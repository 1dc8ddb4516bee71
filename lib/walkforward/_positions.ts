/**
 * Map stitched out-of-sample predictions to positions by a {@linkcode PositionRule}.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import type { Bars } from "../_shared/types.ts";
import {
  proportionalPosition,
  signPosition,
  thresholdPosition,
  volTargetPosition,
} from "../backtest/mod.ts";
import type { PositionRule } from "./types.ts";

/**
 * Positions for OOS days at bar indexes `rows`. Vol targeting uses the bars' daily log
 * returns up to each day (causal), so gaps between folds do not shorten its window.
 */
export function positionsFor(
  rule: PositionRule,
  predictions: Float64Array,
  rows: Int32Array,
  bars: Bars,
): Float64Array {
  switch (rule.kind) {
    case "sign":
      return signPosition(predictions);
    case "threshold":
      return thresholdPosition(predictions, rule);
    case "proportional":
      return proportionalPosition(predictions, rule);
    case "volTarget": {
      const c = bars.close, n = c.length;
      const r = new Float64Array(n).fill(NaN);
      for (let t = 1; t < n; t++) r[t] = crLog(c[t] / c[t - 1]);
      const sig = new Float64Array(n);
      for (let i = 0; i < rows.length; i++) sig[rows[i]] = predictions[i];
      const full = volTargetPosition(sig, r, rule);
      const out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = full[rows[i]];
      return out;
    }
    default:
      throw new RangeError(
        `Unknown position rule "${
          (rule as { kind: string }).kind
        }": expected sign, threshold, proportional or volTarget`,
      );
  }
}
