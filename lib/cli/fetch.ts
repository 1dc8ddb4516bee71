/**
 * `deno task fetch SYMBOL.. --provider stooq|yahoo|ibkr|alpaca [--from D] [--to D]
 * [--update] [--db P] [--base-url URL] [--mode strict|relaxed] [--cache-dir DIR]
 * [--refresh] [--overlap N] [--json]`
 *
 * Downloads daily bars (and the provider's splits and dividends) and stores them through
 * the same transactional ingest as files, DataSanity included (STRICT by default), one
 * transaction per symbol, logged in `ingests` with the provider and the request. Raw
 * responses are cached in `<db dir>/cache/<provider>/` (a re-run does not download
 * again; `--refresh` does). Credentials come from the environment or `.env` and are
 * never printed. Exit codes: 0 ok, 1 a symbol failed (its store is unchanged; the
 * message names the provider and the symbol), 2 bad flags.
 *
 * @module
 */
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { expects } from "../_shared/expected.ts";
import { SymbolSchema } from "../_shared/schemas.ts";
import {
  fetchBars,
  type FetchDeps,
  FetchOptionsSchema,
  type FetchReport,
  openDb,
  type SymbolFetchResult,
} from "../data/mod.ts";
import { loadEnv } from "../paper/mod.ts";
import { sanityHook } from "../sanity/mod.ts";
import { jsonText as toJson } from "../store/mod.ts";
import {
  type CliIo,
  consoleIo,
  reportError,
  runAsScript,
  runTask,
} from "./_cli.ts";
import { cacheDirOf, dbPathFlag, UserPathSchema } from "./_paths.ts";

const O = FetchOptionsSchema.shape;

/** The flags: the fetch options' own schemas (errors name the flag), plus the task's. */
const FlagsSchema = z.strictObject({
  symbols: z.array(SymbolSchema).min(1),
  provider: O.provider.describe("where the bars come from"),
  from: O.from.describe("first day (default the provider's earliest)"),
  to: O.to.describe("last day, not after today (default yesterday, UTC)"),
  update: O.update.describe(
    "only the days after each symbol's last stored bar, plus --overlap stored bars that must agree",
  ),
  db: dbPathFlag({ create: true }),
  baseUrl: O.baseUrl.describe(
    "the provider's base URL (default TRADELAB_<PROVIDER>_URL, else the provider's)",
  ),
  mode: O.mode.describe(
    "DataSanity and vendor revisions: STRICT fails and stores nothing, RELAXED takes the provider's values and lists them",
  ),
  cacheDir: expects(UserPathSchema, { text: "a path", placeholder: "DIR" })
    .optional().describe(
      "the raw-response cache (default <db dir>/cache; none for :memory:)",
    ),
  refresh: O.refresh.describe("download again even when a response is cached"),
  overlap: O.overlapBars.describe(
    "--update: stored bars fetched again and compared",
  ),
  json: z.boolean().default(false).describe("print one JSON report"),
});

function line(r: SymbolFetchResult, provider: string): string {
  const revised = r.revisions.length > 0
    ? `; ${r.revisions.length} vendor revision(s) applied (relaxed)`
    : "";
  const cached = r.requests.every((q) => q.cached) && r.requests.length > 0
    ? " (from cache)"
    : "";
  if (r.status === "up-to-date") {
    return `${r.symbol}: up to date from ${provider}${cached}, ${r.fetched} bar(s) since ${r.from} agree with the store${revised}`;
  }
  return `${r.symbol}: ${r.rows} bar(s) stored from ${provider}${cached} (${r.first}..${r.last}), ${r.actions} split(s)/dividend(s)${revised}`;
}

/** What tests may replace: the retry waits, the clock and the environment. */
export type FetchTaskDeps = Pick<FetchDeps, "retry" | "today" | "env">;

/**
 * Run the task.
 *
 * @param args Command-line arguments.
 * @param io Output sink. @default the console
 * @param deps Retry policy, clock and environment. @default the real ones (`.env`
 *   overlaid by the process environment)
 * @returns Exit code: 0 ok, 1 a symbol failed, 2 bad flags.
 */
export function main(
  args: string[],
  io: CliIo = consoleIo,
  deps: FetchTaskDeps = {},
): Promise<number> {
  return runTask(args, io, {
    name: "fetch",
    summary:
      "Download daily bars (and splits and dividends) from a provider and store them through the same validated ingest as files, one transaction per symbol.",
    about:
      "Raw responses are cached in <db dir>/cache/<provider>/ (a re-run does not download again; --refresh does). Alpaca needs APCA_API_KEY_ID and APCA_API_SECRET_KEY (environment or .env); credentials are never printed. Exit 1 when a symbol failed (nothing of it is stored).",
    examples: ["AAPL MSFT --provider yahoo --from 2018-01-01"],
    flags: FlagsSchema,
    positional: {
      key: "symbols",
      arity: "many",
      name: "SYMBOL",
      description:
        "the symbols to fetch, as the provider's tickers (AAPL, ^GSPC)",
    },
    run: async (flags) => {
      try {
        return await fetchTask(flags, io, deps);
      } catch (e) {
        if (e instanceof ConfigError && e.source === "fetch options") {
          return reportError(
            new ConfigError("--flags", flagOf(e.path), e.expected, e.received),
            io,
          );
        }
        throw e;
      }
    },
  });
}

async function fetchTask(
  flags: z.output<typeof FlagsSchema>,
  io: CliIo,
  deps: FetchTaskDeps,
): Promise<number> {
  const opts = parseConfig(FetchOptionsSchema, {
    provider: flags.provider,
    from: flags.from,
    to: flags.to,
    update: flags.update,
    mode: flags.mode,
    overlapBars: flags.overlap,
    baseUrl: flags.baseUrl,
    cacheDir: flags.cacheDir ?? cacheDirOf(flags.db),
    refresh: flags.refresh,
  }, "fetch options");
  const env = deps.env ?? await loadEnv();
  const db = await openDb(flags.db);
  let report: FetchReport;
  try {
    report = await fetchBars(db, flags.symbols, {
      ...opts,
      env,
      retry: deps.retry,
      today: deps.today,
      validate: sanityHook({ mode: opts.mode }),
    });
  } finally {
    await db.close();
  }
  if (flags.json) {
    io.out(toJson(report));
  } else {
    for (const r of report.results) {
      if (r.status === "failed") io.err(r.error ?? `${r.symbol}: failed`);
      else io.out(line(r, report.provider));
    }
  }
  return report.ok ? 0 : 1;
}

const FLAG_OF: Record<string, string> = {
  baseUrl: "base-url",
  overlapBars: "overlap",
  cacheDir: "cache-dir",
};

function flagOf(path: string): string {
  return FLAG_OF[path] ?? path;
}

if (import.meta.main) await runAsScript(main);
