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

/** What `job.json` holds. */
export interface QueueJob {
  readonly kind: "multi-symbol";
  readonly startedAt: string;
  /** The job with its symbols resolved. */
  readonly job: MultiSymbolJobConfig;
}

/**
 * Start queue run (write its job) or, with `resume`, read the job of run `resume`.
 *
 * @param shared The shared directory.
 * @param start The job and its start time (used when not resuming).
 * @param resume A queue run id to re-attach to.
 * @returns The run id, its job and start time.
 */
export async function startQueueRun(
  shared: string,
  start: { readonly job: MultiSymbolJobConfig; readonly startedAt: string },
  resume?: string,
): Promise<{ run: string; job: MultiSymbolJobConfig; startedAt: string }> {
  if (resume !== undefined) {
    const q = await readQueueJob(shared, resume);
    return { run: resume, job: q.job, startedAt: q.startedAt };
  }
  const run = queueRunId("multi-symbol", start.job, start.startedAt);
  const paths = runPaths(shared, run);
  await mkdir(paths.snapshot, { recursive: true });
  const body: QueueJob = { kind: "multi-symbol", ...start };
  await writeAtomic(paths.job, encodeExact(body));
  return { run, ...start };
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
