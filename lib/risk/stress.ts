/**
 * Stress testing: replay historical windows and hypothetical shocks on a weighted
 * portfolio, with VaR breaches and limit breaches per scenario.
 *
 * @module
 */
import type { RiskLimits, StressScenario } from "./config.ts";
import type { PricePanel } from "./price_panel.ts";
import { createRiskGuard, updateRiskGuard } from "./risk_guard.ts";
import { valueAtRisk, type VarMethod } from "./value_at_risk.ts";

/** Built-in historical windows (ISO, inclusive). */
export const DEFAULT_SCENARIOS: readonly StressScenario[] = [
  {
    name: "dot-com",
    kind: "historical",
    start: "2000-03-01",
    end: "2002-10-31",
  },
  { name: "gfc", kind: "historical", start: "2007-10-01", end: "2009-03-31" },
  {
    name: "covid-crash",
    kind: "historical",
    start: "2020-02-19",
    end: "2020-03-23",
  },
  { name: "price-shock-20", kind: "price-shock", shock: -0.2, windowDays: 252 },
  { name: "vol-x3", kind: "vol-scale", factor: 3, windowDays: 252 },
  { name: "correlation-one", kind: "correlation-one", windowDays: 252 },
];

/** Options of {@linkcode runStress}. */
export interface StressOptions {
  /** Limits for the breach count (the replay itself does not trade on them). */
  readonly limits: RiskLimits;
  /** VaR confidence. @default 0.99 */
  readonly confidence?: number;
  /** @default "historical" */
  readonly varMethod?: VarMethod;
  /** Days of portfolio returns before the scenario used for the ex-ante VaR. @default 250 */
  readonly varWindow?: number;
}

/** Outcome of one scenario (losses and drawdowns as positive fractions). */
export interface StressResult {
  readonly name: string;
  readonly kind: string;
  /** First / last date of the replayed returns ("" when skipped). */
  readonly start: string;
  readonly end: string;
  readonly days: number;
  /** Compounded return of the scenario path (negative = loss). */
  readonly pnl: number;
  /** Largest peak-to-trough loss, positive fraction. */
  readonly maxDrawdown: number;
  /** Worst single-day return (negative = loss) and its date. */
  readonly worstDay: number;
  readonly worstDayDate: string;
  /**
   * 1-day VaR (positive loss): historical scenarios use the `varWindow` portfolio returns
   * before the path (NaN if fewer than 20), shocks the unshocked base window.
   */
  readonly var: number;
  /** Days whose loss exceeded that VaR. */
  readonly varBreaches: number;
  /** Breach records the risk guard would log on the path (kill switch, daily loss, exposure). */
  readonly limitBreaches: number;
  readonly breachRules: readonly string[];
  /** Date the kill switch would trip, "" if never. */
  readonly killSwitchDate: string;
  /** Why the scenario was skipped ("" when it ran). */
  readonly skipped: string;
}

/**
 * Run every scenario on constant portfolio weights (rebalanced daily, so day t's return
 * is sum_i w_i r_i,t with simple close-to-close returns). Historical scenarios replay the
 * stored returns whose dates fall in [start, end] (the first return is the move from the
 * close before `start`); windows without data are reported as skipped. Shock scenarios
 * take the last `windowDays` returns and: `price-shock` compounds every asset's day-1
 * return with `shock`; `vol-scale` maps r -> mu + k (r - mu) per asset; `correlation-one`
 * rebuilds r_i,t = mu_i + sigma_i z_t from one common factor z (the cross-sectional mean of
 * standardised returns, re-standardised), keeping each asset's mean and vol.
 *
 * @param prices Aligned closes (no NaN inside the used windows).
 * @param weights One weight per symbol (fractions of equity).
 * @param scenarios Validated scenarios.
 * @param options Limits, VaR settings.
 * @returns One result per scenario, in order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runStress } from "./stress.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const dates = ["2020-02-18", "2020-02-19", "2020-02-20"];
 * const prices = { symbols: ["A"], dates, close: [new Float64Array([100, 90, 81])] };
 * const [r] = runStress(prices, new Float64Array([1]), [{ name: "x", kind: "historical", start: "2020-02-19", end: "2020-02-20" }], { limits: RiskLimitsSchema.parse({}) });
 * assert.ok(Math.abs(r.pnl - -0.19) < 1e-12);
 * assert.ok(Math.abs(r.maxDrawdown - 0.19) < 1e-12);
 * ```
 */
export function runStress(
  prices: PricePanel,
  weights: ArrayLike<number>,
  scenarios: readonly StressScenario[],
  options: StressOptions,
): StressResult[] {
  const m = prices.symbols.length, n = prices.dates.length;
  if (weights.length !== m) {
    throw new RangeError(`Expected ${m} weights, got ${weights.length}`);
  }
  const R = prices.close.map((c) => {
    const r = new Float64Array(n).fill(NaN);
    for (let t = 1; t < n; t++) r[t] = c[t] / c[t - 1] - 1;
    return r;
  });
  const port = (cols: Float64Array[], t: number) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += weights[i] * cols[i][t];
    return s;
  };
  const rp = Float64Array.from({ length: n }, (_, t) => port(R, t));
  const window = options.varWindow ?? 250;
  const book: Record<string, number> = {};
  prices.symbols.forEach((s, i) => (book[s] = weights[i]));
  return scenarios.map((sc) => {
    if (sc.kind === "historical") {
      let a = -1, b = -1;
      for (let t = 1; t < n; t++) {
        if (prices.dates[t] >= sc.start && prices.dates[t] <= sc.end) {
          if (a < 0) a = t;
          b = t;
        }
      }
      if (a < 0) {
        return skipped(sc, `no data between ${sc.start} and ${sc.end}`);
      }
      const pre = rp.subarray(Math.max(1, a - window), a);
      return evaluate(
        sc,
        rp.slice(a, b + 1),
        prices.dates.slice(a, b + 1),
        pre,
        book,
        options,
      );
    }
    const w = sc.windowDays ?? 252;
    if (n - 1 < w) {
      return skipped(sc, `needs ${w} returns, the data has ${n - 1}`);
    }
    const base = R.map((r) => r.slice(n - w));
    const shocked = shockReturns(base, sc);
    const path = Float64Array.from({ length: w }, (_, t) => port(shocked, t));
    const pre = Float64Array.from({ length: w }, (_, t) => port(base, t));
    return evaluate(sc, path, prices.dates.slice(n - w), pre, book, options);
  });
}

function shockReturns(
  base: Float64Array[],
  sc: StressScenario,
): Float64Array[] {
  const w = base[0]?.length ?? 0;
  if (sc.kind === "price-shock") {
    const k = sc.shock ?? -0.2;
    return base.map((r) => {
      const o = Float64Array.from(r);
      o[0] = (1 + k) * (1 + r[0]) - 1;
      return o;
    });
  }
  const mu = base.map((r) => r.reduce((a, v) => a + v, 0) / w);
  const sd = base.map((r, i) =>
    Math.sqrt(r.reduce((a, v) => a + (v - mu[i]) ** 2, 0) / (w - 1))
  );
  if (sc.kind === "vol-scale") {
    const k = sc.factor ?? 2;
    return base.map((r, i) => r.map((v) => mu[i] + k * (v - mu[i])));
  }
  const z = new Float64Array(w);
  for (let t = 0; t < w; t++) {
    let s = 0, k = 0;
    base.forEach((r, i) => {
      if (sd[i] > 0) {
        s += (r[t] - mu[i]) / sd[i];
        k++;
      }
    });
    z[t] = k > 0 ? s / k : 0;
  }
  const zm = z.reduce((a, v) => a + v, 0) / w;
  const zs = Math.sqrt(z.reduce((a, v) => a + (v - zm) ** 2, 0) / (w - 1));
  return base.map((_, i) =>
    z.map((v) => mu[i] + sd[i] * (zs > 0 ? (v - zm) / zs : 0))
  );
}

function evaluate(
  sc: StressScenario,
  path: Float64Array,
  dates: readonly string[],
  pre: Float64Array,
  book: Record<string, number>,
  options: StressOptions,
): StressResult {
  const v = pre.length >= 20
    ? valueAtRisk(pre, {
      method: options.varMethod,
      confidence: options.confidence ?? 0.99,
    }).var
    : NaN;
  let eq = 1, peak = 1, mdd = 0, worst = Infinity, worstDate = "", breaches = 0;
  let guard = createRiskGuard(1);
  for (let t = 0; t < path.length; t++) {
    eq *= 1 + path[t];
    peak = Math.max(peak, eq);
    mdd = Math.max(mdd, 1 - eq / peak);
    if (path[t] < worst) {
      worst = path[t];
      worstDate = dates[t];
    }
    if (Number.isFinite(v) && path[t] < -v) breaches++;
    // exposure limits are checked once (weights are constant); drawdown / loss every day
    const weights = t === 0 ? book : undefined;
    guard = updateRiskGuard(
      guard,
      { date: dates[t], equity: eq, weights },
      options.limits,
    );
  }
  return {
    name: sc.name,
    kind: sc.kind ?? "historical",
    start: dates[0] ?? "",
    end: dates[dates.length - 1] ?? "",
    days: path.length,
    pnl: eq - 1,
    maxDrawdown: mdd,
    worstDay: worst,
    worstDayDate: worstDate,
    var: v,
    varBreaches: Number.isFinite(v) ? breaches : NaN,
    limitBreaches: guard.breaches.length,
    breachRules: [...new Set(guard.breaches.map((b) => b.rule))],
    killSwitchDate: guard.haltedOn,
    skipped: "",
  };
}

function skipped(sc: StressScenario, why: string): StressResult {
  return {
    name: sc.name,
    kind: sc.kind ?? "historical",
    start: "",
    end: "",
    days: 0,
    pnl: NaN,
    maxDrawdown: NaN,
    worstDay: NaN,
    worstDayDate: "",
    var: NaN,
    varBreaches: NaN,
    limitBreaches: 0,
    breachRules: [],
    killSwitchDate: "",
    skipped: why,
  };
}
