/**
 * `deno task worker --redis URL --shared DIR [--concurrency N] [--lock-seconds S]
 * [--pause-ms MS]`
 *
 * A queue worker: takes universe shards from Redis (BullMQ), computes them on
 * `--concurrency` threads and writes each result to `DIR/results/<run>/<shard>.parquet`
 * (write, then rename). Start any number, on any number of machines that see the same
 * Redis and the same shared directory (see README "Scaling out"). The Redis URL comes
 * from `--redis` or `REDIS_URL` (`rediss://` for TLS) and is never printed with its
 * credentials. Runs until SIGINT or SIGTERM, then finishes the shards in hand; a worker
 * killed mid-shard loses nothing: its shard goes to another worker after
 * `--lock-seconds`. One line on stderr per event.
 *
 * @module
 */
import process from "node:process";
import { z } from "zod";
import { startQueueWorker } from "../jobs/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { intFlag } from "./_flags.ts";
import {
  REDIS_CA_TEXT,
  redisCa,
  redisCaFlag,
  redisFlag,
  redisUrl,
  sharedFlag,
  workerRefine,
} from "./_queue_flags.ts";

/** The worker's flags. */
export const WorkerFlagsSchema = z.strictObject({
  redis: redisFlag.describe(
    "the Redis URL (default REDIS_URL from the environment; rediss:// for TLS)",
  ),
  redisCa: redisCaFlag.describe(REDIS_CA_TEXT),
  shared: sharedFlag.describe(
    "the directory shared with the coordinator (snapshot and results)",
  ),
  concurrency: intFlag(1).max(256).default(1).describe(
    "shards computed at once, one thread each",
  ),
  lockSeconds: intFlag(1).max(3600).default(30).describe(
    "how long a shard of a dead worker waits before another worker takes it",
  ),
  pauseMs: intFlag(0).max(600_000).default(0).describe(
    "wait before each shard (failure drills: time to kill a worker mid-shard)",
  ),
}).superRefine(workerRefine);

/**
 * Run the worker until SIGINT/SIGTERM (or `stop`).
 *
 * @param args Command-line flags.
 * @param io Output sink (the log goes to `err`).
 * @param stop Stops the worker when it resolves. @default a signal
 * @returns Exit code: 0 after a stop, 1 when Redis cannot be reached, 2 bad flags.
 */
export function main(
  args: string[],
  io: CliIo = consoleIo,
  stop?: Promise<unknown>,
): Promise<number> {
  return runTask(args, io, {
    name: "worker",
    summary:
      "A queue worker: computes universe shards taken from Redis (BullMQ) and writes their results to the shared directory.",
    about:
      "Start any number on any machines that see the same Redis and shared directory; the Redis URL comes from --redis or REDIS_URL (rediss:// for TLS; --redis-ca FILE or REDIS_TLS_CA trusts a server with a certificate of your own CA) and is never printed with its password. Runs until SIGINT or SIGTERM.",
    examples: [
      "--redis redis://127.0.0.1:6379 --shared data --concurrency 2",
      "--redis rediss://cache.example:6380 --shared data --lock-seconds 60",
    ],
    flags: WorkerFlagsSchema,
    run: async (flags) => {
      const worker = await startQueueWorker({
        redis: redisUrl(flags.redis),
        redisCa: redisCa(flags.redisCa),
        shared: flags.shared,
        concurrency: flags.concurrency,
        lockSeconds: flags.lockSeconds,
        pauseMs: flags.pauseMs,
        log: (t) => io.err(t),
      });
      await (stop ?? new Promise<string>((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT"));
        process.once("SIGTERM", () => resolve("SIGTERM"));
      }));
      io.err(`worker ${worker.name}: stopping after the shards in hand`);
      await worker.close();
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
