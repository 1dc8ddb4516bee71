/**
 * The one error of the provider connectors: it names the provider and the symbol.
 *
 * @module
 */

/** Why a fetch failed. */
export type ProviderErrorKind =
  | "unknown_symbol"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network"
  | "malformed"
  | "auth"
  | "rejected"
  | "revision"
  | "invalid_data"
  | "store"
  | "config";

/**
 * A fetch from a data provider failed; nothing of that symbol was stored. The message
 * reads `Cannot fetch AAPL from yahoo: <what happened>` (no credentials: connectors
 * redact them before building it).
 *
 * @example
 * ```ts
 * import { ProviderError } from "./provider_error.ts";
 * import assert from "node:assert/strict";
 * const e = new ProviderError("stooq", "AAPL", "unknown_symbol", "no bars between 2020-01-01 and 2020-12-31");
 * assert.equal(e.message, "Cannot fetch AAPL from stooq: no bars between 2020-01-01 and 2020-12-31");
 * ```
 */
export class ProviderError extends Error {
  override name = "ProviderError";
  readonly provider: string;
  readonly symbol: string;
  readonly kind: ProviderErrorKind;
  constructor(
    provider: string,
    symbol: string,
    kind: ProviderErrorKind,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot fetch ${symbol} from ${provider}: ${detail}`, options);
    this.provider = provider;
    this.symbol = symbol;
    this.kind = kind;
  }
}
