/**
 * What a walk-forward strategy run reports per ensemble method or regime-aware variant:
 * out-of-sample statistics, and each ensemble component's share of the P&L.
 *
 * @module
 */

/** Out-of-sample statistics of one return series (simple daily returns, net of costs). */
export interface OosStats {
  readonly days: number;
  readonly sharpe: number;
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly totalReturn: number;
  /** Negative fraction (-0.2 = 20 % below the peak). */
  readonly maxDrawdown: number;
}

/** One ensemble method or regime-aware variant of a run, ready to store. */
export interface StrategyRunSummary {
  readonly kind: "ensemble" | "regime";
  /** Weighting method (`equal`, ...) or variant name (`momentum_vol_scaled`, ...). */
  readonly name: string;
  readonly stats: OosStats;
  readonly oosStart: string;
  readonly oosEnd: string;
  readonly folds: number;
  /** Changes of the regime label over the OOS rows (null when no regime is used). */
  readonly regimeTransitions: number | null;
  /** Per-fold details (weights, regime choices), stored as JSON text. */
  readonly detail: unknown;
}

/** One ensemble component's contribution, ready to store. */
export interface ComponentSummary {
  readonly method: string;
  readonly component: string;
  /** Sum over OOS rows of w_fold * r_component (simple-return P&L units). */
  readonly pnl: number;
  /** pnl / ensemble total P&L (NaN when the total is 0). */
  readonly share: number;
  readonly meanWeight: number;
  /** The component's own Sharpe over the same OOS rows. */
  readonly oosSharpe: number;
}
