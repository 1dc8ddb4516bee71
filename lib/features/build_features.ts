/**
 * Assemble named features into one row-major matrix.
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";
import { FEATURES } from "./catalogue.ts";
import type { FeatureContext } from "./catalogue.ts";
import { alignAsOf } from "./cross_asset.ts";

/** Options of {@linkcode buildFeatures}. */
export interface BuildFeaturesOptions {
  /**
   * Benchmark bars for the cross-asset features (`bench_ret_1`, `beta_60`, `corr_60`),
   * aligned to the symbol's dates as of each date (benchmark data dated <= t only).
   * @default undefined
   */
  readonly benchmark?: Bars;
}

/** Features of one symbol: one row per bar, one column per name. */
export interface FeatureSet {
  readonly names: readonly string[];
  /** `rows = bars length`, `cols = names.length`; NaN where a feature is undefined. */
  readonly matrix: Matrix;
  /** First row where every column is finite (`rows` when there is none). */
  readonly firstUsableRow: number;
  readonly dates: readonly string[];
}

/**
 * Compute the named catalogue features for every bar. Values before a feature's lookback
 * are NaN; the value at t uses bars (and benchmark bars) dated at or before `dates[t]`.
 *
 * @param bars Daily bars, ascending by date.
 * @param names Feature names from `FEATURES` (e.g. `W1_FEATURES`).
 * @param options See {@linkcode BuildFeaturesOptions}.
 * @returns The feature matrix and the first fully usable row.
 * @throws {RangeError} On an unknown name, or a cross-asset name without a benchmark.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { buildFeatures } from "./build_features.ts";
 * import { W1_FEATURES } from "./catalogue.ts";
 * const f = buildFeatures(await readSampleBars("SP500"), W1_FEATURES);
 * assert.equal(f.firstUsableRow, 199);
 * assert.equal(f.matrix.cols, 12);
 * ```
 */
export function buildFeatures(
  bars: Bars,
  names: readonly string[],
  options: BuildFeaturesOptions = {},
): FeatureSet {
  const unknown = names.filter((n) => !Object.hasOwn(FEATURES, n));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown feature ${
        unknown.map((n) => `"${n}"`).join(", ")
      }: expected one of ${Object.keys(FEATURES).join(", ")}`,
    );
  }
  const ctx: FeatureContext = options.benchmark
    ? {
      benchmarkClose: alignAsOf(
        bars.dates,
        options.benchmark.dates,
        options.benchmark.close,
      ),
    }
    : {};
  return _buildFeatures(bars, names, ctx);
}

function _buildFeatures(
  bars: Bars,
  names: readonly string[],
  ctx: FeatureContext,
): FeatureSet {
  const rows = bars.close.length, cols = names.length;
  const data = new Float64Array(rows * cols);
  names.forEach((name, c) => {
    const def = FEATURES[name];
    const col = def.compute(bars, ctx);
    const lb = Math.min(def.lookback, rows);
    for (let t = 0; t < lb; t++) data[t * cols + c] = NaN;
    for (let t = lb; t < rows; t++) data[t * cols + c] = col[t];
  });
  let first = 0;
  for (; first < rows; first++) {
    let ok = true;
    for (let c = 0; c < cols && ok; c++) {
      ok = Number.isFinite(data[first * cols + c]);
    }
    if (ok) break;
  }
  return Object.freeze({
    names: Object.freeze([...names]),
    matrix: Object.freeze({ data, rows, cols }),
    firstUsableRow: first,
    dates: bars.dates,
  });
}
