/**
 * `deno task weekly --config F [--db P] [--provider store|stooq|yahoo|ibkr|alpaca]
 * [--reports DIR] [--base-url URL] [--json] [--quiet]`: the weekly cycle of a paper
 * session. The data decides, not the clock: it updates the session's symbols from the
 * provider (the flag, else the config's `data.provider`; `store`: no update, the bars
 * already in the store, e.g. the built-in samples), trades every complete week
 * that is new since the session's last bar (a week is complete once its last NYSE
 * trading day, or a bar of a later week, is stored: `data.calendar`), reconciles the
 * session with the backtest of its rules, sends alerts through the session's sinks, and
 * writes each new week's report and the weekly index into `<reports>/weekly/`.
 *
 * Idempotent: with no new complete week nothing in the store or the reports changes.
 * Resumable: killed at any instant, the next run resumes the journal from its last bar
 * and writes what is missing. Ctrl-C stops after the current bar.
 *
 * Exit codes: 0 ok (new weeks traded, or nothing new), 1 the update failed (provider
 * down, unknown symbol, vendor revision), the store lacks the session's bars (`store`:
 * the message says what to run first), the store is held by another process, or the
 * traded bars changed; 2 bad flags or config (a config without `data.provider` and no
 * `--provider`).
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "../_shared/errors.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BAR_SOURCES, type BarSource, type FetchDeps } from "../data/mod.ts";
import { onSignal } from "../_shared/runtime.ts";
import {
  noStoredBars,
  runWeeklyJob,
  type WeeklyJobResult,
} from "../jobs/mod.ts";
import { loadEnv, loadPaperConfig, type PaperConfig } from "../paper/mod.ts";
import { writeIndexIfChanged, writeWeeklyReports } from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { paperConfigFlag } from "./_paper_common.ts";
import { cacheDirOf, dbPathFlag, userPathFlag } from "./_paths.ts";
import { formatSummary } from "./paper.ts";
import { formatReconciliation } from "./reconcile.ts";
import { writtenLines } from "./_written.ts";

/** Flags of the weekly task. */
export const WeeklyFlagsSchema = z.strictObject({
  config: paperConfigFlag(),
  db: dbPathFlag(),
  provider: z.enum(BAR_SOURCES, {
    errorMap: () => ({ message: `one of ${BAR_SOURCES.join(", ")}` }),
  }).optional().describe(
    `${
      BAR_SOURCES.join("|")
    } (default the config's data.provider; store: no update, the stored bars)`,
  ),
  reports: userPathFlag("reports").describe(
    "the reports folder; weekly pages go to <reports>/weekly (default reports)",
  ),
  baseUrl: z.string().url("an http(s) URL").optional().describe(
    "the provider's base URL (default TRADELAB_<PROVIDER>_URL, else the provider's)",
  ),
  json: z.boolean().default(false).describe("print one JSON report"),
  quiet: z.boolean().default(false).describe("no progress lines on stderr"),
});
type Flags = z.output<typeof WeeklyFlagsSchema>;

/** What tests may replace: the environment, the clock and the retry waits. */
export type WeeklyTaskDeps = Pick<FetchDeps, "env" | "today" | "retry">;

function providerOf(flags: Flags, config: PaperConfig): BarSource {
  const p = flags.provider ?? config.data?.provider;
  if (p !== undefined) return p;
  throw new ConfigError(
    flags.config,
    "data.provider",
    `the provider of the session's symbols (${
      BAR_SOURCES.join(", ")
    }), e.g. "data": { "provider": "yahoo" }, or the --provider flag`,
    "no data section",
  );
}

/** The cycle and the reports, on one open store. */
async function cycle(
  flags: Flags,
  config: PaperConfig,
  provider: BarSource,
  io: CliIo,
  deps: WeeklyTaskDeps,
  signal: AbortSignal,
): Promise<{ result: WeeklyJobResult; written: string[] }> {
  const env = deps.env ?? await loadEnv();
  const talk = !flags.quiet && !flags.json;
  return await withStore(flags.db, async (db) => {
    const result = await runWeeklyJob(db, config, {
      provider,
      fetch: {
        baseUrl: flags.baseUrl,
        cacheDir: cacheDirOf(flags.db),
        env,
        today: deps.today,
        retry: deps.retry,
      },
      dbPath: flags.db === ":memory:" ? undefined : flags.db,
      log: (line) => io.err(line),
      signal,
      onBar: ({ index, date, equity }) => {
        if (talk && index % 50 === 0) {
          io.err(`  bar ${index} ${date} equity ${equity.toFixed(2)}`);
        }
      },
    });
    if (result.lastTraded === null) return { result, written: [] };
    const written = await writeWeeklyReports(db, flags.reports, {
      runId: config.name,
      keepExisting: true,
      bars: result.bars,
    });
    const index = await writeIndexIfChanged(flags.reports);
    if (index !== null) written.push(index);
    return { result, written };
  });
}

/**
 * The cycle in words: what it did, where its bars came from, the session, the
 * reconciliation, the reports (`index`: the weekly index, named when nothing new was
 * written).
 */
function text(
  r: WeeklyJobResult,
  written: readonly string[],
  index: string | null,
): string {
  const update = r.fetch;
  return [
    r.message,
    ...(update === null
      ? [`  ${r.bars}`]
      : update.results.map((x) =>
        `  ${x.symbol}: ${
          x.status === "stored"
            ? `${x.rows} new bar(s) ${x.first}..${x.last}`
            : "up to date"
        } from ${update.provider}`
      )),
    ...(r.summary ? [formatSummary(r.summary)] : []),
    ...(r.reconciliation ? [formatReconciliation(r.reconciliation)] : []),
    ...(written.length
      ? ["reports:", ...writtenLines(written).map((p) => `  ${p}`)]
      : [
        `reports: nothing new to write${
          index ? ` (weekly index: ${index})` : ""
        }`,
      ]),
  ].join("\n");
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @param deps Environment, clock and retry waits. @default the real ones (`.env`
 *   overlaid by the process environment)
 * @returns Exit code: 0 ok, 1 run error, 2 bad flags or config.
 */
export function main(
  args: string[],
  io: CliIo = consoleIo,
  deps: WeeklyTaskDeps = {},
): Promise<number> {
  return runTask(args, io, {
    name: "weekly",
    summary:
      "Run the weekly cycle of a paper session: update its symbols, trade every new complete week, reconcile it with the backtest of its rules, alert, and write each new week's report.",
    about:
      "Idempotent and resumable: a week already done is skipped, a cycle killed midway continues where it stopped. Exit 1 when a check fails or the session halts.",
    examples: [
      "--config config/enhanced_paper_trading_config.json",
      "--config config/weekly_paper_trading_config.json",
      "--config config/weekly_paper_trading_config.json --provider stooq --json",
    ],
    flags: WeeklyFlagsSchema,
    run: async (flags) => {
      const config = await loadPaperConfig(flags.config);
      const provider = providerOf(flags, config);
      if (
        provider === "store" && flags.db !== ":memory:" && !existsSync(flags.db)
      ) {
        // opening would create an empty store: say what to run first instead
        throw noStoredBars(
          config,
          `there is no store at ${flags.db}`,
          flags.db,
        );
      }
      if (config.feed.kind !== "replay") {
        throw new ConfigError(
          flags.config,
          "feed.kind",
          '"replay" (the weekly cycle replays the stored bars week by week)',
          `"${config.feed.kind}"`,
        );
      }
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      const removeListener = onSignal("SIGINT", stop);
      try {
        const { result, written } = await cycle(
          flags,
          config,
          provider,
          io,
          deps,
          ctl.signal,
        );
        const index = join(flags.reports, "weekly", "index.html");
        io.out(
          flags.json
            ? jsonText({ ...result, written })
            : text(result, written, existsSync(index) ? index : null),
        );
        return 0;
      } finally {
        removeListener();
      }
    },
  });
}

if (import.meta.main) await runAsScript(main);
