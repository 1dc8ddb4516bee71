/**
 * Pairs (statistical arbitrage) positions from a causal hedge ratio and spread z-score.
 *
 * @module
 */
import { engleGranger } from "./cointegration.ts";
import { kalmanHedgeRatio, rollingHedgeRatio } from "./hedge_ratio.ts";
import { rollingMeanStd } from "./_rolling.ts";

/** Options of {@linkcode pairsPositions}. */
export interface PairsOptions {
  /** Rolling OLS window for the hedge ratio, bars. @default 60 */
  readonly hedgeWindowDays?: number;
  /** Window of the spread z-score, bars. @default 20 */
  readonly zWindowDays?: number;
  /** Enter when |z| > entryZ. @default 2 */
  readonly entryZ?: number;
  /** Exit when |z| < exitZ. @default 0.5 */
  readonly exitZ?: number;
  /** Stop out when |z| > stopZ (no re-entry until |z| is back inside entryZ). @default 4 */
  readonly stopZ?: number;
  /** Hedge-ratio estimator. @default "rolling" */
  readonly method?: "rolling" | "kalman";
  /**
   * Cointegration gate: every `gateEveryDays` bars, an Engle-Granger test on the trailing
   * `gateWindowDays` bars (data <= t, ADF with 1 lag) must give p < gatePValue for new
   * entries; a failed test also closes the open trade. 0 disables the gate. @default 0
   */
  readonly gateWindowDays?: number;
  /** Re-test period of the gate, bars. @default 21 */
  readonly gateEveryDays?: number;
  /** p-value threshold of the gate. @default 0.05 */
  readonly gatePValue?: number;
}

/** Result of {@linkcode pairsPositions}. */
export interface PairsPositions {
  /** Weight of leg a at the close of t (fraction of capital, |a| + |b| <= 1). */
  readonly a: Float64Array;
  /** Weight of leg b at the close of t. */
  readonly b: Float64Array;
  /** Hedge ratio beta_t (log a on log b) used at t. */
  readonly hedgeRatio: Float64Array;
  /** Spread log a - beta_t log b - alpha_t. */
  readonly spread: Float64Array;
  /** z of the spread over its trailing window. */
  readonly zscore: Float64Array;
  /** Spread position: +1 long a / short b, -1 the reverse, 0 flat. */
  readonly state: Float64Array;
  /** 1 where the cointegration gate allowed trading (all 1 without a gate). */
  readonly gate: Uint8Array;
}

/**
 * Pairs trade on log prices: beta_t from rolling OLS (or Kalman) over data <= t, spread
 * s_t = log a_t - beta_t log b_t - alpha_t, z_t over the trailing zWindowDays. Flat ->
 * long spread when z < -entryZ, short spread when z > entryZ; exit when |z| < exitZ; stop
 * at |z| > stopZ. Weights: a = state / (1 + |beta|), b = -state beta / (1 + |beta|), so
 * gross exposure is 1 and the b leg is beta times the a leg in value. Decided at the close
 * of t (earns t -> t+1).
 *
 * @param closeA Prices of leg a.
 * @param closeB Prices of leg b (same dates).
 * @param options Windows and bands.
 * @returns Weights per leg and the diagnostics.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pairsPositions } from "./pairs.ts";
 * const b = Float64Array.from({ length: 200 }, (_, i) => 50 + i / 10);
 * const a = b.map((v, i) => v * Math.exp(i % 25 === 24 ? 0.1 : 0));
 * const p = pairsPositions(a, b, { hedgeWindowDays: 30, zWindowDays: 20, stopZ: 10 });
 * assert.ok(p.state.some((s) => s === -1));
 * ```
 */
export function pairsPositions(
  closeA: Float64Array,
  closeB: Float64Array,
  options: PairsOptions = {},
): PairsPositions {
  const n = closeA.length;
  if (closeB.length !== n) {
    throw new RangeError(
      `pairsPositions needs equal lengths: got ${n} and ${closeB.length}`,
    );
  }
  const entry = options.entryZ ?? 2, exit = options.exitZ ?? 0.5;
  const stop = options.stopZ ?? 4;
  const la = closeA.map(Math.log), lb = closeB.map(Math.log);
  const h = (options.method ?? "rolling") === "kalman"
    ? kalmanHedgeRatio(la, lb)
    : rollingHedgeRatio(la, lb, options.hedgeWindowDays ?? 60);
  const spread = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    spread[t] = la[t] - h.beta[t] * lb[t] - h.alpha[t];
  }
  const { mean, std } = rollingMeanStd(spread, options.zWindowDays ?? 20);
  const z = new Float64Array(n);
  const a = new Float64Array(n), b = new Float64Array(n);
  const state = new Float64Array(n);
  const gate = cointegrationGate(closeA, closeB, options);
  let s = 0, stopped = false;
  for (let t = 0; t < n; t++) {
    z[t] = std[t] > 0 ? (spread[t] - mean[t]) / std[t] : NaN;
    const zt = z[t];
    if (!Number.isFinite(zt) || !Number.isFinite(h.beta[t]) || !gate[t]) s = 0;
    else {
      if (stopped && Math.abs(zt) < entry) stopped = false;
      if (s !== 0 && (Math.abs(zt) < exit || s * zt > 0)) s = 0;
      if (Math.abs(zt) > stop) {
        if (s !== 0) stopped = true;
        s = 0;
      } else if (s === 0 && !stopped) {
        if (zt < -entry) s = 1;
        else if (zt > entry) s = -1;
      }
    }
    state[t] = s;
    const g = 1 + Math.abs(h.beta[t]);
    a[t] = s === 0 ? 0 : s / g;
    b[t] = s === 0 ? 0 : (-s * h.beta[t]) / g;
  }
  return { a, b, hedgeRatio: h.beta, spread, zscore: z, state, gate };
}

/** 1 where the last trailing Engle-Granger test (on data <= t) rejected "no cointegration". */
function cointegrationGate(
  closeA: Float64Array,
  closeB: Float64Array,
  options: PairsOptions,
): Uint8Array {
  const n = closeA.length, w = options.gateWindowDays ?? 0;
  const gate = new Uint8Array(n);
  if (w <= 0) return gate.fill(1);
  const every = options.gateEveryDays ?? 21, alpha = options.gatePValue ?? 0.05;
  let open = 0;
  for (let t = w - 1; t < n; t++) {
    if ((t - w + 1) % every === 0) {
      const a = closeA.subarray(t - w + 1, t + 1),
        b = closeB.subarray(t - w + 1, t + 1);
      let finite = true;
      for (let i = 0; i < w && finite; i++) finite = a[i] > 0 && b[i] > 0;
      open = finite && engleGranger(a, b, { lags: 1 }).pValue < alpha ? 1 : 0;
    }
    gate[t] = open;
  }
  return gate;
}
