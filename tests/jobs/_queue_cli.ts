/**
 * Set-ups of the queue tests of the universe tasks: a universe task run twice through
 * its CLI, on this machine and on the queue (a redis-server and one worker process of
 * its own), for the tests that the queue prints what the local run prints; a store next
 * to a queue cluster for the job-level tests.
 */
import assert from "node:assert/strict";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { saveUniverse } from "../../lib/store/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import type { QueueOptions } from "../../lib/jobs/mod.ts";
import {
  type QueueCluster,
  symbolNames,
  syntheticStore,
  withQueueCluster,
} from "./_queue_harness.ts";

/** Both runs' JSON output. */
export interface LocalAndQueued {
  readonly local: Record<string, unknown>;
  readonly queued: Record<string, unknown>;
}

/**
 * Run `main` with `args` on the universe `u` of `n` synthetic symbols (a store of its
 * own; `--universe u --db PATH --json` are added), locally and with `--backend queue`;
 * check both succeed, that the queue run names itself, and that `--backend queue` with
 * `single` (no universe) is refused.
 *
 * @param main The task.
 * @param task Its name (queue runs are `<task>-...`).
 * @param n Symbols in the universe.
 * @param args The task's other flags.
 * @param single Flags naming symbols without a universe.
 * @returns Both outputs.
 */
export async function localAndQueued(
  main: (args: string[], io: CliIo) => Promise<number>,
  task: string,
  n: number,
  args: readonly string[],
  single: readonly string[],
): Promise<LocalAndQueued> {
  const { dir, db: path } = await tempStore();
  try {
    const db = await syntheticStore(n, path);
    try {
      await saveUniverse(db, "u", symbolNames(n), {
        source: "list",
        at: "2026-01-01T00:00:00.000Z",
      });
    } finally {
      await db.close();
    }
    return await withQueueCluster(1, async ({ redis, shared }) => {
      const queue = ["--backend", "queue", "--shared", shared, "--redis"];
      const wrong = await capture(main, [...single, ...queue, redis.url]);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--backend queue runs a --universe/);
      const all = ["--universe", "u", "--db", path, "--json", ...args];
      const local = await capture(main, all);
      assert.equal(local.code, 0, local.stderr);
      const queued = await capture(main, [...all, ...queue, redis.url]);
      assert.equal(queued.code, 0, queued.stderr);
      assert.match(
        queued.stderr,
        new RegExp(`Queue run ${task}-\\S+ \\(resume it with`),
      );
      return {
        local: JSON.parse(local.stdout),
        queued: JSON.parse(queued.stdout),
      };
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A store of synthetic symbols next to a queue cluster, for a job-level test. */
export interface QueueStore extends QueueCluster {
  readonly db: DbEngine;
  /** The coordinator's queue options (its notices go to `notices`). */
  readonly queue: QueueOptions;
  readonly notices: string[];
}

/**
 * Run `fn` with an in-memory store of `n` synthetic symbols and a queue cluster of
 * `workers` worker processes, all closed after.
 *
 * @param n Symbols.
 * @param workers Worker processes.
 * @param fn The test's body.
 * @returns What `fn` returns.
 */
export async function withQueueStore<T>(
  n: number,
  workers: number,
  fn: (s: QueueStore) => Promise<T>,
): Promise<T> {
  const db = await syntheticStore(n);
  try {
    return await withQueueCluster(workers, (c) => {
      const notices: string[] = [];
      const queue = {
        redis: c.redis.url,
        shared: c.shared,
        onNotice: (t: string) => notices.push(t),
      };
      return fn({ ...c, db, queue, notices });
    });
  } finally {
    await db.close();
  }
}

/**
 * Check that the coordinator said it resumed `run` with `kept` shards already computed
 * and none queued.
 *
 * @param notices The coordinator's notices.
 * @param run The queue run.
 * @param kept Shards it found computed.
 */
export function assertResumedDone(
  notices: readonly string[],
  run: string,
  kept: number,
): void {
  assert.ok(
    notices.some((t) =>
      t.includes(
        `Resuming run ${run}: ${kept} shards already computed, 0 queued`,
      )
    ),
    notices.join("\n"),
  );
}
