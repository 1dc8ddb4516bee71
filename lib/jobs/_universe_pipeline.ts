/**
 * The middle of a universe run: stream the bars panel by panel, cut each symbol to the
 * date range, apply the DataSanity verdict (one pass, made before), pack the symbols into
 * shards and keep the backend busy, a bounded number of shards in flight. RELAXED repairs
 * (rare) are applied after the stream, the same way the single-symbol job applies them.
 *
 * @module
 */
import type { ProgressSink } from "../_shared/progress.ts";
import type { Bars } from "../_shared/types.ts";
import {
  clampRange,
  type DbEngine,
  panelBars,
  streamPanels,
} from "../data/mod.ts";
import {
  DataSanityError,
  type SanityReport,
  symbolReport,
} from "../sanity/mod.ts";
import type { SymbolOutcome } from "../store/mod.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import {
  type DataSanityRecord,
  gateReport,
  repairBars,
  STRICT_SANITY,
  UnrepairedDataError,
} from "./data_sanity_gate.ts";
import type { ShardBackend } from "./_shard_pool.ts";
import { packShard, type ShardItem } from "./_universe_shard.ts";
import type { MultiSymbolJobConfig } from "./multi_symbol_job.ts";

/** Options of {@linkcode runUniverseShards}. */
export interface PipelineOptions {
  readonly onProgress?: ProgressSink;
  /** Milliseconds clock, and the run's start on it. */
  readonly now: () => number;
  readonly t0: number;
}

/** Every symbol's outcome, the sanity summaries worth showing, and notes. */
export interface PipelineResult {
  readonly outcomes: readonly SymbolOutcome[];
  /** Per symbol, where DataSanity found or repaired something. */
  readonly sanity: readonly SanitySummary[];
  /** The gate's record of every symbol that passed it (the run's `dataSanity`). */
  readonly records: readonly DataSanityRecord[];
  readonly notes: readonly string[];
}

/** Symbols per shard: a function of the universe's size only (stable shard ids). */
export function shardSize(symbols: number): number {
  return Math.max(1, Math.min(16, Math.ceil(symbols / 64)));
}

type Counts = { violations: number; repairs: number };

/**
 * Compute every symbol of the universe on `backend`.
 *
 * @param db The store (read only here).
 * @param symbols The universe.
 * @param job The job's config.
 * @param report DataSanity's one pass over the universe.
 * @param backend Where shards run.
 * @param options Progress and clock.
 * @returns Outcomes in universe order.
 */
export async function runUniverseShards(
  db: DbEngine,
  symbols: readonly string[],
  job: MultiSymbolJobConfig,
  report: SanityReport,
  backend: ShardBackend,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const n = symbols.length, size = shardSize(n);
  const outcomes = new Array<SymbolOutcome>(n);
  const counts = new Array<Counts>(n);
  const sanity: SanitySummary[] = [], clamped: string[] = [];
  const records: DataSanityRecord[] = [];
  const policy = job.sanity ?? STRICT_SANITY;
  const toRepair: ShardItem[] = [];
  let done = 0;
  const progress = (k: number) => {
    done += k;
    options.onProgress?.({
      label: "multi-symbol",
      done,
      total: n,
      unit: "symbols",
      elapsedSeconds: (options.now() - options.t0) / 1000,
    });
  };
  const failed = (pos: number, bars: Bars | null, error: string, c: Counts) => {
    const t = bars?.dates ?? [];
    outcomes[pos] = {
      symbol: symbols[pos],
      dataHash: null,
      bars: t.length,
      first: t.length ? Date.parse(t[0]) : NaN,
      last: t.length ? Date.parse(t[t.length - 1]) : NaN,
      error,
      sanity: c,
      run: null,
    };
    progress(1);
  };
  const inFlight = new Set<Promise<void>>();
  const limit = backend.inFlight ?? 2 * Math.max(1, backend.workers) + 1;
  const dispatch = async (items: ShardItem[]) => {
    while (inFlight.size >= limit) await Promise.race(inFlight);
    const shard = packShard(items);
    const p = backend.run(shard).then((r) => {
      r.outcomes.forEach((o, k) => {
        const pos = r.positions[k];
        outcomes[pos] = { ...o, sanity: counts[pos] };
      });
      progress(r.outcomes.length);
    });
    const tracked = p.finally(() => inFlight.delete(tracked));
    tracked.catch(() => {}); // seen by the race or the final Promise.all
    inFlight.add(tracked);
  };
  const cache = new Map<number, string>();
  const ready: ShardItem[] = [];
  let pos = 0;
  for await (const panel of streamPanels(db, symbols, { batch: 8 * size })) {
    for (let i = 0; i < panel.symbols.length; i++, pos++) {
      const item = prepare(panel, i, pos);
      if (item === null) continue;
      ready.push(item);
      if (ready.length === size) await dispatch(ready.splice(0));
    }
  }
  if (ready.length > 0) await dispatch(ready.splice(0));
  if (toRepair.length > 0) {
    const fixed = await repairBars(db, toRepair.map((t) => t.bars));
    fixed.forEach((b, k) =>
      ready.push({
        position: toRepair[k].position,
        bars: b,
        times: Float64Array.from(b.dates, (d) => Date.parse(d)),
      })
    );
    for (let k = 0; k < ready.length; k += size) {
      await dispatch(ready.slice(k, k + size));
    }
  }
  await backend.seal?.();
  await Promise.all(inFlight);
  return { outcomes, sanity, records, notes: noteOf(clamped, n) };

  /** Cut, gate; null when the symbol cannot run (its outcome is recorded). */
  function prepare(
    panel: Parameters<typeof panelBars>[0],
    i: number,
    at: number,
  ): ShardItem | null {
    const all = panelBars(panel, i, cache);
    const times = panel.times.subarray(panel.offsets[i], panel.offsets[i + 1]);
    let cut;
    try {
      cut = clampRange(all, job.startDate, job.endDate);
    } catch (e) {
      failed(at, null, (e as Error).message, { violations: 0, repairs: 0 });
      return null;
    }
    clamped.push(...cut.notes);
    const bars = cut.bars;
    const from = bars === all ? 0 : all.dates.indexOf(bars.dates[0]);
    const own = symbolReport(report, bars.symbol, bars.dates.length);
    const c = counts[at] = {
      violations: own.violations.length,
      repairs: own.repairs.length,
    };
    let record: DataSanityRecord;
    try {
      record = gateReport(own, policy);
    } catch (e) {
      if (
        !(e instanceof DataSanityError || e instanceof UnrepairedDataError)
      ) throw e;
      sanity.push({
        symbol: bars.symbol,
        mode: policy.mode === "strict" ? "STRICT" : "RELAXED",
        rows: own.rows,
        repairs: [],
        allowed: [],
        seconds: 0,
      });
      failed(at, bars, e.message, c);
      return null;
    }
    records.push(record);
    if (c.violations + c.repairs > 0) {
      sanity.push({ symbol: bars.symbol, ...record, seconds: 0 });
    }
    const item = {
      position: at,
      bars,
      times: times.subarray(from, from + bars.dates.length),
    };
    if (own.repairs.length === 0) return item;
    toRepair.push(item);
    return null;
  }
}

/** One line for the clamped date ranges of a universe. */
function noteOf(notes: readonly string[], n: number): string[] {
  if (notes.length === 0) return [];
  if (notes.length === 1) return [...notes];
  return [
    `Note: the date range was clamped to the data for ${notes.length} symbol ends out of ${n} symbols, e.g. ${
      notes[0].replace(/^Note: /, "")
    }`,
  ];
}
