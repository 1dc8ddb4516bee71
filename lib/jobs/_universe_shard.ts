/**
 * The unit of a universe run: a shard of symbols whose bars are final (date range cut,
 * DataSanity passed or repaired). Its result is a pure function of (the shard's bars, the
 * walk-forward config): the same on the main thread, in a worker, or on another machine.
 * Shard ids are deterministic (positions and a hash of the symbols), so a queue can
 * re-enqueue a shard idempotently.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { hashBars } from "../_shared/manifest.ts";
import type { Bars } from "../_shared/types.ts";
import { type Panel, panelBars } from "../_shared/panel.ts";
import type { CompactWalkForward, SymbolOutcome } from "../store/mod.ts";
import {
  type CompleteWalkForwardConfig,
  runWalkForward,
  type WalkForwardResult,
} from "../walkforward/mod.ts";

/** Bars of a shard's symbols, stacked (a panel), with the shard's id and positions. */
export interface Shard extends Panel {
  /** `u<first>-<last>-<8 hex of the symbols>`: positions in the universe, inclusive. */
  readonly id: string;
  /** Position of each symbol in the universe. */
  readonly positions: readonly number[];
}

/** A shard's outcome per symbol (sanity counts are the caller's). */
export type ShardOutcome = Omit<SymbolOutcome, "sanity">;

/** What a shard returns: one outcome per symbol, in shard order. */
export interface ShardResult {
  readonly id: string;
  readonly positions: readonly number[];
  readonly outcomes: readonly ShardOutcome[];
}

/**
 * The deterministic id of a shard: the universe positions of its first and last symbol
 * and a hash of its symbols.
 *
 * @param positions Positions of the shard's symbols in the universe, ascending.
 * @param symbols The shard's symbols.
 * @returns E.g. `u0-15-1a2b3c4d`.
 */
export function shardId(
  positions: readonly number[],
  symbols: readonly string[],
): string {
  return `u${positions[0]}-${positions[positions.length - 1]}-${
    hashColumns([symbols]).slice(0, 8)
  }`;
}

/** One symbol's final bars, its bar times and its position in the universe. */
export interface ShardItem {
  readonly position: number;
  readonly bars: Bars;
  readonly times: Float64Array;
}

/**
 * Stack final bars into a shard (one copy into fresh buffers, which a worker pool then
 * transfers instead of copying).
 *
 * @param items The symbols, ascending by position.
 * @returns The shard.
 */
export function packShard(items: readonly ShardItem[]): Shard {
  const offsets = new Int32Array(items.length + 1);
  items.forEach((b, i) => offsets[i + 1] = offsets[i] + b.times.length);
  const n = offsets[items.length];
  const col = (pick: (b: Bars) => Float64Array) => {
    const out = new Float64Array(n);
    items.forEach((b, i) => out.set(pick(b.bars), offsets[i]));
    return out;
  };
  const times = new Float64Array(n);
  items.forEach((b, i) => times.set(b.times, offsets[i]));
  const symbols = items.map((b) => b.bars.symbol);
  const positions = items.map((b) => b.position);
  return {
    id: shardId(positions, symbols),
    positions,
    symbols,
    offsets,
    times,
    open: col((b) => b.open),
    high: col((b) => b.high),
    low: col((b) => b.low),
    close: col((b) => b.close),
    volume: col((b) => b.volume),
  };
}

/** The buffers of a shard, to transfer to a worker. */
export function shardBuffers(s: Shard): ArrayBuffer[] {
  return [s.offsets, s.times, s.open, s.high, s.low, s.close, s.volume].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The buffers of a shard's result, to transfer back. */
export function resultBuffers(r: ShardResult): ArrayBuffer[] {
  return r.outcomes.flatMap((o) =>
    o.run
      ? [
        o.run.oos.times,
        o.run.oos.predictions,
        o.run.oos.positions,
        o.run.oos.returns,
      ]
        .map((a) => a.buffer as ArrayBuffer)
      : []
  );
}

/**
 * Run the walk-forward on every symbol of a shard. A symbol that cannot run (too little
 * data, a non-finite feature) gets its error; the others still run.
 *
 * @param shard The shard.
 * @param config The complete walk-forward config.
 * @returns One outcome per symbol, in shard order.
 */
export function runShard(
  shard: Shard,
  config: CompleteWalkForwardConfig,
): ShardResult {
  const cache = new Map<number, string>();
  const outcomes = shard.symbols.map((symbol, i): ShardOutcome => {
    const a = shard.offsets[i], b = shard.offsets[i + 1];
    const times = shard.times.subarray(a, b);
    const bars = panelBars(shard, i, cache);
    const base = {
      symbol,
      dataHash: hashBars(bars),
      bars: b - a,
      first: b > a ? times[0] : NaN,
      last: b > a ? times[b - a - 1] : NaN,
    };
    try {
      const run = compact(runWalkForward(bars, config), times);
      return { ...base, error: null, run };
    } catch (e) {
      return { ...base, error: (e as Error).message, run: null };
    }
  });
  return { id: shard.id, positions: shard.positions, outcomes };
}

/** A walk-forward result in the stored, compact form (times instead of date strings). */
export function compact(
  r: WalkForwardResult,
  times: Float64Array,
): CompactWalkForward {
  const rows = r.oos.rows;
  const oosTimes = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) oosTimes[i] = times[rows[i]];
  return {
    metrics: r.metrics,
    folds: r.folds.map((f) => ({
      index: f.index,
      trainStart: times[f.trainStart],
      trainEnd: times[f.trainEnd - 1],
      testStart: times[f.testStart],
      testEnd: times[f.testEnd - 1],
      metrics: f.metrics,
      coefficients: f.coefficients,
      intercept: f.intercept,
      importance: f.importance,
      signs: f.signs,
      ms: f.ms.fit + f.ms.predict,
    })),
    oos: {
      times: oosTimes,
      predictions: r.oos.predictions.slice(),
      positions: r.oos.positions.slice(),
      returns: r.oos.returns.slice(),
    },
  };
}
