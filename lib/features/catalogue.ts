/**
 * The feature catalogue: stable names mapped to pure functions of the bars, each with the
 * number of prior bars it needs (`lookback` = its first defined index). A value at t uses
 * bars up to and including t only.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { distHigh, distSma, rollingZScore } from "./bands.ts";
import { rollingBeta, rollingCorr } from "./cross_asset.ts";
import { rollingKurt, rollingSkew } from "./moments.ts";
import { atrNormalised, macdHist, rsiWilder } from "./oscillators.ts";
import { logReturns, logVolatility } from "./returns.ts";
import { obvSlope, stochasticK } from "./volume_flow.ts";

/** Inputs beyond the symbol's own bars. */
export interface FeatureContext {
  /** Benchmark closes aligned to the symbol's dates with `alignAsOf` (cross_asset.ts). */
  readonly benchmarkClose?: Float64Array;
}

/** One catalogue entry. */
export interface FeatureDef {
  /** Prior bars needed: the first index with a defined value on complete data. */
  readonly lookback: number;
  /** What it is, with units. */
  readonly description: string;
  /** Whose definition it follows (bench SPEC W1, TA-Lib, pandas, or this project's),
   * and how it differs from the TA-Lib-compatible functions where it does. */
  readonly convention: string;
  /** True when it needs `ctx.benchmarkClose`. */
  readonly needsBenchmark: boolean;
  /** Pure kernel: one value per bar, NaN before `lookback`; never mutates `bars`. */
  readonly compute: (bars: Bars, ctx: FeatureContext) => Float64Array;
}

type Compute = FeatureDef["compute"];
const def = (
  lookback: number,
  description: string,
  convention: string,
  compute: Compute,
  needsBenchmark = false,
): FeatureDef =>
  Object.freeze({ lookback, description, convention, needsBenchmark, compute });

const SPEC = "bench SPEC W1";
const OWN = "this project's definition (no TA-Lib counterpart)";

function benchReturns(name: string, ctx: FeatureContext): Float64Array {
  if (!ctx.benchmarkClose) {
    throw new RangeError(
      `Cannot compute feature "${name}": expected a benchmark (options.benchmark), got none`,
    );
  }
  return logReturns(ctx.benchmarkClose, 1);
}

const ret = (k: number) =>
  def(
    k,
    `${k}-day log return ln(close[t]/close[t-${k}])`,
    SPEC,
    (b) => logReturns(b.close, k),
  );
const vol = (k: number) =>
  def(
    k,
    `sample std (ddof 1) of the last ${k} daily log returns, daily scale`,
    SPEC,
    (b) => logVolatility(b.close, k),
  );

/** Every named feature. Names are stable: stored runs and reports refer to them. */
export const FEATURES: Readonly<Record<string, FeatureDef>> = Object.freeze({
  ret_1: ret(1),
  ret_5: ret(5),
  ret_10: ret(10),
  ret_20: ret(20),
  ret_60: ret(60),
  vol_20: vol(20),
  vol_60: vol(60),
  rsi_14: def(
    14,
    "Wilder RSI(14), 0..100, 100 where the average loss is 0",
    `${SPEC}; equals TA-Lib RSI(14) (SMA seed, Wilder smoothing; TA-Lib prints 0 when nothing moved)`,
    (b) => rsiWilder(b.close, 14),
  ),
  macd_hist: def(
    0,
    "MACD(12, 26, 9) histogram / close; EMAs seeded with the first close",
    `${SPEC}: every EMA seeded with its first input (ema seed "first"), defined from row 0; NOT TA-Lib's MACD, whose EMAs are SMA-seeded and start at row 25 (see macd())`,
    (b) => macdHist(b.close),
  ),
  dist_sma50: def(
    49,
    "close / SMA50 - 1",
    `${SPEC}; the SMA equals TA-Lib SMA(50)`,
    (b) => distSma(b.close, 50),
  ),
  dist_sma200: def(
    199,
    "close / SMA200 - 1",
    `${SPEC}; the SMA equals TA-Lib SMA(200)`,
    (b) => distSma(b.close, 200),
  ),
  vol_z20: def(
    19,
    "(volume - mean20) / std20 of volume (ddof 1)",
    SPEC,
    (b) => rollingZScore(b.volume, 20),
  ),
  atr_14: def(
    14,
    "Wilder ATR(14) / close, a fraction of price",
    "TA-Lib ATR(14) (see atr()) divided by the close; TA-Lib's NATR is 100 times this",
    (b) => atrNormalised(b.high, b.low, b.close, 14),
  ),
  bb_z20: def(
    19,
    "Bollinger z: (close - SMA20) / std20 of close (ddof 1)",
    "sample std (ddof 1); TA-Lib's BBANDS (and bollinger()) use the population std (ddof 0)",
    (b) => rollingZScore(b.close, 20),
  ),
  stoch_k14: def(
    13,
    "stochastic %K(14), 0..100, 50 on a zero range",
    "TA-Lib STOCHF fast %K(14) (stochastic() with kSmoothing 1), except 50 instead of TA-Lib's 0 where high = low over the window",
    (b) => stochasticK(b.high, b.low, b.close, 14),
  ),
  obv_slope20: def(
    19,
    "OLS slope of OBV over 20 bars / mean volume of the window (avg volumes per day)",
    `${OWN}; OBV is TA-Lib's OBV less volume[0] (TA-Lib starts at volume[0], this at 0: same slope)`,
    (b) => obvSlope(b.close, b.volume, 20),
  ),
  skew_60: def(
    60,
    "sample-adjusted skewness (G1) of the last 60 log returns",
    "pandas rolling(60).skew() (bias-corrected G1)",
    (b) => rollingSkew(logReturns(b.close, 1), 60),
  ),
  kurt_60: def(
    60,
    "sample-adjusted excess kurtosis (G2) of the last 60 log returns",
    "pandas rolling(60).kurt() (bias-corrected excess kurtosis G2)",
    (b) => rollingKurt(logReturns(b.close, 1), 60),
  ),
  dist_high252: def(
    251,
    "close / max(high over 252 bars) - 1",
    OWN,
    (b) => distHigh(b.close, b.high, 252),
  ),
  bench_ret_1: def(
    1,
    "benchmark 1-day log return over the symbol's calendar (as-of aligned)",
    OWN,
    (_b, ctx) => benchReturns("bench_ret_1", ctx),
    true,
  ),
  beta_60: def(
    60,
    "rolling 60-day beta of the symbol's log returns to the benchmark's",
    "OLS beta cov/var over the window (sample moments), as pandas rolling cov / var",
    (b, ctx) =>
      rollingBeta(logReturns(b.close, 1), benchReturns("beta_60", ctx), 60),
    true,
  ),
  corr_60: def(
    60,
    "rolling 60-day correlation of the symbol's and the benchmark's log returns",
    "Pearson correlation over the window, as pandas rolling(60).corr()",
    (b, ctx) =>
      rollingCorr(logReturns(b.close, 1), benchReturns("corr_60", ctx), 60),
    true,
  ),
});

/** The 12 bench SPEC W1 features, in the SPEC's order. */
export const W1_FEATURES: readonly string[] = Object.freeze([
  "ret_1",
  "ret_5",
  "ret_10",
  "ret_20",
  "ret_60",
  "vol_20",
  "vol_60",
  "rsi_14",
  "macd_hist",
  "dist_sma50",
  "dist_sma200",
  "vol_z20",
]);
