/**
 * Worker entry point of the local universe pool (`_shard_pool.ts`): receives the
 * walk-forward config once, then shards; answers each with its result, the typed arrays
 * transferred back. Not imported by anything; started through lib/_shared `spawnWorker`.
 *
 * @module
 */
import { workerPort } from "../_shared/workers.ts";
import type { CompleteWalkForwardConfig } from "../walkforward/mod.ts";
import {
  resultBuffers,
  runShard,
  type Shard,
  type ShardResult,
} from "./_universe_shard.ts";

/** Messages to the worker. */
export type PoolRequest =
  | { readonly type: "config"; readonly config: CompleteWalkForwardConfig }
  | { readonly type: "shard"; readonly shard: Shard };

/** Messages from the worker. */
export type PoolReply =
  | { readonly type: "ready" }
  | { readonly type: "done"; readonly result: ShardResult }
  | { readonly type: "failed"; readonly id: string; readonly error: string };

const port = await workerPort();
let config: CompleteWalkForwardConfig | null = null;
port.onMessage((data) => {
  const m = data as PoolRequest;
  if (m.type === "config") {
    config = m.config;
    return;
  }
  try {
    if (config === null) throw new Error("no config before the first shard");
    const result = runShard(m.shard, config);
    port.post(
      { type: "done", result } satisfies PoolReply,
      resultBuffers(result),
    );
  } catch (e) {
    port.post(
      {
        type: "failed",
        id: m.shard.id,
        error: (e as Error).message,
      } satisfies PoolReply,
    );
  }
});
port.post({ type: "ready" } satisfies PoolReply);
