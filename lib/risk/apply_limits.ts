/**
 * Weight-space limit enforcement shared by backtests and paper trading.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import { correlationClusters, type CorrelationInput } from "./clusters.ts";

/** A risk check's answer. */
export type RiskAction = "ALLOW" | "CLIP" | "DENY";

/** What happened to one symbol's target. */
export interface LimitDecision {
  readonly symbol: string;
  readonly action: RiskAction;
  /** Human-readable reason (the first rule that changed the target, or "within limits"). */
  readonly reason: string;
  /** Rule id: "kill-switch", "daily-loss", "no-short", "max-position", "correlation", "max-gross", "max-net", "max-order", or "none". */
  readonly rule: string;
}

/** Portfolio context for {@linkcode applyLimits}. */
export interface LimitState {
  /** Weights held now (after price drift), by symbol; missing = 0. */
  readonly currentWeights?: Readonly<Record<string, number>>;
  /** Kill switch tripped (from the RiskGuard). */
  readonly halted?: boolean;
  /** Daily loss limit hit today (from the RiskGuard). */
  readonly dailyLossHit?: boolean;
  /** Correlations for the concentration limit; omitted = no correlation check. */
  readonly correlation?: CorrelationInput;
}

/** Result of {@linkcode applyLimits}. */
export interface LimitResult {
  readonly weights: Record<string, number>;
  readonly decisions: LimitDecision[];
}

/**
 * Turn target weights into weights that respect the limits. Steps, each only shrinking
 * |w| toward 0 (so a later step never undoes an earlier one):
 * 1. kill switch (halted and flattenOnKill -> 0; halted otherwise -> no increase);
 *    daily loss hit -> no increase of |w| vs the current weight;
 * 2. no shorts (allowShort false -> negative targets become 0);
 * 3. |w_i| <= maxPositionWeight;
 * 4. each correlation cluster: sum |w| <= maxCorrelatedWeight (scaled proportionally);
 * 5. sum |w| <= min(maxGrossExposure, maxLeverage) (scaled proportionally);
 * 6. |sum w| <= maxNetExposure (the dominant side scaled down);
 * 7. exposure-increasing changes |w_i - current_i| <= maxOrderFraction (reductions are
 *    never limited, so a breach can always be cut), then step 6 again.
 * The result satisfies 2-6 whenever the targets could be met by shrinking.
 *
 * @param targetWeights Desired weights by symbol (fractions of equity).
 * @param limits Validated limits.
 * @param state Current weights, guard flags and correlations.
 * @returns Allowed weights and one decision per symbol (ALLOW: unchanged, CLIP: partly
 *   applied, DENY: the requested change was blocked entirely).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyLimits } from "./apply_limits.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const limits = RiskLimitsSchema.parse({ maxPositionWeight: 0.5 });
 * const r = applyLimits({ A: 0.8, B: 0.2 }, limits, {});
 * assert.deepEqual(r.weights, { A: 0.5, B: 0.2 });
 * assert.equal(r.decisions[0].action, "CLIP");
 * ```
 */
export function applyLimits(
  targetWeights: Readonly<Record<string, number>>,
  limits: RiskLimits,
  state: LimitState = {},
): LimitResult {
  const k = workOn(targetWeights, state.currentWeights ?? {});
  for (let i = 0; i < k.symbols.length; i++) {
    guardCap(k, i, state, limits);
    symbolCaps(k, i, limits);
  }
  if (state.correlation) clusterCaps(k, limits, state.correlation);
  const grossCap = Math.min(limits.maxGrossExposure, limits.maxLeverage);
  scaleGroup(
    k.w,
    [...k.symbols.keys()],
    grossCap,
    (i, v) => mark(k, i, "max-gross", `gross exposure above ${grossCap}`, v),
  );
  netCap(k, limits);
  orderCaps(k, limits);
  netCap(k, limits);
  return decide(k.symbols, k.t, k.c, k.w, k.rule, k.why);
}

/** Working state: symbols, current (c), target (t) and allowed (w) weights, the first rule that changed each. */
interface Work {
  readonly symbols: string[];
  readonly c: Float64Array;
  readonly t: Float64Array;
  readonly w: Float64Array;
  readonly rule: string[];
  readonly why: string[];
}

function workOn(
  targetWeights: Readonly<Record<string, number>>,
  cur: Readonly<Record<string, number>>,
): Work {
  const symbols = Object.keys(targetWeights);
  for (const s of Object.keys(cur)) if (!(s in targetWeights)) symbols.push(s);
  const n = symbols.length;
  const c = Float64Array.from(symbols, (s) => finiteOr0(cur[s]));
  const t = Float64Array.from(
    symbols,
    (s) => finiteOr0(targetWeights[s] ?? c[symbols.indexOf(s)]),
  );
  return {
    symbols,
    c,
    t,
    w: Float64Array.from(t),
    rule: new Array(n).fill("none"),
    why: new Array(n).fill("within limits"),
  };
}

/** Set w[i] to v, remembering the first rule that changed it. */
function mark(k: Work, i: number, r: string, reason: string, v: number): void {
  if (Math.abs(v - k.w[i]) > 1e-15 && k.rule[i] === "none") {
    k.rule[i] = r;
    k.why[i] = reason;
  }
  k.w[i] = v;
}

/** No increase of |w| versus the current weight (a sign flip goes to 0). */
function noIncrease(k: Work, i: number, r: string, reason: string): void {
  const v = Math.sign(k.w[i]) === Math.sign(k.c[i])
    ? Math.sign(k.w[i]) * Math.min(Math.abs(k.w[i]), Math.abs(k.c[i]))
    : 0;
  mark(k, i, r, reason, v);
}

/** Step 1: kill switch (flatten or no new risk), daily-loss flag (no new risk). */
function guardCap(
  k: Work,
  i: number,
  state: LimitState,
  limits: RiskLimits,
): void {
  if (state.halted && limits.flattenOnKill) {
    mark(k, i, "kill-switch", "kill switch: drawdown limit hit, flattening", 0);
  } else if (state.halted) {
    noIncrease(
      k,
      i,
      "kill-switch",
      "kill switch: drawdown limit hit, no new risk",
    );
  } else if (state.dailyLossHit) {
    noIncrease(k, i, "daily-loss", "daily loss limit hit, no new risk today");
  }
}

/** Steps 2-3: no shorts, |w_i| <= maxPositionWeight. */
function symbolCaps(k: Work, i: number, limits: RiskLimits): void {
  if (!limits.allowShort && k.w[i] < 0) {
    mark(k, i, "no-short", "shorts not allowed", 0);
  }
  const cap = limits.maxPositionWeight;
  if (Math.abs(k.w[i]) > cap) {
    mark(
      k,
      i,
      "max-position",
      `|weight| above maxPositionWeight ${cap}`,
      Math.sign(k.w[i]) * cap,
    );
  }
}

/** Step 4: each correlation cluster's sum |w| <= maxCorrelatedWeight. */
function clusterCaps(
  k: Work,
  limits: RiskLimits,
  correlation: CorrelationInput,
): void {
  for (
    const cl of correlationClusters(correlation, limits.correlationThreshold)
  ) {
    const idx = cl.map((s) => k.symbols.indexOf(s)).filter((i) => i >= 0);
    const reason = `cluster ${
      cl.join("+")
    } above maxCorrelatedWeight ${limits.maxCorrelatedWeight}`;
    scaleGroup(
      k.w,
      idx,
      limits.maxCorrelatedWeight,
      (i, v) => mark(k, i, "correlation", reason, v),
    );
  }
}

/** Step 6: |sum w| <= maxNetExposure. */
function netCap(k: Work, limits: RiskLimits): void {
  capNet(
    k.w,
    limits.maxNetExposure,
    (i, v) =>
      mark(
        k,
        i,
        "max-net",
        `net exposure above maxNetExposure ${limits.maxNetExposure}`,
        v,
      ),
  );
}

/** Step 7: exposure-increasing changes |w_i - c_i| <= maxOrderFraction. */
function orderCaps(k: Work, limits: RiskLimits): void {
  const mo = limits.maxOrderFraction;
  for (let i = 0; i < k.symbols.length; i++) {
    const { w, c } = k;
    const up = Math.sign(w[i]) !== Math.sign(c[i])
      ? Math.abs(w[i])
      : Math.abs(w[i]) - Math.abs(c[i]);
    if (up <= mo + 1e-15) continue;
    const base = Math.sign(w[i]) === Math.sign(c[i]) ? Math.abs(c[i]) : 0;
    mark(
      k,
      i,
      "max-order",
      `order above maxOrderFraction ${mo}`,
      Math.sign(w[i]) * (base + mo),
    );
  }
}

function finiteOr0(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : 0;
}

function scaleGroup(
  w: Float64Array,
  idx: number[],
  cap: number,
  set: (i: number, v: number) => void,
): void {
  let g = 0;
  for (const i of idx) g += Math.abs(w[i]);
  if (g <= cap * (1 + 1e-12)) return;
  const k = cap / g;
  for (const i of idx) set(i, w[i] * k);
}

function capNet(
  w: Float64Array,
  cap: number,
  set: (i: number, v: number) => void,
): void {
  let long = 0, short = 0;
  for (const v of w) v > 0 ? (long += v) : (short -= v);
  const net = long - short;
  if (Math.abs(net) <= cap * (1 + 1e-12)) return;
  // shrink the dominant side so that |long - short| = cap
  const k = net > 0 ? (short + cap) / long : (long + cap) / short;
  for (let i = 0; i < w.length; i++) {
    if ((net > 0 && w[i] > 0) || (net < 0 && w[i] < 0)) set(i, w[i] * k);
  }
}

function decide(
  symbols: string[],
  t: Float64Array,
  c: Float64Array,
  w: Float64Array,
  rule: string[],
  why: string[],
): LimitResult {
  const weights: Record<string, number> = {};
  const decisions: LimitDecision[] = [];
  symbols.forEach((s, i) => {
    weights[s] = w[i] === 0 ? 0 : w[i];
    const changed = Math.abs(w[i] - t[i]) > 1e-12;
    const action: RiskAction = !changed
      ? "ALLOW"
      : Math.abs(w[i] - c[i]) <= 1e-12 && Math.abs(t[i] - c[i]) > 1e-12
      ? "DENY"
      : "CLIP";
    decisions.push({
      symbol: s,
      action,
      reason: changed ? why[i] : "within limits",
      rule: changed ? rule[i] : "none",
    });
  });
  return { weights, decisions };
}
