/**
 * Feature engineering: a catalogue of named, causal features (a value at t uses bars up
 * to and including t) as pure kernels over typed columns, and `buildFeatures` to assemble
 * them into a row-major matrix for the models. Log returns for features; sample std
 * (ddof 1); windows are trailing; each catalogue entry names its convention. Indicators
 * in TA-Lib's conventions (verified against TA-Lib 0.6): `ema`, `wilderSmooth`, `macd`,
 * `trueRange`, `atr`, `bollinger`, `stochastic`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { buildFeatures, FEATURES, W1_FEATURES } from "./mod.ts";
 * const bars = await readSampleBars("AAPL");
 * const f = buildFeatures(bars, [...W1_FEATURES, "beta_60"], {
 *   benchmark: await readSampleBars("SP500"),
 * });
 * assert.equal(f.firstUsableRow, FEATURES.dist_sma200.lookback);
 * assert.equal(f.matrix.rows, bars.close.length);
 * ```
 *
 * @module
 */
export { buildFeatures } from "./build_features.ts";
export type { BuildFeaturesOptions, FeatureSet } from "./build_features.ts";
export { FEATURES, W1_FEATURES } from "./catalogue.ts";
export type { FeatureContext, FeatureDef } from "./catalogue.ts";
export { logReturns, logVolatility } from "./returns.ts";
export { atrNormalised, macdHist, rsiWilder } from "./oscillators.ts";
export { ema, wilderSmooth } from "./ema.ts";
export type { EmaOptions } from "./ema.ts";
export { macd } from "./macd.ts";
export type { Macd, MacdOptions } from "./macd.ts";
export { atr, trueRange } from "./true_range.ts";
export type { HighLowClose } from "./_check.ts";
export { bollinger } from "./bollinger.ts";
export type { BollingerBands, BollingerOptions } from "./bollinger.ts";
export { stochastic } from "./stochastic.ts";
export type { Stochastic, StochasticOptions } from "./stochastic.ts";
export { distHigh, distSma, rollingZScore } from "./bands.ts";
export { obvSlope, stochasticK } from "./volume_flow.ts";
export { rollingKurt, rollingSkew } from "./moments.ts";
export { alignAsOf, rollingBeta, rollingCorr } from "./cross_asset.ts";
export {
  rollingExtreme,
  rollingMean,
  rollingStd,
  rollingSum,
} from "./rolling.ts";
export type { RollingStdOptions } from "./rolling.ts";
