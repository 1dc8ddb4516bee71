/**
 * Fetching symbols from a provider into the store: download (through the raw-response
 * cache), compare with what is stored, then the same transactional ingest as files.
 *
 * @module
 */
import { z } from "zod";
import { parseConfig } from "../../_shared/config.ts";
import { ConfigError } from "../../_shared/errors.ts";
import type { DbEngine } from "../engine.ts";
import type { ValidateHook } from "../ingest_file.ts";
import { ensureSchema } from "../schema.ts";
import { addDays } from "./_dates.ts";
import {
  type FetchOptionsInput,
  FetchOptionsSchema,
  SymbolSchema,
} from "./config.ts";
import { DEFAULT_RETRY, type RetryPolicy } from "./http.ts";
import { PROVIDERS } from "./registry.ts";
import type { Revision } from "./_revisions.ts";
import { fetchSymbol, type SymbolPlan } from "./_fetch_symbol.ts";

/** What the fetch needs besides its options: the checks, the environment and the clock. */
export interface FetchDeps {
  /**
   * Run on the staged bars inside the ingest transaction (pass `sanityHook(...)` of
   * lib/sanity for DataSanity); a throw rolls the symbol back.
   */
  readonly validate: ValidateHook;
  /** Credentials and `TRADELAB_<PROVIDER>_URL`. @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Retries, timeout and the wait function. @default {@linkcode DEFAULT_RETRY} */
  readonly retry?: Partial<RetryPolicy>;
  /** Today's UTC date `YYYY-MM-DD`. @default the clock */
  readonly today?: string;
}

/** What happened to one symbol. */
export interface SymbolFetchResult {
  readonly symbol: string;
  /** `stored`: bars written; `up-to-date`: nothing new (update); `failed`: nothing stored. */
  readonly status: "stored" | "up-to-date" | "failed";
  /** Requested days (from undefined: the provider's earliest). */
  readonly from?: string;
  readonly to: string;
  /** Bars the provider returned within the range. */
  readonly fetched: number;
  /** Bars written (new, plus revised ones in relaxed mode). */
  readonly rows: number;
  /** First and last date written. */
  readonly first?: string;
  readonly last?: string;
  /** Splits and dividends written. */
  readonly actions: number;
  /** Vendor revisions found (strict: the failure; relaxed: applied). */
  readonly revisions: readonly Revision[];
  /** Requests, URLs with credentials redacted; `cached` when served from the cache. */
  readonly requests: readonly { url: string; cached: boolean }[];
  /** The validate hook's report (DataSanity). */
  readonly validation?: unknown;
  /** The failure (names provider and symbol). */
  readonly error?: string;
  readonly errorKind?: string;
}

/** The whole fetch. */
export interface FetchReport {
  /** True when no symbol failed. */
  readonly ok: boolean;
  readonly provider: string;
  readonly baseUrl: string;
  readonly results: readonly SymbolFetchResult[];
}

/**
 * Fetch daily bars of `symbols` from a provider and store them, one transaction per
 * symbol through `ingestFile` (the `validate` hook, DataSanity, runs inside it; the
 * provider's splits and dividends are written in the same transaction), logged in
 * `ingests` with the provider and the request. A failing symbol stores nothing and the
 * others go on; `ok` is false when any failed.
 *
 * - Stored bars within the returned span must agree with the provider (see
 *   `_revisions.ts`): `strict` fails the symbol listing dates and values, `relaxed`
 *   writes the provider's values and lists them.
 * - `update`: per symbol, from its `overlapBars`-th last stored bar (nothing stored: as
 *   without `update`); nothing new is `up-to-date`, not a failure.
 * - No bars at all is a failure (`unknown_symbol`), except for an `update`.
 * - Raw responses are cached under `cacheDir` keyed by request; the normalised CSV that
 *   is ingested is kept under `<cacheDir>/<provider>/ingested/` (a temp dir without one).
 *
 * @param db An open engine (not inside a transaction).
 * @param symbols Tickers, stored under these names.
 * @param options See `FetchOptionsSchema` and {@linkcode FetchDeps}.
 * @returns One result per symbol, in order.
 * @throws {ConfigError} For bad options (before any request).
 */
export async function fetchBars(
  db: DbEngine,
  symbols: readonly string[],
  options: FetchOptionsInput & FetchDeps,
): Promise<FetchReport> {
  const { validate, env = {}, fetch: f, retry, today: t, ...raw } = options;
  const opts = parseConfig(FetchOptionsSchema, raw, "fetch options");
  parseConfig(
    z.array(SymbolSchema).min(1, "at least one symbol"),
    symbols,
    "symbols",
  );
  const today = t ?? new Date().toISOString().slice(0, 10);
  const to = opts.to ?? addDays(today, -1);
  if (to > today) {
    throw new ConfigError(
      "fetch options",
      "to",
      `a day not after today (${today})`,
      to,
    );
  }
  if (opts.from !== undefined && opts.from > to) {
    throw new ConfigError(
      "fetch options",
      "from",
      `a day not after "to" (${to})`,
      opts.from,
    );
  }
  const provider = PROVIDERS[opts.provider];
  const baseUrl =
    (opts.baseUrl ?? (env[`TRADELAB_${opts.provider.toUpperCase()}_URL`] ||
      provider.defaultBaseUrl(env))).replace(/\/+$/, "");
  parseConfig(z.string().url(), baseUrl, `base URL of ${opts.provider}`);
  const plan: SymbolPlan = {
    opts: { ...opts, to },
    provider,
    validate,
    settings: {
      baseUrl,
      env,
      today,
      http: {
        provider: opts.provider,
        secrets: provider.secrets(env),
        policy: { ...DEFAULT_RETRY, ...retry },
        fetch: f ?? fetch,
      },
      ...(opts.cacheDir === undefined ? {} : {
        cache: { dir: opts.cacheDir, refresh: opts.refresh },
      }),
    },
  };
  await ensureSchema(db);
  const results: SymbolFetchResult[] = [];
  for (const symbol of symbols) {
    results.push(await fetchSymbol(db, symbol, plan));
  }
  return {
    ok: results.every((r) => r.status !== "failed"),
    provider: opts.provider,
    baseUrl,
    results,
  };
}
