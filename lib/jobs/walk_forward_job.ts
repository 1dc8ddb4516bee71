/**
 * The walk-forward job: load a symbol's bars from the store, clamp the date range, run
 * DataSanity in the job's mode, run the walk-forward (and, on request, the adversarial
 * controls), build the manifest and store the run. What `deno task walkforward`,
 * `deno task multi-symbol`, the demo and notebooks call.
 *
 * @module
 */
import { buildManifest, hashBars } from "../_shared/manifest.ts";
import type { Bars, RunManifest } from "../_shared/types.ts";
import { clampRange, type DbEngine } from "../data/mod.ts";
import { saveRun } from "../store/mod.ts";
import {
  type CompleteWalkForwardConfig,
  type ControlsResult,
  type FoldProgress,
  runControls,
  runWalkForward,
  type WalkForwardResult,
} from "../walkforward/mod.ts";
import {
  type CheckedBars,
  storeJobDeps,
  type WalkForwardJobDeps,
} from "./_job_deps.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import {
  type DataSanityRecord,
  type SanityPolicy,
  STRICT_SANITY,
} from "./data_sanity_gate.ts";

/** The stored record of a summary (without the symbol and timing). */
function recordOf(s: SanitySummary): DataSanityRecord {
  const { symbol: _, seconds: __, ...record } = s;
  return record;
}

/** What to run: a complete config, every default already resolved. */
export interface WalkForwardJobConfig {
  readonly symbol: string;
  /** First date wanted (clamped to the data, with a note). @default the first bar */
  readonly startDate?: string;
  /** Last date wanted (clamped to the data, with a note). @default the last bar */
  readonly endDate?: string;
  /** The DataSanity gate over the run's bars. @default STRICT */
  readonly sanity?: SanityPolicy;
  /** The walk-forward itself. */
  readonly config: CompleteWalkForwardConfig;
  /** Run the adversarial controls too (stored with the run's metrics). */
  readonly controls: boolean;
}

/** Hooks of a walk-forward job that are not part of its config. */
export interface WalkForwardJobOptions {
  /** Progress after each fold. */
  readonly onFold?: (p: FoldProgress) => void;
  /** Data access and clocks. @default the store's ({@linkcode storeJobDeps}) */
  readonly deps?: WalkForwardJobDeps;
}

/** What a walk-forward job returns. */
export interface WalkForwardJobResult {
  readonly manifest: RunManifest;
  readonly result: WalkForwardResult;
  readonly controls: ControlsResult | null;
  /** Notes for stderr (clamped dates). */
  readonly notes: readonly string[];
  /** Bars the run used (after clamping and checks). */
  readonly bars: Bars;
  /** What DataSanity did (null when the deps do not report it). */
  readonly sanity: SanitySummary | null;
}

/**
 * Run and store one walk-forward job. Nothing is stored when a step fails.
 *
 * @param db Store for the run (`runs`, `folds`, `oos`).
 * @param job Symbol, date range, sanity mode, config.
 * @param options Progress callback and dependencies.
 * @returns Manifest, result, controls, notes and the sanity summary.
 */
export async function runWalkForwardJob(
  db: DbEngine,
  job: WalkForwardJobConfig,
  options: WalkForwardJobOptions = {},
): Promise<WalkForwardJobResult> {
  const deps = options.deps ?? await storeJobDeps(db);
  const startedAt = deps.isoNow();
  const t0 = deps.now();
  const all = await deps.loadBars(job.symbol);
  const { bars: cut, notes } = clampRange(all, job.startDate, job.endDate);
  const policy = job.sanity ?? STRICT_SANITY;
  const checked: CheckedBars = await deps.checkBars(cut, policy);
  const bars = checked.bars;
  const t1 = deps.now();
  const result = runWalkForward(bars, job.config, {
    onFold: options.onFold,
    now: () => deps.now(),
  });
  const t2 = deps.now();
  const controls = job.controls ? runControls(bars, job.config) : null;
  const t3 = deps.now();
  const manifest = buildManifest({
    kind: "walkforward",
    config: {
      ...job.config,
      symbol: job.symbol,
      startDate: bars.dates[0],
      endDate: bars.dates[bars.dates.length - 1],
      perfMode: policy.mode.toUpperCase(),
      ...(checked.sanity ? { dataSanity: recordOf(checked.sanity) } : {}),
    },
    dataHash: hashBars(bars),
    codeVersion: deps.codeVersion,
    seed: job.config.seed,
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
  return { manifest, result, controls, notes, bars, sanity: checked.sanity };
}
