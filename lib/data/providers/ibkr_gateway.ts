/**
 * The HTTP client of the IBKR Client Portal gateway (REST under `/v1/api`), shared by the
 * paper-trading adapter (`lib/paper/ibkr.ts`) and the historical-bars connector: one
 * request with the base URL, the timeout and errors with the account id redacted, and
 * the contract lookup. Moved here from the paper adapter so the data layer can use it
 * (paper may import data; data may not import paper).
 *
 * @module
 */
import { redact } from "./http.ts";

/** What a request to the gateway needs. */
export interface IbkrGatewaySettings {
  /** Base URL including `/v1/api`. */
  readonly baseUrl: string;
  /** Account id (only redacted from messages here). */
  readonly accountId: string;
  /** Request timeout in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** Custom fetch (tests, TLS clients). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * Send one request to the gateway: `baseUrl + path`, a JSON body when given, aborted
 * after `timeoutMs`. Returns the response whatever its status; a request that cannot be
 * sent throws `IBKR gateway unreachable (...)` (account id redacted, the fetch error as
 * `cause`).
 *
 * @param s Settings.
 * @param method HTTP method.
 * @param path Path under the base URL, with its query.
 * @param body JSON body. @default none
 * @param signal Abort signal replacing the `timeoutMs` one (a caller with its own
 *   timeout and retries). @default `AbortSignal.timeout(timeoutMs)`
 * @returns The response (its body not yet read; the timeout covers reading it too).
 */
export async function ibkrFetch(
  s: IbkrGatewaySettings,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  const f = s.fetch ?? fetch;
  try {
    return await f(`${s.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ?? AbortSignal.timeout(s.timeoutMs ?? 10_000),
    });
  } catch (e) {
    throw new Error(
      redact(
        `IBKR gateway unreachable (${method} ${path}): ${(e as Error).message}`,
        [s.accountId],
      ),
      { cause: e },
    );
  }
}

/** Path of the contract search of `symbol` (`GET /iserver/secdef/search`). */
export function conidSearchPath(symbol: string): string {
  return `/iserver/secdef/search?symbol=${encodeURIComponent(symbol)}`;
}

/**
 * The contract id in a contract-search answer (its first row), or undefined when the
 * gateway knows no contract of that symbol.
 */
export function conidOf(rows: unknown): number | undefined {
  const first = Array.isArray(rows)
    ? (rows[0] as { conid?: unknown } | undefined)
    : undefined;
  const conid = Number(first?.conid);
  return Number.isFinite(conid) && conid > 0 ? conid : undefined;
}
