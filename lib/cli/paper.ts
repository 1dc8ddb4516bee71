/**
 * `deno task paper --config F [--db P] [--speed N] [--from D --to D]
 * [--session ID | --new-session ID] [--json]`: run (or resume) a paper-trading session.
 * The replay feed walks stored bars (as fast as possible, or `--speed` bars per second);
 * a config with `feed.kind: "poll"` replays the stored history and then polls the IBKR
 * gateway. Each bar is one DuckDB transaction with a checkpoint: kill the process at any
 * instant and start it again with the same `--db` and config to resume exactly where it
 * stopped.
 *
 * Before anything is written the config passes the same validation as
 * `deno task preflight` (strategy and parameters, capital, limits, components, broker
 * reachable), and the session is chosen by lib/paper `chooseSession`: the config's name
 * (or `--session ID`) resumes that session only when its config is unchanged (else exit
 * 2 naming the changed fields); `--new-session ID` starts a new session and leaves the
 * others as they are. `deno task kill-switch --db P` stops a running session within one
 * bar. Ctrl-C stops after the current bar.
 *
 * Exit codes: 0 finished (or halted by a limit or the kill switch, which is journaled
 * and printed with its rule), 1 run error or broker unreachable, 2 bad flags or config.
 *
 * @module
 */
import { z } from "zod";
import { onSignal } from "../_shared/runtime.ts";
import { IsoDateSchema } from "../_shared/schemas.ts";
import { runPaperJob } from "../jobs/mod.ts";
import {
  loadPaperConfig,
  SessionIdSchema,
  type SessionSummary,
} from "../paper/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { paperConfigFlag } from "./_paper_common.ts";
import { dbPathFlag } from "./_paths.ts";

/** Flags of the paper task. */
export const PaperFlagsSchema = z.strictObject({
  config: paperConfigFlag(),
  db: dbPathFlag(),
  speed: z.number().nonnegative().optional().describe(
    "replay pace in bars per second (0 = as fast as possible)",
  ),
  from: IsoDateSchema.optional().describe("first bar replayed"),
  to: IsoDateSchema.optional().describe("last bar replayed"),
  session: SessionIdSchema.optional().describe(
    "resume (or start) the session with this id (default the config's name)",
  ),
  newSession: SessionIdSchema.optional().describe(
    "start a new session with this id; stored sessions stay as they are",
  ),
  json: z.boolean().default(false).describe(
    "print the session summary as one JSON object",
  ),
  quiet: z.boolean().default(false).describe(
    "no progress lines (every 50 bars) on stderr",
  ),
}).refine(
  (f) => f.session === undefined || f.newSession === undefined,
  {
    message: "either --session or --new-session, not both",
    path: ["newSession"],
  },
);

const HALT_RULES: Readonly<Record<string, string>> = {
  "max-drawdown": "the drawdown limit (limits.maxDrawdown)",
  manual: "the kill switch",
};

/** Human summary of a session (figures over the whole session). */
export function formatSummary(s: SessionSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const ms = (x: number) => Number.isFinite(x) ? `${x.toFixed(3)} ms` : "n/a";
  const resumed = s.resumedFrom
    ? ` (resumed after ${s.resumedFrom}: ${
      s.newBars === 0 ? "no new bar" : `${s.newBars} new`
    })`
    : "";
  const halted = s.halt
    ? `\n  HALTED on ${s.halt.date} by ${
      HALT_RULES[s.halt.rule] ?? s.halt.rule
    }: ${s.halt.reason}`
    : "";
  return [
    `session ${s.sessionId}: ${s.bars} bars${resumed}${halted}`,
    `  equity ${s.finalEquity.toFixed(2)} (${pct(s.totalReturn)})`,
    `  orders ${s.orders}, fills ${s.fills}, alerts ${s.alerts}`,
    `  decision latency p50 ${ms(s.latencyMs.p50)}, p99 ${
      ms(s.latencyMs.p99)
    } (bar in -> orders out)`,
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
    summary:
      "Run or resume a paper-trading session: replay stored bars (or poll a live feed) through the strategy, the risk guard and a simulated broker.",
    about:
      "Each bar is one DuckDB transaction with a checkpoint: stop the process at any instant and start it again with the same --db to resume. deno task kill-switch --db P stops a running session within one bar; Ctrl-C stops after the current bar. Fills: market orders at the next bar's open.",
    examples: [
      "--config config/enhanced_paper_trading_config.json --db :memory: --quiet",
    ],
    flags: PaperFlagsSchema,
    run: async (flags) => {
      const config = await loadPaperConfig(flags.config);
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      const summary = await withStore(flags.db, async (db) => {
        const unlisten = onSignal("SIGINT", stop);
        try {
          return await runPaperJob(db, config, {
            source: flags.config,
            sessionId: flags.session,
            newSession: flags.newSession,
            from: flags.from,
            to: flags.to,
            speed: flags.speed,
            dbPath: flags.db === ":memory:" ? undefined : flags.db,
            signal: ctl.signal,
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
