/**
 * Worker entry point of the local universe pool (`_shard_pool.ts`): receives the
 * walk-forward config once, then shards; answers each with its result, the typed arrays
 * transferred back. Not imported by anything; started through lib/_shared `spawnWorker`.
 *
 * @module
 */
import { connectParent } from "../_shared/runtime.ts";
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

let config: CompleteWalkForwardConfig | null = null;
const parent = connectParent<PoolRequest, PoolReply>((m) => {
  if (m.type === "config") {
    config = m.config;
    return;
  }
  try {
    if (config === null) throw new Error("no config before the first shard");
    const result = runShard(m.shard, config);
    parent.post({ type: "done", result }, resultBuffers(result));
  } catch (e) {
    parent.post({
      type: "failed",
      id: m.shard.id,
      error: (e as Error).message,
    });
  }
});
parent.post({ type: "ready" });
