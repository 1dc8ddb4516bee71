/**
 * The weekly cycle of a paper session, driven by the data: update the session's symbols
 * from its provider (or, with the `store` source, take the bars already stored: no
 * update, no network), find the complete weeks that are new since the session's last
 * journaled bar (`lastCompleteWeek` in lib/data), advance the session through them (the
 * paper journal: one transaction per bar, resumable after a crash), reconcile it with
 * the backtest of its rules (stored in `reconciliations`) and send a reconciliation
 * alert through the session's sinks when it is off target or the halts differ.
 *
 * Idempotent: with no new complete week the store is left exactly as it was (the fetch
 * finds nothing new, nothing is journaled or reconciled). After a crash the next run
 * resumes the journal from its last committed bar and reconciles what was not.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { ConfigError } from "../_shared/errors.ts";
import {
  type BarSource,
  type DbEngine,
  fetchBars,
  type FetchDeps,
  type FetchOptionsInput,
  type FetchReport,
  isoWeek,
  type LastCompleteWeek,
  lastCompleteWeek,
  type ProviderName,
} from "../data/mod.ts";
import {
  type PaperConfig,
  type PaperJournal,
  type reconcilePaper,
  runPaper,
  type SessionOptions,
  type SessionSummary,
} from "../paper/mod.ts";
import { sanityHook } from "../sanity/mod.ts";
import {
  createPaperJournal,
  readLatestWeeklyCycle,
  saveWeeklyCycle,
  tableExists,
} from "../store/mod.ts";
import { reconcileIfDue } from "./_weekly_reconcile.ts";
import { codeVersion } from "./code_version.ts";
import { loadSessionBars } from "./paper_jobs.ts";
import {
  barDates,
  checkFingerprints,
  checkNoSplit,
  checkStoredBars,
  checkTradedDates,
  type CyclePeriod,
  cyclePeriod,
  fingerprint,
  noStoredBars,
  STORE_BARS,
  WeeklyCycleError,
} from "./_weekly_checks.ts";

export { noStoredBars, STORE_BARS, WeeklyCycleError };

/** Options of {@linkcode runWeeklyJob}. */
export interface WeeklyJobOptions {
  /**
   * Which provider updates the symbols (the flag, else the config's `data.provider`);
   * `store`: none, the cycle trades the bars already stored.
   */
  readonly provider: BarSource;
  /** Base URL and cache of the fetch, and its environment, retries and clock. */
  readonly fetch?:
    & Pick<FetchOptionsInput, "baseUrl" | "cacheDir">
    & Omit<FetchDeps, "validate">;
  /** The store file: enables the kill switch `<db>.kill`. */
  readonly dbPath?: string;
  /** Code version recorded with the session. @default the repository's */
  readonly codeVersion?: string;
  /** Allowed relative difference to the backtest of the rules. @default 0.05 */
  readonly target?: number;
  /** Console lines of the alert sinks. */
  readonly log?: (line: string) => void;
  /** Progress after each committed bar. */
  readonly onBar?: SessionOptions["onBar"];
  /** Stops the session between bars (the next cycle resumes it). */
  readonly signal?: AbortSignal;
}

/** What one cycle did. */
export interface WeeklyJobResult {
  readonly sessionId: string;
  /** Where the bars came from: a provider, or `store` (no update). */
  readonly source: BarSource;
  /** The update (null for the `store` source: no update ran). */
  readonly fetch: FetchReport | null;
  /** Where the bars came from, in words (for the output and the weekly pages). */
  readonly bars: string;
  /** The last complete week in the store and the rule that decided it. */
  readonly complete: LastCompleteWeek;
  /** Weeks traded by this run, in order (empty: nothing new). */
  readonly weeks: readonly string[];
  /** First and last date traded by this run. */
  readonly traded: { readonly from: string; readonly to: string } | null;
  readonly summary: SessionSummary | null;
  /** The session's last journaled bar after this run (null: it has none yet). */
  readonly lastTraded: string | null;
  /** The reconciliation stored by this run (null when none was due). */
  readonly reconciliation: Awaited<ReturnType<typeof reconcilePaper>> | null;
  /** One line: what happened. */
  readonly message: string;
}

/** Run the fetch; any failed symbol stops the cycle before the session moves. */
async function update(
  db: DbEngine,
  config: PaperConfig,
  o: WeeklyJobOptions & { readonly provider: ProviderName },
): Promise<FetchReport> {
  const report = await fetchBars(db, config.symbols, {
    ...o.fetch,
    provider: o.provider,
    update: true,
    validate: sanityHook({ mode: "strict" }),
  });
  if (report.ok) return report;
  const failed = report.results.filter((r) => r.status === "failed");
  throw new WeeklyCycleError(
    `Cannot run the weekly cycle of session "${config.name}": the update from ${o.provider} failed, so the session did not advance (a failed symbol stores nothing):\n${
      failed.map((r) => `  ${r.error ?? r.symbol}`).join("\n")
    }`,
  );
}

async function journaledDates(
  db: DbEngine,
  journal: PaperJournal,
  sessionId: string,
) {
  if (!(await tableExists(db, "paper_checkpoints"))) {
    return { dates: [] as string[], checkpoint: undefined };
  }
  return {
    dates: (await journal.readEquity(sessionId)).dates,
    checkpoint: await journal.readCheckpoint(sessionId),
  };
}

/**
 * Run one weekly cycle of a session (see the module doc).
 *
 * @param db The store (open for writing).
 * @param config The session config (its name is the session).
 * @param options Provider, fetch settings, kill-switch path, hooks.
 * @returns What the cycle did.
 * @throws {WeeklyCycleError} When the update fails, the store lacks the session's bars
 *   (`store` source), or the traded bars changed.
 * @throws {ConfigError} For a polling session (the weekly cycle replays stored bars).
 */
export async function runWeeklyJob(
  db: DbEngine,
  config: PaperConfig,
  options: WeeklyJobOptions,
): Promise<WeeklyJobResult> {
  if (config.feed.kind !== "replay") {
    throw new ConfigError(
      `the config of session "${config.name}"`,
      "feed.kind",
      '"replay" (the weekly cycle replays the stored bars week by week)',
      config.feed.kind,
    );
  }
  const sessionId = config.name;
  const { provider } = options;
  if (provider === "store") await checkStoredBars(db, config, options.dbPath);
  const fetched = provider === "store"
    ? null
    : await update(db, config, { ...options, provider });
  const bars = await loadSessionBars(db, config, { samples: false });
  const complete = lastCompleteWeek(
    Object.fromEntries(bars.map((b) => [b.symbol, b.dates.at(-1)])),
    config.data?.calendar ?? "nyse",
  );
  const journal = createPaperJournal(db);
  const done = await journaledDates(db, journal, sessionId);
  const dates = barDates(bars);
  const period = cyclePeriod(config, dates, complete, {
    first: done.dates[0],
    last: done.checkpoint?.date,
  });
  const summary = period && period.dates.length > 0
    ? await advance(db, config, bars, { dates, period, done }, options)
    : null;
  const lastTraded = summary === null
    ? done.checkpoint?.date ?? null
    : (await journal.readCheckpoint(sessionId))?.date ?? null;
  const reconciliation = await reconcileIfDue(db, config, bars, options);
  const todo = period?.dates ?? [];
  const stopped = summary !== null && summary.bars < todo.length;
  return {
    sessionId,
    source: provider,
    fetch: fetched,
    bars: provider === "store" ? STORE_BARS : `bars updated from ${provider}`,
    complete,
    weeks: weeksOf(todo),
    traded: todo.length ? { from: todo[0], to: todo[todo.length - 1] } : null,
    summary,
    lastTraded,
    reconciliation,
    message: stopped
      ? `session "${sessionId}" stopped after ${summary.bars} of ${todo.length} new bars (through ${lastTraded}): run again to resume`
      : describe(config, complete, period, done.checkpoint?.date),
  };
}

/** Check the traded bars, then advance the session through the cycle's period. */
async function advance(
  db: DbEngine,
  config: PaperConfig,
  bars: readonly Bars[],
  at: {
    dates: readonly string[];
    period: CyclePeriod;
    done: Awaited<ReturnType<typeof journaledDates>>;
  },
  options: WeeklyJobOptions,
): Promise<SessionSummary> {
  const { dates, period, done } = at;
  checkTradedDates(config.name, dates, done.dates);
  checkFingerprints(
    config.name,
    bars,
    await readLatestWeeklyCycle(db, config.name),
  );
  const first = dates[
    Math.max(0, dates.indexOf(period.from) - config.feed.warmupBars)
  ];
  await checkNoSplit(db, config, { first, to: period.to });
  const summary = await runPaper(createPaperJournal(db), config, bars, {
    from: period.from,
    to: period.to,
    dbPath: options.dbPath,
    codeVersion: options.codeVersion ?? await codeVersion(),
    log: options.log,
    onBar: options.onBar,
    signal: options.signal,
  });
  const through = (await createPaperJournal(db).readCheckpoint(config.name))
    ?.date;
  if (through !== undefined) {
    await saveWeeklyCycle(
      db,
      config.name,
      bars.map((b) => fingerprint(b, first, through)),
      new Date().toISOString(),
    );
  }
  return summary;
}

function weeksOf(dates: readonly string[]): string[] {
  return [...new Set(dates.map(isoWeek))];
}

function describe(
  config: PaperConfig,
  complete: LastCompleteWeek,
  period: CyclePeriod | null,
  lastTraded: string | undefined,
): string {
  const s = `session "${config.name}"`;
  if (complete.week === null) {
    return `No complete week in the store for ${s}: ${complete.reason}`;
  }
  if (period && period.dates.length > 0) {
    const ws = weeksOf(period.dates);
    const span = ws.length === 1 ? ws[0] : `${ws[0]}..${ws.at(-1)}`;
    return `${s} traded ${ws.length} new complete week${
      ws.length === 1 ? "" : "s"
    }, ${span} (${period.dates.length} bars, ${period.dates[0]}..${
      period.dates.at(-1)
    })`;
  }
  const ended = config.feed.to !== undefined && lastTraded !== undefined &&
      lastTraded >= config.feed.to
    ? ` The session ended on feed.to ${config.feed.to}.`
    : "";
  return `No new complete week for ${s}: the last complete week is ${complete.week} (${complete.reason}); the session has traded through ${
    lastTraded ?? "nothing yet"
  }.${ended}`;
}
