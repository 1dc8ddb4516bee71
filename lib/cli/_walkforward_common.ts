/**
 * Edge helpers shared by `deno task walkforward` and `deno task multi-symbol`: a progress
 * bar on the terminal and where a run's time went.
 *
 * @module
 */
import { isTerminal, writeStderr } from "../_shared/runtime.ts";
import type { SanitySummary } from "../jobs/mod.ts";
import type { FoldProgress } from "../walkforward/mod.ts";

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
  if (!enabled || !isTerminal("stderr")) return undefined;
  const t0 = performance.now();
  return (p: FoldProgress) => {
    const width = 30, filled = Math.round((p.done / p.total) * width);
    const elapsed = (performance.now() - t0) / 1000;
    const eta = (elapsed / p.done) * (p.total - p.done);
    const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
    const line = `\r${label} [${bar}] ${p.done}/${p.total} folds  ETA ${
      eta.toFixed(1)
    }s`;
    writeStderr(line + (p.done === p.total ? "\n" : ""));
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
