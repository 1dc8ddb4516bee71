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
import { DEFAULT_DB_PATH } from "../data/mod.ts";
import {
  loadPaperConfig,
  pollingFeed,
  runPaper,
  type SessionSummary,
} from "../paper/mod.ts";
import {
  type CliIo,
  codeVersion,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { createPaperJournal } from "../store/mod.ts";
import {
  DEFAULT_PAPER_CONFIG,
  ibkrFromEnv,
  openSessionData,
} from "./_paper_common.ts";

const Date_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

/** Flags of the paper task. */
export const PaperFlagsSchema = z.strictObject({
  config: z.string().min(1).default(DEFAULT_PAPER_CONFIG),
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  speed: z.number().nonnegative().optional(),
  from: Date_.optional(),
  to: Date_.optional(),
  session: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . -")
    .optional(),
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
 * @param io Output sink (tests capture it).
 * @returns Exit code.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  let flags: z.output<typeof PaperFlagsSchema>;
  try {
    flags = parseFlags(args, PaperFlagsSchema, {
      strings: ["config", "db", "from", "to", "session"],
      numbers: ["speed"],
      booleans: ["json", "quiet"],
    });
  } catch (e) {
    return reportError(e, io);
  }
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  try {
    const config = await loadPaperConfig(flags.config);
    const { db, bars } = await openSessionData(flags.db, config);
    try {
      Deno.addSignalListener("SIGINT", stop);
      const live = config.feed.kind === "poll"
        ? pollingFeed(await ibkrFromEnv(config), config.symbols, {
          intervalMs: config.feed.pollSeconds * 1000,
          signal: ctl.signal,
        })
        : undefined;
      const summary = await runPaper(createPaperJournal(db), config, bars, {
        sessionId: flags.session,
        from: flags.from,
        to: flags.to,
        speed: flags.speed,
        dbPath: flags.db === ":memory:" ? undefined : flags.db,
        codeVersion: await codeVersion(),
        signal: ctl.signal,
        live,
        log: (line) => io.err(line),
        onBar: ({ index, date, equity }) => {
          if (!flags.quiet && !flags.json && index % 50 === 0) {
            io.err(`  bar ${index} ${date} equity ${equity.toFixed(2)}`);
          }
        },
      });
      io.out(flags.json ? toJson(summary) : formatSummary(summary));
      return 0;
    } finally {
      Deno.removeSignalListener("SIGINT", stop);
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
