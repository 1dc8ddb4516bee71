/**
 * GET with bounded retries for the provider connectors: rate limits (429 with
 * `Retry-After`) are waited out, server errors (5xx), timeouts and broken connections
 * are retried with exponential backoff; every failure becomes a {@linkcode ProviderError}
 * naming the provider and the symbol, with credentials redacted.
 *
 * @module
 */
import { ProviderError, type ProviderErrorKind } from "./provider_error.ts";

/** How hard to try. */
export interface RetryPolicy {
  /** Attempts in total, the first included. @default 4 */
  readonly attempts: number;
  /** Wait before the first retry; doubles on each further one. @default 1000 */
  readonly backoffMs: number;
  /** Longest wait: the backoff cap, and the most a `Retry-After` may ask. @default 60000 */
  readonly maxWaitMs: number;
  /** Per attempt, connection and whole body. @default 30000 */
  readonly timeoutMs: number;
  /** How to wait (tests inject one that records and returns at once). @default setTimeout */
  readonly sleep: (ms: number) => Promise<void>;
}

/** The defaults of {@linkcode RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  backoffMs: 1000,
  maxWaitMs: 60_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One GET. */
export interface HttpGet {
  /** The URL (it may carry a key: messages show it redacted). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send through another client (the IBKR gateway's); @default `fetch(url, headers)` */
  readonly send?: (signal: AbortSignal) => Promise<Response>;
}

/** Who is asking, for messages, and with what. */
export interface HttpContext {
  readonly provider: string;
  readonly symbol: string;
  /** Values never to show (API keys, secrets, account ids). */
  readonly secrets: readonly string[];
  readonly policy: RetryPolicy;
  readonly fetch: typeof fetch;
}

/**
 * `text` with each secret (3+ characters: account ids, keys) and the values of
 * credential-like parameters (`password=`, `token=`, `secret=`, `session=`, `apikey=`,
 * `api_key=`, `key=`) replaced by `***`. Every connector and broker message passes
 * through it.
 *
 * @param text A message or URL.
 * @param secrets Values never to show. @default none
 * @returns The redacted text.
 * @example
 * ```ts
 * import { redact } from "./http.ts";
 * import assert from "node:assert/strict";
 * assert.equal(redact("account DU123 token=abc", ["DU123"]), "account *** token=***");
 * assert.equal(redact("/q/d/l/?s=aapl.us&apikey=K1"), "/q/d/l/?s=aapl.us&apikey=***");
 * ```
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 3) out = out.split(s).join("***");
  }
  return out.replace(
    /\b(password|token|secret|session|apikey|api_key|key)=([^&\s#]+)/gi,
    "$1=***",
  );
}

/** True when a body is an HTML page (an error or login page served instead of data). */
export function looksLikeHtml(text: string, contentType: string): boolean {
  return /text\/html/i.test(contentType) ||
    /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

/** A short, single-line excerpt of a body: an HTML page's title, else its start. */
export function excerpt(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const s = (title ?? text).replace(/\s+/g, " ").trim();
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Milliseconds asked by a `Retry-After` header (seconds or an HTTP date), if any. */
export function retryAfterMs(
  header: string | null,
  nowMs: number,
): number | undefined {
  const h = header?.trim() ?? "";
  if (/^\d+$/.test(h)) return Number(h) * 1000; // delay-seconds
  const at = /[a-z]/i.test(h) ? Date.parse(h) : NaN; // an HTTP date
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function isTimeout(e: unknown): boolean {
  for (let x = e; x instanceof Error; x = (x as Error).cause) {
    if (x.name === "TimeoutError") return true;
  }
  return false;
}

function fail(
  ctx: HttpContext,
  kind: ProviderErrorKind,
  detail: string,
  cause?: unknown,
): ProviderError {
  return new ProviderError(
    ctx.provider,
    ctx.symbol,
    kind,
    redact(detail, ctx.secrets),
    cause === undefined ? undefined : { cause },
  );
}

const STATUS_KIND: Record<number, ProviderErrorKind> = {
  401: "auth",
  403: "auth",
  404: "unknown_symbol",
};

/**
 * GET `request.url` and return the body of a 2xx answer. Retries (at most
 * `policy.attempts` in all): 429 after its `Retry-After` (or the backoff when absent;
 * a wait longer than `maxWaitMs` fails at once), 5xx, timeouts and connections closed
 * mid-body after `backoffMs * 2^k` (capped). Not retried: 404 (unknown symbol), 401/403
 * (credentials), other 4xx, and an HTML page where data was expected.
 *
 * @param request What to get.
 * @param ctx Provider, symbol, secrets to redact, policy and fetch.
 * @returns The body and its content type.
 * @throws {ProviderError} Naming provider, symbol, the status and what was tried.
 */
export async function getText(
  request: HttpGet,
  ctx: HttpContext,
): Promise<{ text: string; contentType: string }> {
  const p = ctx.policy;
  const url = redact(request.url, ctx.secrets);
  const waits: number[] = [];
  const backoff = () => Math.min(p.maxWaitMs, p.backoffMs * 2 ** waits.length);
  for (let attempt = 1;; attempt++) {
    const last = attempt >= p.attempts;
    const tried = `GET ${url}: ${attempt} attempt${attempt > 1 ? "s" : ""}${
      waits.length
        ? ` (waited ${waits.map((w) => `${w / 1000} s`).join(", ")})`
        : ""
    }`;
    let res: Response, text: string;
    try {
      const signal = AbortSignal.timeout(p.timeoutMs);
      res = await (request.send?.(signal) ??
        ctx.fetch(request.url, { headers: { ...request.headers }, signal }));
      text = await res.text();
    } catch (e) {
      const timeout = isTimeout(e);
      if (!last) {
        const w = backoff();
        waits.push(w);
        await p.sleep(w);
        continue;
      }
      throw fail(
        ctx,
        timeout ? "timeout" : "network",
        timeout
          ? `no complete answer within ${p.timeoutMs / 1000} s; ${tried}`
          : `the connection failed or closed before the whole response arrived (${
            (e as Error).message
          }); ${tried}`,
        e,
      );
    }
    const contentType = res.headers.get("content-type") ?? "";
    if (res.ok) return { text, contentType };
    const body = excerpt(text);
    if (res.status === 429 || res.status >= 500) {
      const asked = res.status === 429
        ? retryAfterMs(res.headers.get("retry-after"), Date.now())
        : undefined;
      if (asked !== undefined && asked > p.maxWaitMs) {
        throw fail(
          ctx,
          "rate_limited",
          `HTTP 429 asks to wait ${asked / 1000} s, more than the ${
            p.maxWaitMs / 1000
          } s this fetch waits; try again later (${tried})`,
        );
      }
      if (!last) {
        const w = asked ?? backoff();
        waits.push(w);
        await p.sleep(w);
        continue;
      }
      throw fail(
        ctx,
        res.status === 429 ? "rate_limited" : "server_error",
        `HTTP ${res.status}${res.status === 429 ? " (rate limited)" : ""}${
          body ? ` "${body}"` : ""
        } on every attempt; ${tried}; try again later`,
      );
    }
    throw fail(
      ctx,
      STATUS_KIND[res.status] ?? "rejected",
      `HTTP ${res.status}${body ? ` "${body}"` : ""} for GET ${url}${
        res.status === 404 ? " (unknown symbol?)" : ""
      }${
        res.status === 401 || res.status === 403
          ? "; check the credentials in the environment"
          : ""
      }`,
    );
  }
}
