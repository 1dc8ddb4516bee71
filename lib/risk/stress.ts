/**
 * Stress testing: replay historical windows and hypothetical shocks on each symbol's own
 * history and on the weighted portfolio, with the ex-ante VaR, its breaches and the risk
 * guard's limit breaches per scenario.
 *
 * @module
 */
import type { RiskLimits, StressScenario } from "./config.ts";
import { type PricePanel, pricePanel } from "./price_panel.ts";
import { evaluatePath, type PathOutcome } from "./_stress_path.ts";
import { shockReturns } from "./_stress_shocks.ts";
import type { VarMethod } from "./value_at_risk.ts";

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

/** Most returns before a path the ex-ante VaR is estimated from, by default. */
export const STRESS_VAR_WINDOW = 250;

/** The scope name of the weighted book in {@linkcode StressResult.scope}. */
export const PORTFOLIO_SCOPE = "portfolio";

/** One symbol's closes on its own dates (a `Bars` fits). */
export interface StressAsset {
  readonly symbol: string;
  readonly dates: readonly string[];
  readonly close: Float64Array;
}

/** Options of {@linkcode runStress}. */
export interface StressOptions {
  /** Limits for the breach count (the replay itself does not trade on them). */
  readonly limits: RiskLimits;
  /** VaR confidence. @default 0.99 */
  readonly confidence?: number;
  /** @default "historical" */
  readonly varMethod?: VarMethod;
  /** Most returns before the path used for the ex-ante VaR. @default 250 */
  readonly varWindow?: number;
}

/** Outcome of one scenario on one scope (losses and drawdowns as positive fractions). */
export interface StressResult extends PathOutcome {
  readonly name: string;
  readonly kind: string;
  /** A symbol (held alone at 100% of equity) or `"portfolio"` (the given weights). */
  readonly scope: string;
  /**
   * Hypothetical shocks: compounded return of the base window before its drift was
   * removed (the shock acts on demeaned returns); NaN for historical scenarios.
   */
  readonly driftRemoved: number;
  /** Why the scenario was skipped on this scope ("" when it ran). */
  readonly skipped: string;
}

interface Scope {
  readonly name: string;
  readonly panel: PricePanel;
  /** Simple returns per member on the panel's dates (index 0 NaN). */
  readonly returns: readonly Float64Array[];
  readonly weights: Float64Array;
  /** Members whose own history is checked for a historical window. */
  readonly members: readonly StressAsset[];
}

/**
 * Run every scenario on every scope: each symbol alone (100% of equity, its own dates)
 * and, with several symbols, the portfolio at `weights` on the dates all of them share
 * (rebalanced daily: day t's return is sum_i w_i r_i,t, simple close-to-close returns).
 * With one symbol its scope uses `weights[0]`.
 *
 * Historical scenarios replay the returns dated in [start, end] (the first is the move
 * from the close before `start`); a scope runs only when its data (every member's, for
 * the portfolio) starts before `start` and reaches `end`, else the row is skipped with
 * the reason. Hypothetical shocks act on the scope's last `windowDays` returns after
 * removing each asset's mean (see `shockReturns`), so they never read as a gain by
 * construction; the removed drift is reported as `driftRemoved`. `correlation-one` needs
 * two assets (a symbol alone is skipped).
 *
 * VaR is ex ante: estimated from the (at most `varWindow`) returns before the path (the
 * historical window, or the base window of a shock); with fewer than 20 it is NaN and
 * `varNote` says "needs 20 returns, has k".
 *
 * @param assets One entry per symbol, each on its own dates (no NaN closes).
 * @param weights One weight per symbol (fractions of equity).
 * @param scenarios Validated scenarios.
 * @param options Limits, VaR settings.
 * @returns One result per scenario and scope: scenario by scenario, symbols in order
 *   then the portfolio.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runStress } from "./stress.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const a = { symbol: "A", dates: ["2020-02-18", "2020-02-19", "2020-02-20"], close: Float64Array.of(100, 90, 81) };
 * const [r] = runStress([a], [1], [{ name: "x", kind: "historical", start: "2020-02-19", end: "2020-02-20" }], { limits: RiskLimitsSchema.parse({}) });
 * assert.equal(r.scope, "A");
 * assert.ok(Math.abs(r.pnl - -0.19) < 1e-12);
 * assert.ok(Math.abs(r.maxDrawdown - 0.19) < 1e-12);
 * assert.equal(r.varNote, "needs 20 returns, has 0");
 * ```
 */
export function runStress(
  assets: readonly StressAsset[],
  weights: ArrayLike<number>,
  scenarios: readonly StressScenario[],
  options: StressOptions,
): StressResult[] {
  if (weights.length !== assets.length) {
    throw new RangeError(
      `Expected ${assets.length} weights, got ${weights.length}`,
    );
  }
  const alone = aloneWeights(weights);
  const scopes = assets.map((a, i) => scopeOf([a], [alone[i]]));
  if (assets.length > 1) scopes.push(scopeOf(assets, weights));
  return interleaveScopes(
    scopes.map((scope) =>
      scenarios.map((sc) => runScenario(scope, sc, options))
    ),
  );
}

/**
 * The weight each symbol has when stressed alone: 100% of equity, or with one symbol its
 * own weight.
 *
 * @param weights The portfolio's weights.
 * @returns One weight per symbol.
 */
export function aloneWeights(weights: ArrayLike<number>): number[] {
  return Array.from(weights, (w) => weights.length === 1 ? w : 1);
}

/**
 * One scope of {@linkcode runStress}, every scenario: a symbol alone (one member, its
 * weight from {@linkcode aloneWeights}) or the portfolio of several members at
 * `weights`. A queue worker computes a scope as a shard.
 *
 * @param members The scope's assets.
 * @param weights One weight per member.
 * @param scenarios Validated scenarios.
 * @param options Limits, VaR settings.
 * @returns One result per scenario, in scenario order.
 */
export function runStressScope(
  members: readonly StressAsset[],
  weights: ArrayLike<number>,
  scenarios: readonly StressScenario[],
  options: StressOptions,
): StressResult[] {
  const scope = scopeOf(members, weights);
  return scenarios.map((sc) => runScenario(scope, sc, options));
}

/**
 * {@linkcode runStress}'s order from each scope's results: scenario by scenario, the
 * scopes in order (symbols, then the portfolio).
 *
 * @param byScope Each scope's results, in scenario order.
 * @returns The results in runStress's order.
 */
export function interleaveScopes(
  byScope: readonly (readonly StressResult[])[],
): StressResult[] {
  const n = byScope[0]?.length ?? 0;
  return Array.from({ length: n }, (_, k) => byScope.map((r) => r[k])).flat();
}

function scopeOf(
  members: readonly StressAsset[],
  weights: ArrayLike<number>,
): Scope {
  const panel = pricePanel(members), n = panel.dates.length;
  return {
    name: members.length === 1 ? members[0].symbol : PORTFOLIO_SCOPE,
    panel,
    returns: panel.close.map((c) => {
      const r = new Float64Array(n).fill(NaN);
      for (let t = 1; t < n; t++) r[t] = c[t] / c[t - 1] - 1;
      return r;
    }),
    weights: Float64Array.from(weights),
    members,
  };
}

function runScenario(
  scope: Scope,
  sc: StressScenario,
  options: StressOptions,
): StressResult {
  const { panel, weights, returns: R } = scope;
  const m = panel.symbols.length, n = panel.dates.length;
  const port = (cols: readonly Float64Array[], t: number) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += weights[i] * cols[i][t];
    return s;
  };
  const window = options.varWindow ?? STRESS_VAR_WINDOW;
  const book: Record<string, number> = {};
  panel.symbols.forEach((s, i) => (book[s] = weights[i]));
  const settings = {
    limits: options.limits,
    confidence: options.confidence ?? 0.99,
    varMethod: options.varMethod,
  };
  const head = {
    name: sc.name,
    kind: sc.kind ?? "historical",
    scope: scope.name,
  };
  if (sc.kind === "historical") {
    const why = coverage(scope, sc.start, sc.end);
    if (why) return skipped(head, why);
    let a = -1, b = -1;
    for (let t = 1; t < n; t++) {
      if (panel.dates[t] >= sc.start && panel.dates[t] <= sc.end) {
        if (a < 0) a = t;
        b = t;
      }
    }
    const rp = Float64Array.from({ length: b + 1 }, (_, t) => port(R, t));
    return {
      ...head,
      ...evaluatePath(
        rp.slice(a, b + 1),
        panel.dates.slice(a, b + 1),
        rp.slice(Math.max(1, a - window), a),
        book,
        settings,
      ),
      driftRemoved: NaN,
      skipped: "",
    };
  }
  const w = sc.windowDays ?? 252;
  if (sc.kind === "correlation-one" && m < 2) {
    return skipped(head, "one asset: there is no correlation to raise");
  }
  if (n - 1 < w) {
    return skipped(head, `needs ${w} returns, has ${Math.max(0, n - 1)}`);
  }
  const base = R.map((r) => r.slice(n - w));
  const shocked = shockReturns(base, sc).returns;
  const path = Float64Array.from({ length: w }, (_, t) => port(shocked, t));
  const from = Math.max(1, n - w - window);
  const pre = Float64Array.from(
    { length: Math.max(0, n - w - from) },
    (_, k) => port(R, from + k),
  );
  let drift = 1;
  for (let t = 0; t < w; t++) drift *= 1 + port(base, t);
  return {
    ...head,
    ...evaluatePath(path, panel.dates.slice(n - w), pre, book, settings),
    driftRemoved: drift - 1,
    skipped: "",
  };
}

/** Why a scope's data does not cover [start, end] ("" when it does). */
function coverage(scope: Scope, start: string, end: string): string {
  const gaps = scope.members.map((a) => {
    const first = a.dates[0], last = a.dates.at(-1);
    const why = first === undefined || last === undefined || last < start
      ? `no data between ${start} and ${end}`
      : first >= start
      ? `data starts ${first}, after ${start}`
      : last < end
      ? `data ends ${last}, before ${end}`
      : "";
    return why && scope.members.length > 1 ? `${a.symbol}: ${why}` : why;
  }).filter((g) => g !== "");
  if (gaps.length === 0) return "";
  return scope.members.length > 1
    ? `needs every member's data (${gaps.join("; ")})`
    : gaps[0];
}

function skipped(
  head: { name: string; kind: string; scope: string },
  why: string,
): StressResult {
  return {
    ...head,
    start: "",
    end: "",
    days: 0,
    pnl: NaN,
    maxDrawdown: NaN,
    worstDay: NaN,
    worstDayDate: "",
    var: NaN,
    varObservations: 0,
    varNote: "skipped",
    varBreaches: NaN,
    limitBreaches: 0,
    breachRules: [],
    killSwitchDate: "",
    driftRemoved: NaN,
    skipped: why,
  };
}
