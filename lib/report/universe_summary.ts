/**
 * What a universe run says once the multiple testing is counted: the spread of the
 * per-symbol out-of-sample Sharpe ratios, the Sharpe the best of N symbols reaches with
 * no skill at all, and the deflated Sharpe of the best and worst symbols.
 *
 * @module
 */
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  probabilisticSharpeRatio,
} from "../metrics/mod.ts";

/** One symbol's figures, as stored (annualised Sharpe, 252 days a year). */
export interface UniverseSymbolFigures {
  readonly symbol: string;
  readonly sharpe: number;
  readonly totalReturn: number;
  /** Negative fraction (empyrical convention). */
  readonly maxDrawdown: number;
  readonly oosDays: number;
  /** Skewness and excess kurtosis of its daily OOS returns. @default 0 (normal) */
  readonly skew?: number;
  readonly excessKurtosis?: number;
}

/** A ranked symbol with its probabilistic and deflated Sharpe. */
export interface RankedSymbol extends UniverseSymbolFigures {
  /** P(true Sharpe > 0) given its track (Bailey & Lopez de Prado 2012). */
  readonly psr: number;
  /** P(true Sharpe > the expected maximum of N zero-skill Sharpe ratios). */
  readonly dsr: number;
}

/** The universe in numbers. */
export interface UniverseSummary {
  /** Symbols with a finite Sharpe (N of the multiple-testing figures). */
  readonly n: number;
  readonly failed: number;
  /** Median out-of-sample days per symbol (T). */
  readonly days: number;
  readonly sharpe: {
    readonly min: number;
    readonly q25: number;
    readonly median: number;
    readonly q75: number;
    readonly max: number;
    readonly mean: number;
    /** Sample std across symbols (ddof 1). */
    readonly std: number;
  };
  /** Share of symbols with a positive Sharpe. */
  readonly positive: number;
  /**
   * Expected maximum annualised Sharpe of N strategies with no edge over T days:
   * `expectedMaxSharpe(N, 252 / T)` (the Sharpe of a zero-edge strategy over T days has
   * variance about 1/T per day, 252/T annualised; Bailey & Lopez de Prado 2014).
   */
  readonly nullMax: number;
  /** The same null's standard deviation of one symbol's Sharpe, sqrt(252 / T). */
  readonly nullStd: number;
  readonly top: readonly RankedSymbol[];
  readonly bottom: readonly RankedSymbol[];
}

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p, lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
}

/**
 * Summarise a universe run's per-symbol figures.
 *
 * @param figures One entry per symbol that ran (NaN Sharpe ratios are left out of N).
 * @param options `top`: rows of the top and bottom tables (default 10); `failed`: symbols
 *   that did not run.
 * @returns The summary; the deflated Sharpe uses N = the symbols with a Sharpe and the
 *   variance of their Sharpe ratios (so the DSR of the best symbol asks whether it beats
 *   the best of N draws like these).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summariseUniverse } from "./universe_summary.ts";
 * const f = Array.from({ length: 500 }, (_, i) => ({ symbol: `S${i}`, sharpe: (i - 250) / 500, totalReturn: 0, maxDrawdown: -0.1, oosDays: 4599 }));
 * const s = summariseUniverse(f);
 * assert.equal(s.n, 500);
 * assert.ok(s.nullMax > 0.6 && s.nullMax < 0.75); // ~2.9 null std devs of 0.234
 * assert.equal(s.top[0].symbol, "S499");
 * ```
 */
export function summariseUniverse(
  figures: readonly UniverseSymbolFigures[],
  options: { readonly top?: number; readonly failed?: number } = {},
): UniverseSummary {
  const ok = figures.filter((f) => Number.isFinite(f.sharpe));
  const n = ok.length, k = options.top ?? 10;
  const s = ok.map((f) => f.sharpe).sort((a, b) => a - b);
  const days = quantile(ok.map((f) => f.oosDays).sort((a, b) => a - b), 0.5);
  const mean = n ? s.reduce((a, v) => a + v, 0) / n : NaN;
  const std = n > 1
    ? Math.sqrt(s.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))
    : NaN;
  const nullStd = days >= 2 ? Math.sqrt(252 / days) : NaN;
  const nullMax = n >= 1 && days >= 2 ? expectedMaxSharpe(n, 252 / days) : NaN;
  const trials = Float64Array.from(s);
  const rank = (f: UniverseSymbolFigures): RankedSymbol => {
    const o = {
      nObs: f.oosDays,
      skew: f.skew ?? 0,
      excessKurtosis: f.excessKurtosis ?? 0,
      annualized: true,
    };
    const ready = f.oosDays >= 2;
    return {
      ...f,
      psr: ready ? probabilisticSharpeRatio(f.sharpe, o) : NaN,
      dsr: ready && n >= 2
        ? deflatedSharpeRatio(f.sharpe, { ...o, trials }).dsr
        : NaN,
    };
  };
  const byDesc = [...ok].sort((a, b) => b.sharpe - a.sharpe);
  return {
    n,
    failed: options.failed ?? 0,
    days,
    sharpe: {
      min: s[0] ?? NaN,
      q25: quantile(s, 0.25),
      median: quantile(s, 0.5),
      q75: quantile(s, 0.75),
      max: s[n - 1] ?? NaN,
      mean,
      std,
    },
    positive: n ? s.filter((v) => v > 0).length / n : NaN,
    nullMax,
    nullStd,
    top: byDesc.slice(0, k).map(rank),
    bottom: byDesc.slice(Math.max(k, n - k)).reverse().map(rank),
  };
}
