/**
 * `deno task paper --config F [--db P] [--speed N] [--from D --to D] [--session NAME]
 * [--json]`: run (or resume) a paper-trading session. The replay feed walks stored bars
 * (as fast as possible, or `--speed` bars per second); a config with `feed.kind: "poll"`
 * replays the stored history and then polls the IBKR gateway. Each bar is one DuckDB
 * transaction with a checkpoint: kill the process at any instant and start it again with
 * the same `--db` to resume exactly where it stopped. `deno task kill-switch --db P`
 * stops a running session within one bar. Ctrl-C stops after the current bar.
 *
 * Exit codes: 0 finished (or halted by a limit, which is journaled), 1 run error,
 * 2 bad flags or config.
 *
 * @module
 */
import { z } from "zod";
import { onSignal } from "../_shared/runtime.ts";
import { IsoDateSchema } from "../_shared/schemas.ts";
import { runPaperJob } from "../jobs/mod.ts";
import {
  loadPaperConfig,
  pollingFeed,
  type SessionSummary,
} from "../paper/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { ibkrFromEnv, paperConfigFlag } from "./_paper_common.ts";
import { dbPathFlag } from "./_paths.ts";

/** Flags of the paper task. */
export const PaperFlagsSchema = z.strictObject({
  config: paperConfigFlag(),
  db: dbPathFlag(),
  speed: z.number().nonnegative().optional().describe(
    "replay pace in bars per second (0 = as fast as possible)",
  ),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  session: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . -")
    .optional().describe("session id (default the config's name)"),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
});

/** Human summary of a session. */
export function formatSummary(s: SessionSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return [
    `session ${s.sessionId}: ${s.bars} bars${
      s.resumedFrom ? ` (resumed after ${s.resumedFrom})` : ""
    }${s.halted ? ", HALTED by the kill switch" : ""}`,
    `  equity ${s.finalEquity.toFixed(2)} (${pct(s.totalReturn)})`,
    `  orders ${s.orders}, fills ${s.fills}, alerts ${s.alerts}`,
    `  decision latency p50 ${s.latencyMs.p50.toFixed(3)} ms, p99 ${
      s.latencyMs.p99.toFixed(3)
    } ms (bar in -> orders out)`,
    `  fills: market orders at the next bar's open ± slippage`,
  ].join("\n");
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags or config.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "paper",
    flags: PaperFlagsSchema,
    run: async (flags) => {
      const config = await loadPaperConfig(flags.config);
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      const summary = await withStore(flags.db, async (db) => {
        const unlisten = onSignal("SIGINT", stop);
        try {
          const live = config.feed.kind === "poll"
            ? pollingFeed(await ibkrFromEnv(config), config.symbols, {
              intervalMs: config.feed.pollSeconds * 1000,
              signal: ctl.signal,
            })
            : undefined;
          return await runPaperJob(db, config, {
            sessionId: flags.session,
            from: flags.from,
            to: flags.to,
            speed: flags.speed,
            dbPath: flags.db === ":memory:" ? undefined : flags.db,
            signal: ctl.signal,
            live,
            log: (line) => io.err(line),
            onBar: ({ index, date, equity }) => {
              if (!flags.quiet && !flags.json && index % 50 === 0) {
                io.err(`  bar ${index} ${date} equity ${equity.toFixed(2)}`);
              }
            },
          });
        } finally {
          unlisten();
        }
      });
      io.out(flags.json ? jsonText(summary) : formatSummary(summary));
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
