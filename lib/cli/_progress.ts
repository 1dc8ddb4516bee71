/**
 * Progress on the terminal: one line on stderr, redrawn in place, only when stderr is a
 * terminal (never into a pipe or a file, never with `--json`).
 *
 * @module
 */
import { formatProgress, type ProgressSink } from "../_shared/progress.ts";
import { isTerminal, writeStderr } from "../_shared/runtime.ts";

/** Redraws at most this often (ms), plus the last event. */
const EVERY_MS = 100;

/**
 * A progress sink drawing {@linkcode formatProgress}'s line on stderr, or undefined
 * (quiet) when disabled or when stderr is not a terminal.
 *
 * @param enabled Draw at all (false with `--json`).
 * @returns The sink, or undefined.
 */
export function terminalProgress(enabled: boolean): ProgressSink | undefined {
  if (!enabled || !isTerminal("stderr")) return undefined;
  let last = -Infinity;
  return (e) => {
    const now = performance.now(), final = e.done >= e.total;
    if (!final && now - last < EVERY_MS) return;
    last = now;
    writeStderr(`\r\x1b[2K${formatProgress(e)}${final ? "\n" : ""}`);
  };
}
