/**
 * One walk-forward job at the edge: load bars, check them, clamp the range, run, run the
 * controls, build the manifest, store everything.
 *
 * @module
 */
import type { Bars, RunManifest } from "../_shared/types.ts";
import type { DbEngine } from "../data/engine.ts";
import {
  type ControlsResult,
  type FoldProgress,
  runControls,
  runWalkForward,
  type WalkForwardConfig,
  type WalkForwardResult,
} from "../walkforward/mod.ts";
import { clampRange } from "./clamp_range.ts";
import { buildManifest, hashBars } from "./manifest.ts";
import { saveRun } from "./save_run.ts";

/** Data access and clocks the job needs (the CLI wires lib/data and lib/sanity in). */
export interface JobDeps {
  /** Every stored bar of a symbol (loading built-in samples first when needed). */
  loadBars(symbol: string): Promise<Bars>;
  /** DataSanity in `mode`: the checked (RELAXED: repaired) bars, or a throw (STRICT). */
  checkBars(bars: Bars, mode: "STRICT" | "RELAXED"): Promise<Bars> | Bars;
  /** Milliseconds clock for timings. */
  now(): number;
  /** ISO instant for the manifest. */
  isoNow(): string;
  /** Code version for the manifest (`0.1.0+<git sha>` or `"unknown"`). */
  readonly codeVersion: string;
}

/** What to run. */
export interface JobRequest {
  readonly symbol: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly perfMode: "STRICT" | "RELAXED";
  readonly config: WalkForwardConfig;
  /** Run the adversarial controls too. @default false */
  readonly controls?: boolean;
  readonly onFold?: (p: FoldProgress) => void;
}

/** What a job returns. */
export interface JobResult {
  readonly manifest: RunManifest;
  readonly result: WalkForwardResult;
  readonly controls: ControlsResult | null;
  /** Notes for stderr (clamped dates). */
  readonly notes: readonly string[];
  /** Bars the run used (after clamping and checks). */
  readonly bars: Bars;
}

/**
 * Run and store one walk-forward job.
 *
 * @param db Store for the run (`runs`, `folds`, `oos`).
 * @param request Symbol, date range, sanity mode, config.
 * @param deps Data access and clocks.
 * @returns Manifest, result, controls and notes.
 */
export async function runWalkForwardJob(
  db: DbEngine,
  request: JobRequest,
  deps: JobDeps,
): Promise<JobResult> {
  const startedAt = deps.isoNow();
  const t0 = deps.now();
  const all = await deps.loadBars(request.symbol);
  const { bars: cut, notes } = clampRange(
    all,
    request.startDate,
    request.endDate,
  );
  const bars = await deps.checkBars(cut, request.perfMode);
  const t1 = deps.now();
  const result = runWalkForward(bars, request.config, {
    onFold: request.onFold,
    now: () => deps.now(),
  });
  const t2 = deps.now();
  const controls = request.controls ? runControls(bars, request.config) : null;
  const t3 = deps.now();
  const manifest = buildManifest({
    kind: "walkforward",
    config: {
      ...request.config,
      symbol: request.symbol,
      startDate: bars.dates[0],
      endDate: bars.dates[bars.dates.length - 1],
      perfMode: request.perfMode,
    },
    dataHash: hashBars(bars),
    codeVersion: deps.codeVersion,
    seed: request.config.seed ?? 42,
    startedAt,
    endedAt: deps.isoNow(),
    timings: {
      loadSeconds: (t1 - t0) / 1000,
      walkForwardSeconds: (t2 - t1) / 1000,
      controlsSeconds: (t3 - t2) / 1000,
    },
  });
  await saveRun(db, manifest, result, {
    extraMetrics: controls ? { controls } : {},
  });
  return { manifest, result, controls, notes, bars };
}
