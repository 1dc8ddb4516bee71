/**
 * A queue run's job in the shared directory (`runs/RUN/job.json`): written when the run
 * starts, read by every worker (the walk-forward config) and by `--resume RUN` (the
 * whole job, so a resumed run is the run that started).
 *
 * @module
 */
import { mkdir, readFile } from "node:fs/promises";
import { decodeExact, encodeExact } from "./_queue_codec.ts";
import { exists, queueRunId, runPaths, writeAtomic } from "./_queue_files.ts";
import type { MultiSymbolJobConfig } from "./multi_symbol_job.ts";
import type { OptimizeUniverseConfig } from "./optimize_universe_job.ts";
import type { StrategiesUniverseConfig } from "./strategies_universe_job.ts";
import type { TrainingUniverseConfig } from "./training_universe_job.ts";
import type { StressJobConfig } from "./stress_job.ts";
import type { PortfolioQueueConfig } from "./portfolio_universe_job.ts";

/** The jobs a queue runs, by kind (the worker computes a shard by its run's kind). */
export interface QueueJobs {
  readonly "multi-symbol": MultiSymbolJobConfig;
  readonly optimize: OptimizeUniverseConfig;
  readonly strategies: StrategiesUniverseConfig;
  readonly train: TrainingUniverseConfig;
  readonly stress: StressJobConfig;
  readonly portfolio: PortfolioQueueConfig;
}

/** What `job.json` holds. */
export type QueueJob = {
  [K in keyof QueueJobs]: {
    readonly kind: K;
    readonly startedAt: string;
    /** The job with its symbols resolved. */
    readonly job: QueueJobs[K];
  };
}[keyof QueueJobs];

/**
 * Start queue run (write its job) or, with `resume`, read the job of run `resume`.
 *
 * @param shared The shared directory.
 * @param kind What runs.
 * @param start The job and its start time (used when not resuming).
 * @param resume A queue run id to re-attach to.
 * @returns The run id, its job and start time.
 */
async function startQueueRun<K extends keyof QueueJobs>(
  shared: string,
  kind: K,
  start: { readonly job: QueueJobs[K]; readonly startedAt: string },
  resume?: string,
): Promise<{ run: string; job: QueueJobs[K]; startedAt: string }> {
  if (resume !== undefined) {
    const q = await readQueueJob(shared, resume);
    if (q.kind !== kind) {
      throw new Error(
        `Queue run ${resume} is a ${q.kind} run, not ${kind}: resume it with deno task ${q.kind}`,
      );
    }
    return { run: resume, job: q.job as QueueJobs[K], startedAt: q.startedAt };
  }
  const run = queueRunId(kind, start.job, start.startedAt);
  const paths = runPaths(shared, run);
  await mkdir(paths.snapshot, { recursive: true });
  await writeAtomic(paths.job, encodeExact({ kind, ...start }));
  return { run, ...start };
}

/**
 * Start (or with `queue.resume`, re-attach to) a queue run and tell the user its id and
 * how to resume it.
 *
 * @param kind What runs.
 * @param job The job (used when not resuming).
 * @param queue The shared directory, the run to resume, where notices go.
 * @param startedAt ISO instant the run starts (used when not resuming). @default now
 * @returns The run id, its job and start time.
 */
export async function beginQueueRun<K extends keyof QueueJobs>(
  kind: K,
  job: QueueJobs[K],
  queue: {
    readonly shared: string;
    readonly resume?: string;
    readonly onNotice?: (text: string) => void;
  },
  startedAt: string = new Date().toISOString(),
): Promise<{ run: string; job: QueueJobs[K]; startedAt: string }> {
  const q = await startQueueRun(
    queue.shared,
    kind,
    { job, startedAt },
    queue.resume,
  );
  queue.onNotice?.(`Queue run ${q.run} (resume it with --resume ${q.run})`);
  return q;
}

/**
 * The job of queue run `run`.
 *
 * @param shared The shared directory.
 * @param run The queue run id.
 * @returns Its job.
 */
export async function readQueueJob(
  shared: string,
  run: string,
): Promise<QueueJob> {
  const paths = runPaths(shared, run);
  if (!await exists(paths.job)) {
    throw new Error(
      `No queue run ${run} in ${shared} (${paths.job} is missing): check --resume and --shared`,
    );
  }
  return decodeExact<QueueJob>(await readFile(paths.job, "utf8"));
}
