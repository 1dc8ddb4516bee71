/**
 * A universe task run twice through its CLI, on this machine and on the queue (a
 * redis-server and one worker process of its own), for the tests that the queue prints
 * what the local run prints.
 */
import assert from "node:assert/strict";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { saveUniverse } from "../../lib/store/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";
import {
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
