/**
 * Alert sinks: console, a JSONL log file and a webhook (HTTP POST of JSON). The `alerts`
 * table is written by the session itself, inside each bar's transaction.
 *
 * @module
 */
import { appendFile } from "node:fs/promises";
import type { Alert } from "./monitor.ts";

/** Where alerts go besides the journal. */
export interface SinkOptions {
  readonly console?: boolean;
  /** Append one JSON object per line to this file. */
  readonly jsonl?: string | null;
  /** POST `{ session, alerts }` as JSON to this URL. */
  readonly webhook?: string | null;
  readonly sessionId: string;
  /** Where console lines go. @default console.error */
  readonly log?: (line: string) => void;
}

/**
 * Build the `onAlerts` callback of a session from sink options. A failing webhook is
 * reported on the log and never stops the session.
 */
export function createAlertSinks(
  options: SinkOptions,
): (alerts: readonly Alert[]) => Promise<void> {
  // deno-lint-ignore no-console
  const log = options.log ?? ((line: string) => console.error(line));
  return async (alerts) => {
    if (alerts.length === 0) return;
    if (options.console !== false) {
      for (const a of alerts) {
        log(`[alert ${a.severity}] ${a.date} ${a.rule}: ${a.message}`);
      }
    }
    if (options.jsonl) {
      const lines = alerts.map((a) =>
        JSON.stringify({ session: options.sessionId, ...a })
      ).join("\n") + "\n";
      await appendFile(options.jsonl, lines);
    }
    if (options.webhook) {
      try {
        const res = await fetch(options.webhook, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ session: options.sessionId, alerts }),
          signal: AbortSignal.timeout(5000),
        });
        await res.body?.cancel();
        if (!res.ok) log(`[alert sink] webhook answered HTTP ${res.status}`);
      } catch (e) {
        log(`[alert sink] webhook failed: ${(e as Error).message}`);
      }
    }
  };
}
