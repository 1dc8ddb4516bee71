/**
 * Adversarial controls: the same walk-forward on data that carries no exploitable edge.
 * If any of them shows an edge, the pipeline leaks (DESIGN: controls ship with research).
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { runBacktest } from "../backtest/mod.ts";
import { sharpeRatio } from "../metrics/mod.ts";
import { completeWalkForwardConfig } from "./config.ts";
import {
  blockBootstrapBars,
  randomWalkBars,
  shiftedLabels,
  shuffledLabels,
} from "./control_data.ts";
import { forwardLogReturns } from "./labels.ts";
import { runWalkForward } from "./run_walk_forward.ts";
import type { WalkForwardConfig } from "./types.ts";

/** The kinds of control, in the order they run. */
export const CONTROL_KINDS = [
  "shuffled",
  "shifted",
  "bootstrap",
  "synthetic",
] as const;

/** What each control kind does to the run, in one line (reports show it). */
export const CONTROL_DESCRIPTIONS: Readonly<
  Record<(typeof CONTROL_KINDS)[number], string>
> = {
  shuffled: "training labels permuted across the labelled rows",
  shifted:
    "training labels shifted by a random block of at least a year (circular)",
  bootstrap:
    "the model trained and predicting on a block-bootstrapped price path (21-day blocks), its positions traded on the real returns",
  synthetic: "a driftless random walk with the real volatility",
};

/** One control run. */
export interface ControlRun {
  readonly kind: (typeof CONTROL_KINDS)[number];
  /** Seed of the shuffle, shift, bootstrap or random walk. */
  readonly seed: number;
  readonly days: number;
  readonly sharpe: number;
  readonly totalReturn: number;
  /** `sharpe / sqrt(252) * sqrt(days)`: the t statistic of the mean daily return. */
  readonly tStat: number;
  /** Whether this run counts in the verdict (every control does). */
  readonly gated: boolean;
}

/** All controls of a config, and the verdict. */
export interface ControlsResult {
  readonly runs: readonly ControlRun[];
  /** Largest |t| allowed before a control counts as an edge. */
  readonly maxAbsT: number;
  /** True when every gated control has |t| < maxAbsT (a NaN t fails: gates fail closed). */
  readonly noEdge: boolean;
}

/** Options of {@linkcode runControls}. */
export interface ControlsOptions {
  /** Seeds of each kind of control. @default [1, 2, 3] */
  readonly seeds?: readonly number[];
  /** |t| threshold of the verdict. @default 3 */
  readonly maxAbsT?: number;
}

/**
 * Run the controls of `config` on `bars`, each with every seed. Their expected edge on
 * the real returns is zero, so an honest pipeline shows |t| of the mean OOS return below
 * `maxAbsT` on all of them (beyond the market drift a long bias earns):
 * - `shuffled`: training labels permuted across all labelled rows; features and traded
 *   returns real;
 * - `shifted`: training labels circularly shifted by a random block of at least 252 rows,
 *   keeping their own dependence but breaking their link with the features;
 * - `bootstrap`: the whole walk-forward run on a circular block bootstrap of the real
 *   returns (21-day blocks), its positions then traded on the real returns of the same
 *   days with the same costs: realistic signals, independent of the real path;
 * - `synthetic`: a driftless Gaussian random walk with the sample std of the real daily
 *   log returns, real volumes.
 * (Reversed real time is no control: markets are not time-reversible, the leverage
 * effect gives reversed volatility a real edge.)
 *
 * @param bars The bars of the real run.
 * @param config The walk-forward config under test.
 * @param options Seeds and threshold.
 * @returns Every control run and the verdict.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { runControls, w1Config } from "./mod.ts";
 * const c = runControls(await readSampleBars("AAPL"), w1Config, { seeds: [1] });
 * assert.deepEqual(c.runs.map((r) => r.kind), ["shuffled", "shifted", "bootstrap", "synthetic"]);
 * ```
 */
export function runControls(
  bars: Bars,
  config: WalkForwardConfig,
  options: ControlsOptions = {},
): ControlsResult {
  const seeds = options.seeds ?? [1, 2, 3];
  const maxAbsT = options.maxAbsT ?? 3;
  const h = completeWalkForwardConfig(config).labelHorizon;
  const y = forwardLogReturns(bars.close, h);
  const runs: ControlRun[] = [];
  for (const seed of seeds) {
    runs.push(
      control("shuffled", seed, bars, config, shuffledLabels(y, seed)),
      control("shifted", seed, bars, config, shiftedLabels(y, seed)),
      bootstrapControl(seed, bars, config),
      control("synthetic", seed, randomWalkBars(bars, seed), config),
    );
  }
  return Object.freeze({
    runs,
    maxAbsT,
    noEdge: runs.every((r) => !r.gated || Math.abs(r.tStat) < maxAbsT),
  });
}

function control(
  kind: ControlRun["kind"],
  seed: number,
  bars: Bars,
  config: WalkForwardConfig,
  labels?: Float64Array,
): ControlRun {
  const m = runWalkForward(bars, config, { labels }).metrics;
  return outcome(kind, seed, m.days, m.sharpe, m.totalReturn);
}

/** The bootstrap control: positions from the bootstrapped run, P&L on the real bars. */
function bootstrapControl(
  seed: number,
  bars: Bars,
  config: WalkForwardConfig,
): ControlRun {
  const boot = runWalkForward(blockBootstrapBars(bars, seed), config).oos;
  const fwd = Float64Array.from(
    boot.rows,
    (r) => bars.close[r + 1] / bars.close[r] - 1,
  );
  const bt = runBacktest({ forwardReturns: fwd }, boot.positions, {
    costBps: completeWalkForwardConfig(config).costBps,
  });
  let eq = 1;
  for (const r of bt.netReturns) eq *= 1 + r;
  return outcome(
    "bootstrap",
    seed,
    bt.netReturns.length,
    sharpeRatio(bt.netReturns),
    eq - 1,
  );
}

function outcome(
  kind: ControlRun["kind"],
  seed: number,
  days: number,
  sharpe: number,
  totalReturn: number,
): ControlRun {
  return Object.freeze({
    kind,
    seed,
    days,
    sharpe,
    totalReturn,
    tStat: (sharpe / Math.sqrt(252)) * Math.sqrt(days),
    gated: true,
  });
}
