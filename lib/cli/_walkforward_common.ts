/**
 * Edge helpers shared by `deno task walkforward` and `deno task multi-symbol`: the flag
 * list, job dependencies wired to the store and DataSanity (with the time spent in
 * validation measured), and a progress bar.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  checkBars,
  checkStore,
  DataSanityError,
  formatViolations,
} from "../sanity/mod.ts";
import type { JobDeps } from "../runs/mod.ts";
import type { FoldProgress } from "../walkforward/mod.ts";
import { codeVersion, type FlagSpec } from "./_cli.ts";

/** Flags of both tasks (schemas in lib/walkforward are keyed by these names). */
export const RUN_FLAGS: FlagSpec = {
  strings: [
    "symbol",
    "symbols",
    "start-date",
    "end-date",
    "train-len",
    "test-len",
    "stride",
    "perf-mode",
    "model",
    "lambda",
    "gap",
    "label-horizon",
    "cost-bps",
    "features",
    "position",
    "threshold",
    "scale",
    "cap",
    "target-vol",
    "vol-window",
    "db",
    "seed",
  ],
  booleans: ["anchored", "json", "controls", "help"],
};

/** What DataSanity did for one symbol's run. */
export interface SanitySummary {
  readonly symbol: string;
  readonly mode: "STRICT" | "RELAXED";
  /** Rows validated. */
  readonly rows: number;
  readonly violations: number;
  readonly repairs: number;
  /** RELAXED: the violations no repair fixed, one line each (`""` when none). */
  readonly unrepaired: string;
  /** Wall-clock seconds spent in validation. */
  readonly seconds: number;
}

/** Job dependencies plus the sanity summaries they collect (one per checked symbol). */
export interface WiredDeps extends JobDeps {
  readonly sanity: SanitySummary[];
}

/**
 * Wire a job to the store: bars from `loadBars` (built-in samples loaded first), DataSanity
 * by `checkStore` over the symbol's requested range in the job's mode. STRICT throws
 * `DataSanityError` on any violation; RELAXED, when the report lists repairs, applies them
 * to the run's bars with `checkBars` (the store itself is never changed).
 *
 * @param db The store.
 * @returns The dependencies and a list that fills with sanity summaries.
 */
export async function jobDeps(db: DbEngine): Promise<WiredDeps> {
  await ensureSampleData(db);
  const sanity: SanitySummary[] = [];
  return {
    sanity,
    loadBars: (symbol: string) => loadBars(db, symbol),
    checkBars: async (bars: Bars, mode: "STRICT" | "RELAXED") => {
      const t0 = performance.now();
      const out = await checkRange(db, bars, mode);
      sanity.push({ ...out.summary, seconds: (performance.now() - t0) / 1000 });
      return out.bars;
    },
    now: () => performance.now(),
    isoNow: () => new Date().toISOString(),
    codeVersion: await codeVersion(),
  };
}

async function checkRange(
  db: DbEngine,
  bars: Bars,
  mode: "STRICT" | "RELAXED",
): Promise<{ bars: Bars; summary: Omit<SanitySummary, "seconds"> }> {
  const start = bars.dates[0], end = bars.dates[bars.dates.length - 1];
  const report = await checkStore(db, {
    symbols: [bars.symbol],
    start,
    end,
    mode: mode === "STRICT" ? "strict" : "relaxed",
  });
  if (mode === "STRICT" && !report.ok) throw new DataSanityError(report);
  const summary = {
    symbol: bars.symbol,
    mode,
    rows: report.rows,
    violations: report.violations.length,
    repairs: report.repairs.length,
    unrepaired: report.ok ? "" : formatViolations(report.violations),
  };
  if (report.repairs.length === 0) return { bars, summary };
  // checkStore never changes the store: apply the recorded (causal) repairs to the bars
  const fixed = await checkBars(db, [bars], { mode: "relaxed" });
  return { bars: fixed.bars[0], summary };
}

/**
 * A progress callback drawing `[#####.....] 5/20 folds  ETA 1.2s` on stderr when it is a
 * terminal; `undefined` (quiet) otherwise or when disabled (`--json`).
 *
 * @param enabled Draw at all.
 * @param label Prefix (the symbol).
 * @returns The callback, or undefined.
 */
export function progressBar(
  enabled: boolean,
  label: string,
): ((p: FoldProgress) => void) | undefined {
  if (!enabled || !Deno.stderr.isTerminal()) return undefined;
  const t0 = performance.now();
  const enc = new TextEncoder();
  return (p: FoldProgress) => {
    const width = 30, filled = Math.round((p.done / p.total) * width);
    const elapsed = (performance.now() - t0) / 1000;
    const eta = (elapsed / p.done) * (p.total - p.done);
    const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
    const line = `\r${label} [${bar}] ${p.done}/${p.total} folds  ETA ${
      eta.toFixed(1)
    }s`;
    Deno.stderr.writeSync(enc.encode(line + (p.done === p.total ? "\n" : "")));
  };
}

/** Where a run's time went, in seconds; `sanityShare` is sanity / total (0..1). */
export interface TaskTimings {
  /** The task from flag parsing to the stored run (process start-up excluded). */
  readonly totalSeconds: number;
  /** Bars loaded, clamped and validated (includes `sanitySeconds`). */
  readonly loadSeconds: number;
  readonly sanitySeconds: number;
  readonly walkForwardSeconds: number;
  readonly sanityShare: number;
}

/**
 * Combine the manifest timings, the sanity summary and the task's wall time.
 *
 * @param s Sanity summary of the run.
 * @param manifest The run manifest's timings (`loadSeconds`, `walkForwardSeconds`).
 * @param totalSeconds Wall time of the task so far.
 * @returns The timings.
 */
export function taskTimings(
  s: SanitySummary | undefined,
  manifest: Readonly<Record<string, number>>,
  totalSeconds: number,
): TaskTimings {
  const sanitySeconds = s?.seconds ?? 0;
  return {
    totalSeconds,
    loadSeconds: manifest.loadSeconds ?? 0,
    sanitySeconds,
    walkForwardSeconds: manifest.walkForwardSeconds ?? 0,
    sanityShare: totalSeconds > 0 ? sanitySeconds / totalSeconds : 0,
  };
}

/**
 * One line on where the time went.
 *
 * @param t The timings.
 * @param mode DataSanity mode.
 * @returns E.g. `timings: total 2.61 s; sanity STRICT 0.105 s (4.0% of the total); load 0.154 s; walk-forward 0.054 s`.
 */
export function timingLine(t: TaskTimings, mode: string): string {
  return `timings: total ${t.totalSeconds.toFixed(3)} s; sanity ${mode} ${
    t.sanitySeconds.toFixed(3)
  } s (${(100 * t.sanityShare).toFixed(1)}% of the total); load+sanity ${
    t.loadSeconds.toFixed(3)
  } s; walk-forward ${t.walkForwardSeconds.toFixed(3)} s`;
}
