/**
 * What a connector is and what it returns.
 *
 * @module
 */
import type { CorporateAction } from "../corporate_actions.ts";
import type { HttpGet } from "./http.ts";
import type { ProviderError, ProviderErrorKind } from "./provider_error.ts";

/** The connectors, by name. */
export const PROVIDER_NAMES = ["stooq", "yahoo", "ibkr", "alpaca"] as const;
/** One of {@linkcode PROVIDER_NAMES}. */
export type ProviderName = typeof PROVIDER_NAMES[number];

/**
 * Where a paper session's weekly cycle takes its bars: a connector, which updates the
 * session's symbols first (`fetch --update`), or `store`, the bars already stored (the
 * built-in samples, files ingested by hand): no update, no network.
 */
export const BAR_SOURCES = ["store", ...PROVIDER_NAMES] as const;
/** One of {@linkcode BAR_SOURCES}. */
export type BarSource = typeof BAR_SOURCES[number];

/** One daily bar as the provider gave it (NaN = missing). */
export interface ProviderBar {
  /** Exchange date `YYYY-MM-DD`. */
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A connector's answer for one symbol and range. */
export interface ProviderSeries {
  /** Bars ascending by date (the caller keeps those within the requested range). */
  readonly bars: readonly ProviderBar[];
  /** Splits and dividends the provider reported (empty when it gives none). */
  readonly actions: readonly CorporateAction[];
}

/** Days to fetch, both ends inclusive (`YYYY-MM-DD`). */
export interface FetchRange {
  /** @default the provider's earliest (see each connector) */
  readonly from?: string;
  readonly to: string;
}

/** What a connector may use: the cached, retrying GET and the run's settings. */
export interface ProviderContext {
  readonly symbol: string;
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Environment (credentials); values are never printed. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Today's UTC date (`YYYY-MM-DD`), the run's clock. */
  readonly today: string;
  /** The run's fetch (for clients that send themselves, like the IBKR gateway's). */
  readonly fetch: typeof fetch;
  /**
   * GET through the response cache: a cached body is parsed without a request; a fresh
   * body is parsed and cached only when `parse` accepts it. An HTML page where `kind`
   * data was expected is rejected before `parse`.
   */
  get<T>(
    request: HttpGet & { readonly kind: "csv" | "json" },
    parse: (text: string) => T,
  ): Promise<T>;
  /** A {@linkcode ProviderError} of this provider and symbol (credentials redacted). */
  fail(kind: ProviderErrorKind, detail: string): ProviderError;
}

/** A connector. */
export interface Provider {
  readonly name: ProviderName;
  /** Base URL when neither `--base-url` nor the `TRADELAB_<NAME>_URL` variable is set. */
  defaultBaseUrl(env: Readonly<Record<string, string | undefined>>): string;
  /** Credential values in the environment, redacted from every message. */
  secrets(env: Readonly<Record<string, string | undefined>>): string[];
  /** The as-stored bars and actions of `ctx.symbol` over `range`. */
  fetchSeries(range: FetchRange, ctx: ProviderContext): Promise<ProviderSeries>;
}
