/**
 * Feeds deliver bars grouped by date. The replay feed walks stored bars (as fast as
 * possible or at `speed` dates per second); the polling feed asks a broker adapter for
 * snapshots and turns each poll into a bar.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { Bar, BarGroup } from "../backtest/mod.ts";

/**
 * Merge per-symbol bars into date groups (ascending dates; a symbol absent on a date simply
 * has no bar in that group).
 */
export function groupBarsByDate(series: readonly Bars[]): BarGroup[] {
  const byDate = new Map<string, Bar[]>();
  for (const b of series) {
    for (let i = 0; i < b.dates.length; i++) {
      const d = b.dates[i];
      let g = byDate.get(d);
      if (!g) byDate.set(d, g = []);
      g.push({
        symbol: b.symbol,
        date: d,
        open: b.open[i],
        high: b.high[i],
        low: b.low[i],
        close: b.close[i],
        volume: b.volume[i],
      });
    }
  }
  return [...byDate.keys()].sort().map((date) => ({
    date,
    bars: byDate.get(date)!,
  }));
}

/**
 * Replay date groups, optionally paced at `speed` groups per second (0 = no pacing).
 *
 * @param groups From {@linkcode groupBarsByDate}.
 * @param options `speed` in bars (dates) per second; `signal` stops the replay;
 *   `paceAfter`: groups up to this date (warm-up, already-journaled bars) go unpaced.
 */
export async function* replayFeed(
  groups: readonly BarGroup[],
  options: { speed?: number; signal?: AbortSignal; paceAfter?: string } = {},
): AsyncGenerator<BarGroup> {
  const speed = options.speed ?? 0;
  let start = performance.now(), paced = 0;
  for (let i = 0; i < groups.length; i++) {
    if (options.signal?.aborted) return;
    const pace = speed > 0 &&
      (options.paceAfter === undefined || groups[i].date > options.paceAfter);
    if (pace) {
      if (paced === 0) start = performance.now();
      const due = start + (paced++ * 1000) / speed;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    yield groups[i];
  }
}

/** A source of snapshots for the polling feed (the IBKR adapter implements it). */
export interface SnapshotSource {
  snapshot(
    symbol: string,
  ): Promise<{ last: number; high: number; low: number }>;
}

/**
 * Poll `source` every `intervalMs` and yield one bar per symbol and poll: open = the
 * previous poll's last (or this last for the first), close = last, high/low from the
 * snapshot when given, else from open and close. Dates are the poll's UTC date and each
 * date yields one group (daily bars): later polls of an emitted date only move the
 * reference price. Stops after `maxPolls` or when `signal` aborts.
 */
export async function* pollingFeed(
  source: SnapshotSource,
  symbols: readonly string[],
  options: {
    intervalMs: number;
    maxPolls?: number;
    signal?: AbortSignal;
    clock?: () => Date;
  },
): AsyncGenerator<BarGroup> {
  const prev = new Map<string, number>();
  const clock = options.clock ?? (() => new Date());
  let lastDate = "";
  for (let i = 0; options.maxPolls === undefined || i < options.maxPolls; i++) {
    if (options.signal?.aborted) return;
    if (i > 0) await new Promise((r) => setTimeout(r, options.intervalMs));
    const date = clock().toISOString().slice(0, 10);
    const bars: Bar[] = [];
    for (const s of symbols) {
      const snap = await source.snapshot(s);
      const open = prev.get(s) ?? snap.last;
      const hi = Number.isFinite(snap.high)
        ? Math.max(snap.high, open, snap.last)
        : Math.max(open, snap.last);
      const lo = Number.isFinite(snap.low)
        ? Math.min(snap.low, open, snap.last)
        : Math.min(open, snap.last);
      bars.push({
        symbol: s,
        date,
        open,
        high: hi,
        low: lo,
        close: snap.last,
        volume: NaN,
      });
      prev.set(s, snap.last);
    }
    if (date === lastDate) continue;
    lastDate = date;
    yield { date, bars };
  }
}
