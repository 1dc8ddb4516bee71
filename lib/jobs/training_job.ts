/**
 * The training job: load a symbol's bars from the store, build the dataset, load
 * compatible checkpoints (warm start), run training (warm and cold), persist the run and
 * return a JSON-ready summary. What `deno task train`, the demo and notebooks call.
 *
 * @module
 */
import { makeRunId, runKey } from "../_shared/manifest.ts";
import { hashColumns } from "../_shared/hash.ts";
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  barsDataset,
  type NullBand,
  runTraining,
  stabilityVerdict,
  type TrainingResult,
  type TrainingSettings,
} from "../ml/mod.ts";
import {
  jsonText,
  listTrainingRuns,
  loadCheckpoints,
  saveTrainingRun,
} from "../store/mod.ts";
import { codeVersion } from "./code_version.ts";
import {
  type DataSanityRecord,
  gateBars,
  type SanityPolicy,
} from "./data_sanity_gate.ts";

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
  /** Code version for the manifest (see `codeVersion`). */
  readonly codeVersion: string;
  /**
   * With warm start: the stored run whose checkpoints the folds may start from (a run id,
   * or "latest": the newest stored run of the symbol and model, resolved when the run
   * starts and recorded). Omitted: earlier folds of this run only, so a re-run on the same
   * store gives the same numbers. @default undefined
   */
  readonly warmStartFrom?: string;
  /** What the DataSanity gate did with the bars, stored with the run. */
  readonly dataSanity?: DataSanityRecord;
}

/** What "warm start from" means when no stored run is named. */
export const WARM_START_OWN_FOLDS = "earlier folds of this run";

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
  /** The null (permuted labels, same folds) of the headline stability figures. */
  readonly stabilityNull: {
    readonly repeats: number;
    readonly stableShare: NullBand;
    readonly meanRankSpearman: NullBand;
  } | null;
  /** The verdict: each figure against its null ("" without a null). */
  readonly stabilityVerdict: string;
  /** Whether the stable share is above its null's 95th percentile. */
  readonly stableBeyondChance: boolean;
  /** The warm-start source asked for: a run id, or WARM_START_OWN_FOLDS. */
  readonly warmStartSource: string;
  /** Stored runs any fold actually started from. */
  readonly warmStartFrom: string[];
  readonly warmEffect: {
    readonly warm: TrainingResult["oos"];
    readonly cold: TrainingResult["oos"];
  } | null;
  readonly persisted: boolean;
  readonly seconds: number;
  /** What the DataSanity gate did with the bars (absent when not gated). */
  readonly dataSanity?: DataSanityRecord;
}

function summarise(
  runId: string,
  bars: Bars,
  settings: TrainingSettings & { warmStartSource: string },
  data: ReturnType<typeof barsDataset>,
  result: TrainingResult,
  seconds: number,
): TrainSummary {
  const st = result.stability;
  const nul = result.stabilityNull;
  const verdict = nul ? stabilityVerdict(st, nul) : null;
  return {
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
    nullStableShare: nul?.meanStableShare ?? null,
    stabilityNull: nul
      ? {
        repeats: nul.repeats,
        stableShare: nul.stableShare,
        meanRankSpearman: nul.meanRankSpearman,
      }
      : null,
    stabilityVerdict: verdict?.text ?? "",
    stableBeyondChance: verdict?.stableBeyondChance ?? false,
    warmStartSource: settings.warmStartSource,
    warmStartFrom: result.warmStartFrom,
    warmEffect: result.warmEffect
      ? { warm: result.warmEffect.warm, cold: result.warmEffect.cold }
      : null,
    persisted: false,
    seconds,
  };
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
  const source = settings.warmStart
    ? await warmStartSource(env, bars.symbol, settings.model)
    : "";
  const checkpoints = source && source !== WARM_START_OWN_FOLDS && env.db
    ? await loadCheckpoints(env.db, {
      symbol: bars.symbol,
      model: settings.model,
      runId: source,
    })
    : [];
  const result = runTraining(data, settings, { checkpoints, now: env.nowMs });
  return await storeTrainedSymbol(bars, settings, env, {
    startedAt,
    source,
    result,
    seconds: (env.nowMs() - t0) / 1000,
  }, data);
}

/** A symbol's training as computed (here or by a queue worker), before it is stored. */
export interface TrainedSymbol {
  /** ISO instant the symbol's run started. */
  readonly startedAt: string;
  /** The warm-start source (see {@linkcode TrainSummary.warmStartSource}); "" without. */
  readonly source: string;
  readonly result: TrainingResult;
  /** Seconds the training took. */
  readonly seconds: number;
}

/**
 * The summary of a symbol's training, stored when `env.persist` (the second half of
 * {@linkcode trainSymbol}, shared with the queue's coordinator).
 *
 * @param bars The symbol's bars the training ran on.
 * @param settings Training settings.
 * @param env Database, clocks and code version.
 * @param trained What the training computed.
 * @param data The bars' dataset (built again when not given).
 * @returns The summary printed by the task.
 */
export async function storeTrainedSymbol(
  bars: Bars,
  settings: TrainingSettings,
  env: TrainTaskEnv,
  trained: TrainedSymbol,
  data: ReturnType<typeof barsDataset> = barsDataset(bars),
): Promise<TrainSummary> {
  const { startedAt, source, result } = trained;
  const dataHash = hashColumns([bars.symbol, bars.dates.join(","), bars.close]);
  const config = {
    symbol: bars.symbol,
    ...settings,
    ...(settings.warmStart
      ? { warmStartFrom: source, warmStartRequested: env.warmStartFrom ?? "" }
      : {}),
    start: bars.dates[0],
    end: bars.dates[bars.dates.length - 1],
    ...(env.dataSanity ? { dataSanity: env.dataSanity } : {}),
  };
  const runId = makeRunId("train", startedAt, runKey(config, dataHash));
  const summary = {
    ...summarise(
      runId,
      bars,
      { ...settings, warmStartSource: source },
      data,
      result,
      trained.seconds,
    ),
    ...(env.dataSanity ? { dataSanity: env.dataSanity } : {}),
  };
  if (!env.persist) return summary;
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
    seed: result.seed,
    startedAt,
    endedAt: env.nowIso(),
    warmStartFrom: result.warmStartFrom.length > 0
      ? result.warmStartFrom.join(",")
      : null,
    summary: JSON.parse(jsonText(summary)),
  }, result.fits);
  return { ...summary, persisted: true };
}

/**
 * The stored run a warm start reads checkpoints from: the run named (it must be a run
 * of the same symbol and model), the newest such run for "latest", or
 * {@linkcode WARM_START_OWN_FOLDS} when none is named.
 *
 * @throws RangeError naming the runs the store holds when the source does not exist.
 */
async function warmStartSource(
  env: TrainTaskEnv,
  symbol: string,
  model: string,
): Promise<string> {
  const want = env.warmStartFrom;
  if (want === undefined) return WARM_START_OWN_FOLDS;
  const runs = env.db ? await listTrainingRuns(env.db, { symbol, model }) : [];
  const pick = want === "latest" ? runs[0] : runs.find((r) => r.runId === want);
  if (!pick) {
    throw new RangeError(
      `Cannot warm-start from ${
        want === "latest" ? "the latest run" : `run "${want}"`
      }: the store holds ${
        runs.length
          ? `these ${symbol}/${model} runs: ${
            runs.slice(0, 5).map((r) => r.runId).join(", ")
          }`
          : `no ${symbol}/${model} training run`
      }`,
    );
  }
  return pick.runId;
}

/** Rows of data a training job needs before it can fit one fold. */
export interface TrainingWindow {
  readonly start?: string;
  readonly end?: string;
  readonly trainLen: number;
  readonly testLen: number;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/**
 * A symbol's bars in a date range, through the DataSanity gate, checked to hold at
 * least one fold of feature rows.
 *
 * @param db The store.
 * @param symbol The symbol.
 * @param o Date range, window lengths and the gate.
 * @returns The bars and what the gate did.
 * @throws DataSanityError / UnrepairedDataError from the gate; RangeError naming what
 *   one fold needs and what the range holds.
 */
export async function loadTrainingBars(
  db: DbEngine,
  symbol: string,
  o: TrainingWindow,
): Promise<{ bars: Bars; dataSanity: DataSanityRecord }> {
  const loaded = await loadBars(db, symbol, { start: o.start, end: o.end });
  const gated = await gateBars(db, [loaded], o.sanity);
  const bars = gated.bars[0];
  const rows = bars.dates.length > 0 ? barsDataset(bars).x.rows : 0;
  const need = o.trainLen + 1 + o.testLen;
  if (rows < need) {
    const span = bars.dates.length > 0
      ? ` (${bars.dates[0]}..${bars.dates[bars.dates.length - 1]})`
      : "";
    throw new RangeError(
      `Too little data for one fold of ${symbol}: need ${need} feature rows (train ${o.trainLen} + gap 1 + test ${o.testLen}), ` +
        `got ${rows} from ${bars.dates.length} bars${span}; the features need 199 bars of warm-up and the label one more. ` +
        "Widen the date range or shorten --train-len/--test-len",
    );
  }
  return { bars, dataSanity: gated.record };
}

/** A complete training job: symbols, date range and settings (defaults resolved). */
export interface TrainingJobConfig {
  readonly symbols: readonly string[];
  readonly startDate?: string;
  readonly endDate?: string;
  readonly settings: TrainingSettings & {
    readonly seed: number;
    readonly trainLen: number;
    readonly testLen: number;
  };
  /** Store the runs (`ml_runs`, `feature_importance`, `checkpoints`). */
  readonly persist: boolean;
  /** Warm-start source: a run id or "latest" (see {@linkcode TrainTaskEnv}). */
  readonly warmStartFrom?: string;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/**
 * Train every symbol of the job (built-in samples loaded first), each persisted when
 * asked; later symbols see the checkpoints stored by earlier runs.
 *
 * @param db The store.
 * @param job The complete job config.
 * @param onSymbol Called with each symbol's summary as it finishes.
 * @returns One summary per symbol.
 */
export async function runTrainingJob(
  db: DbEngine,
  job: TrainingJobConfig,
  onSymbol?: (summary: TrainSummary) => void,
): Promise<TrainSummary[]> {
  await ensureSampleData(db);
  const version = await codeVersion();
  const runs: TrainSummary[] = [];
  for (const symbol of job.symbols) {
    const { bars, dataSanity } = await loadTrainingBars(db, symbol, {
      start: job.startDate,
      end: job.endDate,
      trainLen: job.settings.trainLen,
      testLen: job.settings.testLen,
      sanity: job.sanity,
    });
    const summary = await trainSymbol(bars, job.settings, {
      db,
      persist: job.persist,
      nowIso: () => new Date().toISOString(),
      nowMs: () => performance.now(),
      codeVersion: version,
      warmStartFrom: job.warmStartFrom,
      dataSanity,
    });
    runs.push(summary);
    onSymbol?.(summary);
  }
  return runs;
}
