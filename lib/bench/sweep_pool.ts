/**
 * A persistent pool of worker threads for the W2 sweep (lib/_shared/runtime.ts'
 * `spawnWorker`: web Workers on Deno, `node:worker_threads` on Node). The calling thread evaluates the
 * first share of the grid itself while the workers evaluate the rest (so 1 worker uses 2
 * cores). Start the pool once (outside any timing), reuse it, then `close()` it.
 *
 * @module
 */
import { spawnWorker, type WorkerThread } from "../_shared/runtime.ts";
import { maGrid } from "./grid.ts";
import { sweepCost, sweepPairs } from "./ma_sweep.ts";
import type { MaSweepOptions } from "./ma_sweep.ts";
import { summariseSweep } from "./summarise_sweep.ts";
import type { MaSweepResult } from "./summarise_sweep.ts";
import type { SweepReply, SweepTask } from "./sweep_worker.ts";

/** Options of {@linkcode createSweepPool}. */
export interface SweepPoolOptions {
  /** Number of workers besides the calling thread. @default 1 */
  readonly workers?: number;
}

/** A started pool. */
export interface SweepPool {
  /** Workers besides the calling thread. */
  readonly workers: number;
  /** Same result as `sweepMaCrossover(close, options)`, bit for bit. */
  sweep(close: Float64Array, options?: MaSweepOptions): Promise<MaSweepResult>;
  /** Terminate the workers. */
  close(): void;
}

/**
 * Start `workers` sweep workers and wait until each has loaded and answered a small task.
 *
 * @param options Pool size.
 * @returns The pool.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createSweepPool } from "./sweep_pool.ts";
 * import { sweepMaCrossover } from "./ma_sweep.ts";
 * const close = new Float64Array(300).map((_, i) => 100 + 10 * Math.sin(i / 9));
 * const pool = await createSweepPool({ workers: 1 });
 * try {
 *   const r = await pool.sweep(close, { slow: [20, 40, 60] });
 *   assert.deepEqual(r.sharpe, sweepMaCrossover(close, { slow: [20, 40, 60] }).sharpe);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export async function createSweepPool(
  options: SweepPoolOptions = {},
): Promise<SweepPool> {
  const size = options.workers ?? 1;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(
      `Cannot create a sweep pool: expected an integer number of workers >= 1, got ${size}`,
    );
  }
  const url = new URL("./sweep_worker.ts", import.meta.url);
  const pending = new Map<number, (r: SweepReply | Error) => void>();
  const handlers = {
    onMessage(r: SweepReply) {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    },
    onError(e: Error) { // a worker died: every waiting sweep fails with it
      for (const settle of pending.values()) settle(e);
      pending.clear();
    },
  };
  const workers = Array.from(
    { length: size },
    () => spawnWorker<SweepTask, SweepReply>(url, handlers),
  );
  let nextId = 0;
  const ask = (
    w: WorkerThread<SweepTask>,
    task: Omit<SweepTask, "id">,
  ): Promise<Float64Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (r) => {
        if (r instanceof Error) reject(r);
        else if (r.out) resolve(r.out);
        else reject(new Error(`Sweep worker failed: ${r.error}`));
      });
      w.post({ id, ...task });
    });
  const sweep = async (close: Float64Array, opts: MaSweepOptions = {}) => {
    const grid = maGrid(opts);
    const m = grid.fast.length, cost = sweepCost(opts);
    const cut = (k: number) => Math.round((k * m) / (size + 1));
    const parts = workers.map((w, k) =>
      ask(w, { close, ...grid, from: cut(k + 1), to: cut(k + 2), cost })
    );
    const out = new Float64Array(3 * m);
    sweepPairs(close, grid, 0, cut(1), cost, out);
    (await Promise.all(parts)).forEach((p, k) => out.set(p, 3 * cut(k + 1)));
    return summariseSweep(grid, out, close.length - 1, opts.periodsPerYear);
  };
  const warm = new Float64Array(64).map((_, i) => 1 + i);
  await Promise.all(
    workers.map((w) =>
      ask(w, {
        close: warm,
        fast: Int32Array.of(2),
        slow: Int32Array.of(3),
        from: 0,
        to: 1,
        cost: 0,
      })
    ),
  );
  return Object.freeze({
    workers: size,
    sweep,
    close: () => workers.forEach((w) => void w.terminate()),
  });
}
