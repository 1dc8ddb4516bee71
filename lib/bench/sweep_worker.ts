/**
 * Worker entry point of the parallel W2 sweep: evaluates a slice of the pair grid with
 * the same kernel as the single-thread path (`sweepPairs`) and transfers the figures back.
 * Started by `createSweepPool` (sweep_pool.ts); not imported by anything else.
 *
 * @module
 */
import { connectParent } from "../_shared/runtime.ts";
import { sweepPairs } from "./ma_sweep.ts";

/** A slice of work: pairs `[from, to)` of the grid `(fast, slow)`. */
export interface SweepTask {
  readonly id: number;
  readonly close: Float64Array;
  readonly fast: Int32Array;
  readonly slow: Int32Array;
  readonly from: number;
  readonly to: number;
  readonly cost: number;
}

/** The figures of a slice (layout of `sweepPairs`), or the error message. */
export interface SweepReply {
  readonly id: number;
  readonly out?: Float64Array;
  readonly error?: string;
}

const parent = connectParent<SweepTask, SweepReply>((task) => {
  const { id, close, fast, slow, from, to, cost } = task;
  try {
    const out = new Float64Array(3 * (to - from));
    sweepPairs(close, { fast, slow }, from, to, cost, out);
    parent.post({ id, out }, [out.buffer]);
  } catch (err) {
    parent.post({ id, error: String(err) });
  }
});
