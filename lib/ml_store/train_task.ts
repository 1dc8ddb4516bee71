/**
 * The `train` task's body, independent of how the database and bars were obtained:
 * build the dataset, load compatible checkpoints, run training (warm and cold), persist
 * the run, and return a JSON-ready summary.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { hashColumns } from "../_shared/hash.ts";
import type { DbEngine } from "../data/engine.ts";
import {
  barsDataset,
  runTraining,
  type TrainingResult,
  type TrainingSettings,
} from "../ml/mod.ts";
import { loadCheckpoints } from "./load.ts";
import { saveTrainingRun } from "./save_run.ts";

/** Inputs of {@linkcode trainSymbol} besides the bars. */
export interface TrainTaskEnv {
  /** Database to load checkpoints from / persist to; null = no persistence, no warm start from runs. */
  readonly db: DbEngine | null;
  /** Persist the run (needs `db`). */
  readonly persist: boolean;
  /** Clock: ISO instant now. */
  readonly nowIso: () => string;
  /** Clock in ms for timings. */
  readonly nowMs: () => number;
  /** Code version for the manifest (`deno.json` version + git commit). */
  readonly codeVersion: string;
}

/** JSON-ready summary of one symbol's training run. */
export interface TrainSummary {
  readonly runId: string;
  readonly symbol: string;
  readonly model: string;
  readonly rows: number;
  readonly folds: number;
  readonly firstTestDate: string;
  readonly lastTestDate: string;
  readonly oos: TrainingResult["oos"];
  readonly stableShare: number;
  readonly targetShare: number;
  readonly stablePass: boolean;
  readonly meanRankSpearman: number;
  readonly stableFeatures: string[];
  readonly unstableFeatures: string[];
  readonly nullStableShare: number | null;
  readonly warmStartFrom: string[];
  readonly warmEffect: {
    readonly warm: TrainingResult["oos"];
    readonly cold: TrainingResult["oos"];
  } | null;
  readonly persisted: boolean;
  readonly seconds: number;
}

/**
 * Train one symbol and (optionally) persist it. The run id is
 * `train-<yyyymmddThhmmssSSS>-<8 hex of config + data hash>` (milliseconds, so two runs
 * started within one second get different ids).
 *
 * @param bars The symbol's bars (already restricted to the date range).
 * @param settings Training settings (model, windows, warm start, selection).
 * @param env Database, clocks and code version.
 * @returns The summary printed by the task.
 */
export async function trainSymbol(
  bars: Bars,
  settings: TrainingSettings,
  env: TrainTaskEnv,
): Promise<TrainSummary> {
  const startedAt = env.nowIso(), t0 = env.nowMs();
  const data = barsDataset(bars);
  const checkpoints = settings.warmStart && env.db
    ? await loadCheckpoints(env.db, {
      symbol: bars.symbol,
      model: settings.model,
    })
    : [];
  const result = runTraining(data, settings, { checkpoints, now: env.nowMs });
  const dataHash = hashColumns([bars.symbol, bars.dates.join(","), bars.close]);
  const config = {
    symbol: bars.symbol,
    ...settings,
    start: bars.dates[0],
    end: bars.dates[bars.dates.length - 1],
  };
  const runId = `train-${startedAt.replace(/[-:.]/g, "").slice(0, 18)}-${
    hashColumns([JSON.stringify(config), dataHash]).slice(0, 8)
  }`;
  const st = result.stability;
  const summary = {
    runId,
    symbol: bars.symbol,
    model: settings.model,
    rows: data.x.rows,
    folds: result.fits.length,
    firstTestDate: data.dates[result.folds[0].testStart],
    lastTestDate: data.dates[result.folds[result.folds.length - 1].testEnd],
    oos: result.oos,
    stableShare: st.stableShare,
    targetShare: st.targetShare,
    stablePass: st.pass,
    meanRankSpearman: st.meanRankSpearman,
    stableFeatures: st.features.filter((f) => f.stable).map((f) => f.feature),
    unstableFeatures: st.features.filter((f) => !f.stable).map((f) =>
      f.feature
    ),
    nullStableShare: result.stabilityNull?.meanStableShare ?? null,
    warmStartFrom: result.warmStartFrom,
    warmEffect: result.warmEffect
      ? { warm: result.warmEffect.warm, cold: result.warmEffect.cold }
      : null,
    persisted: false,
    seconds: (env.nowMs() - t0) / 1000,
  };
  if (env.persist) {
    if (!env.db) {
      throw new Error("Cannot persist the training run: no database is open");
    }
    await saveTrainingRun(env.db, {
      runId,
      symbol: bars.symbol,
      model: settings.model,
      config,
      dataHash,
      codeVersion: env.codeVersion,
      seed: settings.seed ?? 42,
      startedAt,
      endedAt: env.nowIso(),
      warmStartFrom: result.warmStartFrom.length > 0
        ? result.warmStartFrom.join(",")
        : null,
      summary: JSON.parse(
        JSON.stringify(
          summary,
          (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
        ),
      ),
    }, result.fits);
    return { ...summary, persisted: true };
  }
  return summary;
}
