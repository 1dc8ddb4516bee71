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
import {
  DEFAULT_DB_PATH,
  fetchBars,
  type FetchDeps,
  FetchOptionsSchema,
  type FetchReport,
  openDb,
  PROVIDER_NAMES,
  type SymbolFetchResult,
} from "../data/mod.ts";
import { loadEnv } from "../paper/mod.ts";
import { sanityHook } from "../sanity/mod.ts";
import { jsonText as toJson } from "../store/mod.ts";
import { type CliIo, consoleIo, reportError, runAsScript } from "./_cli.ts";
import { parseFlags } from "./_flags.ts";
import { cacheDirOf } from "./_paths.ts";

const HELP = `Usage: deno task fetch SYMBOL.. --provider ${
  PROVIDER_NAMES.join("|")
}
  [--from YYYY-MM-DD] [--to YYYY-MM-DD (default yesterday, UTC)] [--update]
  [--db data/warehouse.duckdb] [--base-url URL] [--mode strict|relaxed]
  [--cache-dir DIR (default <db dir>/cache)] [--refresh] [--overlap 5] [--json]
Base URLs: --base-url, else TRADELAB_STOOQ_URL / TRADELAB_YAHOO_URL / TRADELAB_IBKR_URL /
TRADELAB_ALPACA_URL. Alpaca needs APCA_API_KEY_ID and APCA_API_SECRET_KEY (environment or .env).`;

/** The flags; their values are checked by `FetchOptionsSchema` (errors name the flag). */
const FlagsSchema = z.strictObject({
  symbols: z.array(z.string()),
  provider: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  update: z.boolean().default(false),
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  baseUrl: z.string().optional(),
  mode: z.string().optional(),
  cacheDir: z.string().min(1).optional(),
  refresh: z.boolean().default(false),
  overlap: z.union([z.number(), z.string()]).optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
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
export async function main(
  args: string[],
  io: CliIo = consoleIo,
  deps: FetchTaskDeps = {},
): Promise<number> {
  let report: FetchReport;
  try {
    const flags = parseFlags(args, FlagsSchema, {
      positional: { key: "symbols", arity: "many", label: "SYMBOL.." },
    });
    const symbols = flags.symbols;
    if (flags.help) {
      io.out(HELP);
      return 0;
    }
    if (symbols.length === 0) {
      throw new ConfigError("--flags", "SYMBOL", "at least one symbol", "none");
    }
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
    try {
      report = await fetchBars(db, symbols, {
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
  } catch (e) {
    if (e instanceof ConfigError && e.source === "fetch options") {
      return reportError(
        new ConfigError("--flags", flagOf(e.path), e.expected, e.received),
        io,
      );
    }
    if (e instanceof ConfigError && e.source === "symbols") {
      return reportError(
        new ConfigError("--flags", "SYMBOL", e.expected, e.received),
        io,
      );
    }
    return reportError(e, io);
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
