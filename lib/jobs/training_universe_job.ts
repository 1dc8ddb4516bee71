/**
 * The training job over a universe on the queue: the same walk-forward training as
 * `runTrainingJob` on every symbol (its folds, its warm start from the earlier folds of
 * the run, its cold baseline and stability null), each symbol a shard computed by
 * `deno task worker` processes as a pure function of the symbol's bars and the settings,
 * each stored by the coordinator exactly as `runTrainingJob` stores it (the same rows in
 * `ml_runs`, `feature_importance` and `checkpoints`). The run itself is
 * `runPerSymbolQueue`'s, shared with the optimize and strategies jobs.
 *
 * A warm start from a stored run (`warmStartFrom`) reads that run's checkpoints from the
 * coordinator's store, which the workers do not see: it is refused here rather than run
 * cold in silence.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData } from "../data/mod.ts";
import { barsDataset, runTraining, type TrainingResult } from "../ml/mod.ts";
import {
  type PerSymbolQueueOptions,
  type PerSymbolShardResult,
  type PerSymbolUniverseResult,
  runPerSymbolQueue,
  runPerSymbolShard,
} from "./_queue_per_symbol.ts";
import type { Shard } from "./_universe_shard.ts";
import { codeVersion } from "./code_version.ts";
import type { DataSanityRecord } from "./data_sanity_gate.ts";
import {
  loadTrainingBars,
  storeTrainedSymbol,
  type TrainingJobConfig,
  type TrainSummary,
  WARM_START_OWN_FOLDS,
} from "./training_job.ts";

/** The training job over a universe: the job without its symbols, and the symbols. */
export interface TrainingUniverseConfig {
  readonly config: Omit<TrainingJobConfig, "symbols">;
  readonly symbols: readonly string[];
}

/** What a worker computes for one symbol. */
export interface TrainedBars {
  readonly result: TrainingResult;
  /** Seconds the training took on the worker. */
  readonly seconds: number;
}

/**
 * Train every symbol of a shard (the worker's side; pure but for the fold timings).
 *
 * @param shard The shard's bars.
 * @param settings The training settings.
 * @returns One outcome per symbol.
 */
export function runTrainingShard(
  shard: Shard,
  settings: TrainingUniverseConfig["config"]["settings"],
): PerSymbolShardResult<TrainedBars> {
  const now = () => performance.now();
  return runPerSymbolShard(shard, (bars) => {
    const t0 = now();
    const result = runTraining(barsDataset(bars), settings, { now });
    return { result, seconds: (now() - t0) / 1000 };
  });
}

/**
 * Train every symbol through the queue and store each symbol's run (when the job
 * persists).
 *
 * @param db The store.
 * @param job The training job and the symbols.
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns Each symbol's summary or its error.
 * @throws RangeError for a warm start from a stored run (not on the queue).
 */
export async function runTrainingUniverseJob(
  db: DbEngine,
  job: TrainingUniverseConfig,
  options: PerSymbolQueueOptions,
): Promise<PerSymbolUniverseResult<TrainSummary>> {
  if (job.config.warmStartFrom !== undefined) {
    throw new RangeError(
      "A warm start from a stored run (--warm-start-from) does not run on the queue: its checkpoints are in this store, which the workers do not read; use --backend local, or --enable-warm-start alone (earlier folds of each run)",
    );
  }
  await ensureSampleData(db);
  const version = await codeVersion();
  interface Inputs {
    readonly bars: Bars;
    readonly dataSanity: DataSanityRecord;
    readonly startedAt: string;
  }
  return await runPerSymbolQueue("train", job, {
    async prepare({ config }, symbol) {
      const startedAt = new Date().toISOString();
      const { bars, dataSanity } = await loadTrainingBars(db, symbol, {
        start: config.startDate,
        end: config.endDate,
        trainLen: config.settings.trainLen,
        testLen: config.settings.testLen,
        sanity: config.sanity,
      });
      return { bars, inputs: { bars, dataSanity, startedAt } };
    },
    store: ({ config }, _symbol, inputs: Inputs, trained: TrainedBars) =>
      storeTrainedSymbol(inputs.bars, config.settings, {
        db,
        persist: config.persist,
        nowIso: () => new Date().toISOString(),
        nowMs: () => performance.now(),
        codeVersion: version,
        dataSanity: inputs.dataSanity,
      }, {
        startedAt: inputs.startedAt,
        source: config.settings.warmStart ? WARM_START_OWN_FOLDS : "",
        result: trained.result,
        seconds: trained.seconds,
      }),
  }, options);
}
