/**
 * Progress in a notebook: the terminal's progress line (lib/_shared `formatProgress`)
 * in one output that updates in place, through Jupyter's display messages with a
 * `display_id` (`display_data` first, `update_display_data` after).
 *
 * @module
 */
import { formatProgress, type ProgressSink } from "../_shared/progress.ts";
import { escapeHtml } from "./escape_html.ts";
import { jupyterBroadcast } from "../_shared/runtime.ts";

/** Sends a Jupyter IOPub message (Deno's kernel broadcast). */
export type JupyterBroadcast = (
  type: string,
  content: Record<string, unknown>,
) => Promise<void> | void;

/** Options of {@linkcode notebookProgress}. */
export interface NotebookProgressOptions {
  /** Where messages go. @default the kernel's broadcast when running in Deno's kernel */
  readonly broadcast?: JupyterBroadcast;
  /** Least time between two updates, ms (the last event always shows). @default 200 */
  readonly everyMs?: number;
  /** Milliseconds clock. @default performance.now */
  readonly now?: () => number;
}

let displays = 0;

/**
 * A progress sink for notebook cells: one output showing the progress line (bar,
 * done/total, rate, ETA), updated in place. Undefined outside a notebook kernel (pass it
 * as `onProgress` either way).
 *
 * @param options Where messages go and how often.
 * @returns The sink, or undefined.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookProgress } from "./notebook_progress.ts";
 * const sent: [string, Record<string, unknown>][] = [];
 * const p = notebookProgress({ broadcast: (t, c) => void sent.push([t, c]), now: () => 0 })!;
 * p({ label: "run", done: 1, total: 2, unit: "symbols", elapsedSeconds: 1 });
 * p({ label: "run", done: 2, total: 2, unit: "symbols", elapsedSeconds: 2 });
 * assert.deepEqual(sent.map(([t]) => t), ["display_data", "update_display_data"]);
 * ```
 */
export function notebookProgress(
  options: NotebookProgressOptions = {},
): ProgressSink | undefined {
  const broadcast = options.broadcast ?? jupyterBroadcast();
  if (!broadcast) return undefined;
  const now = options.now ?? (() => performance.now());
  const every = options.everyMs ?? 200;
  const id = `tradelab-progress-${++displays}`;
  let shown = false, last = -Infinity;
  return (e) => {
    const t = now();
    if (shown && e.done < e.total && t - last < every) return;
    last = t;
    const line = formatProgress(e);
    void broadcast(shown ? "update_display_data" : "display_data", {
      data: {
        "text/plain": line,
        "text/html": `<pre style="margin:0">${escapeHtml(line)}</pre>`,
      },
      metadata: {},
      transient: { display_id: id },
    });
    shown = true;
  };
}
