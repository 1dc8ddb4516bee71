/**
 * Monitoring rules evaluated after every bar of a session: drawdown, daily loss, limit
 * usage, stale or failing data, performance degradation against the backtest's
 * expectation, and anomalies (return z-score, CUSUM on P&L).
 *
 * Rules fire on the bar their condition becomes true (edge-triggered) and re-arm when it
 * clears, so a long drawdown raises one alert, not one per bar. The monitor state is plain
 * JSON and lives in the session checkpoint.
 *
 * @module
 */

/** Thresholds of the alert rules; every field has a default. */
export interface AlertRules {
  /** Alert when drawdown from peak equity exceeds this positive fraction. @default 0.05 */
  drawdown: number;
  /** Alert when one bar loses more than this fraction of equity. @default 0.02 */
  dailyLoss: number;
  /** Alert when any limit is used above this share of its maximum. @default 0.8 */
  limitUsage: number;
  /** Alert when the next bar is more than this many weekdays after the last. @default 3 */
  staleBars: number;
  /** Rolling window (bars) of the degradation checks. @default 63 */
  window: number;
  /** Alert when rolling annualised Sharpe falls this far below the expectation. @default 1.5 */
  sharpeShortfall: number;
  /** Alert when |return z-score| against the trailing window exceeds this. @default 4 */
  zScore: number;
  /** CUSUM decision threshold, in units of the expected per-bar std. @default 5 */
  cusumH: number;
  /** CUSUM allowance (slack), in units of the expected per-bar std. @default 0.5 */
  cusumK: number;
}

/** Defaults of {@linkcode AlertRules}. */
export const DEFAULT_ALERT_RULES: AlertRules = {
  drawdown: 0.05,
  dailyLoss: 0.02,
  limitUsage: 0.8,
  staleBars: 3,
  window: 63,
  sharpeShortfall: 1.5,
  zScore: 4,
  cusumH: 5,
  cusumK: 0.5,
};

/** The backtest's expectation the session is measured against (per bar, simple returns). */
export interface Expectation {
  readonly meanReturn: number;
  readonly stdReturn: number;
}

/** What the monitor sees after a bar. */
export interface MonitorInput {
  readonly date: string;
  readonly previousDate?: string;
  readonly equity: number;
  /** Simple return of equity over the bar. */
  readonly ret: number;
  /** Usage of each limit as a share of its maximum, e.g. `{ gross: 0.6 }`. */
  readonly limitUsage: Readonly<Record<string, number>>;
  /** Data problems found on this bar (empty when clean). */
  readonly dataIssues: readonly string[];
}

/** One alert. */
export interface Alert {
  readonly date: string;
  readonly rule: string;
  readonly severity: "info" | "warning" | "critical";
  readonly message: string;
  readonly value: number;
  readonly threshold: number;
}

/** Monitor state carried between bars (plain JSON). */
export interface MonitorState {
  peak: number;
  returns: number[];
  cusumLow: number;
  active: Record<string, boolean>;
}

/** A fresh monitor state. */
export function createMonitorState(): MonitorState {
  return { peak: 0, returns: [], cusumLow: 0, active: {} };
}

function weekdaysBetween(a: string, b: string): number {
  const d0 = Date.parse(a + "T00:00:00Z"), d1 = Date.parse(b + "T00:00:00Z");
  let n = 0;
  for (let t = d0 + 86400000; t <= d1; t += 86400000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** Edge trigger: records an alert when a rule turns on, re-arms when it turns off. */
type Edge = (
  rule: string,
  on: boolean,
  severity: Alert["severity"],
  message: string,
  value: number,
  threshold: number,
) => void;

/**
 * Evaluate every rule for one bar; mutates `state` and returns the alerts that fire.
 *
 * Conventions: drawdown and loss thresholds are positive fractions; Sharpe is annualised
 * with 252 bars a year and sample std (n-1); the z-score uses the trailing window before
 * this bar; CUSUM accumulates `min(0, s + (r - mean)/std + k)` and fires below `-h`.
 *
 * @param state Monitor state (mutated).
 * @param input The bar's equity, return, limit usage and data problems.
 * @param rules Thresholds. @default DEFAULT_ALERT_RULES
 * @param expectation The backtest's per-bar mean and std, for the degradation rules.
 * @returns The alerts that fired on this bar.
 */
export function evaluateAlerts(
  state: MonitorState,
  input: MonitorInput,
  rules: AlertRules = DEFAULT_ALERT_RULES,
  expectation?: Expectation,
): Alert[] {
  const out: Alert[] = [];
  const edge: Edge = (rule, on, severity, message, value, threshold) => {
    if (on && !state.active[rule]) {
      out.push({ date: input.date, rule, severity, message, value, threshold });
    }
    state.active[rule] = on;
  };
  lossRules(state, input, rules, edge);
  limitRules(input, rules, edge);
  dataRules(input, rules, edge);
  zScoreRule(state, input, rules, edge);
  state.returns.push(input.ret);
  if (state.returns.length > rules.window) state.returns.shift();
  if (expectation && expectation.stdReturn > 0) {
    expectationRules(state, input, rules, expectation, edge);
  }
  return out;
}

/** Drawdown from the running peak, and the loss of one bar. */
function lossRules(
  state: MonitorState,
  input: MonitorInput,
  rules: AlertRules,
  edge: Edge,
): void {
  state.peak = Math.max(state.peak, input.equity);
  const dd = state.peak > 0 ? 1 - input.equity / state.peak : 0;
  edge(
    "drawdown",
    dd > rules.drawdown,
    "critical",
    `Drawdown ${(dd * 100).toFixed(2)}% exceeds ${
      (rules.drawdown * 100).toFixed(2)
    }%`,
    dd,
    rules.drawdown,
  );
  edge(
    "daily_loss",
    -input.ret > rules.dailyLoss,
    "critical",
    `Loss of ${(-input.ret * 100).toFixed(2)}% in one bar exceeds ${
      (rules.dailyLoss * 100).toFixed(2)
    }%`,
    -input.ret,
    rules.dailyLoss,
  );
}

/** Each limit used above `limitUsage` of its maximum. */
function limitRules(input: MonitorInput, rules: AlertRules, edge: Edge): void {
  for (const [name, usage] of Object.entries(input.limitUsage)) {
    edge(
      `limit_usage:${name}`,
      usage > rules.limitUsage,
      "warning",
      `Limit "${name}" used at ${(usage * 100).toFixed(0)}% of its maximum`,
      usage,
      rules.limitUsage,
    );
  }
}

/** A gap of more than `staleBars` weekdays, and bars the data check rejected. */
function dataRules(input: MonitorInput, rules: AlertRules, edge: Edge): void {
  const gap = input.previousDate
    ? weekdaysBetween(input.previousDate, input.date)
    : 1;
  edge(
    "stale_data",
    gap > rules.staleBars,
    "warning",
    `No data for ${gap - 1} weekdays before ${input.date}`,
    gap,
    rules.staleBars,
  );
  edge(
    "data_quality",
    input.dataIssues.length > 0,
    "critical",
    `Data problems: ${input.dataIssues.join("; ")}`,
    input.dataIssues.length,
    0,
  );
}

function meanStd(xs: readonly number[]): { m: number; sd: number } {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(
    xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1),
  );
  return { m, sd };
}

/** The bar's return against the trailing window before it (20 bars at least). */
function zScoreRule(
  state: MonitorState,
  input: MonitorInput,
  rules: AlertRules,
  edge: Edge,
): void {
  const w = state.returns.slice(-rules.window);
  if (w.length < 20) return;
  const { m, sd } = meanStd(w);
  const z = sd > 0 ? (input.ret - m) / sd : 0;
  edge(
    "return_zscore",
    Math.abs(z) > rules.zScore,
    "warning",
    `Return z-score ${z.toFixed(2)} against the last ${w.length} bars`,
    z,
    rules.zScore,
  );
}

/** CUSUM of standardised P&L against the backtest, and rolling Sharpe shortfall. */
function expectationRules(
  state: MonitorState,
  input: MonitorInput,
  rules: AlertRules,
  expectation: Expectation,
  edge: Edge,
): void {
  const zc = (input.ret - expectation.meanReturn) / expectation.stdReturn;
  state.cusumLow = Math.min(0, state.cusumLow + zc + rules.cusumK);
  edge(
    "cusum_pnl",
    state.cusumLow < -rules.cusumH,
    "warning",
    `CUSUM of P&L ${
      state.cusumLow.toFixed(2)
    } below -${rules.cusumH}: returns persistently under the backtest's`,
    state.cusumLow,
    -rules.cusumH,
  );
  if (state.returns.length < rules.window) return;
  const { m, sd } = meanStd(state.returns);
  const sharpe = sd > 0 ? (m / sd) * Math.sqrt(252) : 0;
  const expected = (expectation.meanReturn / expectation.stdReturn) *
    Math.sqrt(252);
  edge(
    "sharpe_degradation",
    sharpe < expected - rules.sharpeShortfall,
    "warning",
    `Rolling Sharpe ${sharpe.toFixed(2)} is ${
      (expected - sharpe).toFixed(2)
    } below the backtest's ${expected.toFixed(2)}`,
    sharpe,
    expected - rules.sharpeShortfall,
  );
}
