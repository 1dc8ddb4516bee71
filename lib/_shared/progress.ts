/**
 * Progress of a long task (symbols or folds done out of a total), and its one-line text:
 * the terminal (stderr) and notebooks (a display handle) show the same line.
 *
 * @module
 */

/** Where a long task is. */
export interface ProgressEvent {
  /** What runs, e.g. `multi-symbol`. */
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** What is counted, plural: `symbols`, `folds`. */
  readonly unit: string;
  /** Seconds since the task started. */
  readonly elapsedSeconds: number;
}

/** Receives progress events (the task calls it after each unit of work). */
export type ProgressSink = (event: ProgressEvent) => void;

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - 60 * m)).padStart(2, "0")}s`;
}

/**
 * The progress line: bar, done/total, rate and time left (the rate so far, extrapolated).
 *
 * @param e The event.
 * @param width Characters of the bar. @default 24
 * @returns E.g. `multi-symbol [######..................] 120/500 symbols  40.0/s  ETA 9.5s`;
 *   when done, the elapsed time instead of the ETA.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatProgress } from "./progress.ts";
 * const line = formatProgress({ label: "run", done: 50, total: 200, unit: "symbols", elapsedSeconds: 2 });
 * assert.equal(line, "run [######..................] 50/200 symbols  25.0/s  ETA 6.0s");
 * ```
 */
export function formatProgress(e: ProgressEvent, width = 24): string {
  const share = e.total > 0 ? Math.min(1, e.done / e.total) : 1;
  const filled = Math.round(share * width);
  const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
  const rate = e.elapsedSeconds > 0 ? e.done / e.elapsedSeconds : NaN;
  const rateText = Number.isFinite(rate) ? `${rate.toFixed(1)}/s` : "-/s";
  const tail = e.done >= e.total
    ? `done in ${duration(e.elapsedSeconds)}`
    : `ETA ${duration(rate > 0 ? (e.total - e.done) / rate : NaN)}`;
  return `${e.label} [${bar}] ${e.done}/${e.total} ${e.unit}  ${rateText}  ${tail}`;
}
