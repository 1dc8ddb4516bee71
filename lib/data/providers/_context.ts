/**
 * Building a connector's {@linkcode ProviderContext}: the retrying GET behind an on-disk
 * cache of raw responses, keyed by request.
 *
 * @module
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isNotFound } from "../../_shared/runtime.ts";
import { hashColumns } from "../../_shared/hash.ts";
import {
  excerpt,
  getText,
  type HttpContext,
  looksLikeHtml,
  redact,
} from "./http.ts";
import { ProviderError } from "./provider_error.ts";
import type { ProviderContext } from "./types.ts";

/** Where raw responses are kept: `<dir>/<provider>/<symbol>-<request hash>.<kind>`. */
export interface ResponseCache {
  readonly dir: string;
  /** Ignore cached responses (they are still written). @default false */
  readonly refresh?: boolean;
}

/** Everything a context needs besides the symbol. */
export interface ContextSettings {
  readonly baseUrl: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly today: string;
  readonly http: Omit<HttpContext, "symbol">;
  /** @default no cache */
  readonly cache?: ResponseCache;
}

/** A file-name-safe form of a symbol (`^GSPC` -> `_GSPC`). */
export function symbolSlug(symbol: string): string {
  return symbol.replace(/[^A-Za-z0-9.=_-]/g, "_").replace(/^\.+/, "_");
}

async function readCached(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function writeCached(path: string, text: string): Promise<void> {
  await mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/**
 * The context of one symbol. `requests` collects each request made or served from the
 * cache (URL redacted), in order. Fresh responses are written to the cache by `commit`
 * (call it once the symbol is stored: a failed fetch leaves nothing in the cache).
 */
export function makeContext(
  symbol: string,
  s: ContextSettings,
): {
  ctx: ProviderContext;
  requests: { url: string; cached: boolean }[];
  commit(): Promise<void>;
} {
  const http: HttpContext = { ...s.http, symbol };
  const requests: { url: string; cached: boolean }[] = [];
  const pending: [string, string][] = [];
  const fail = (kind: ProviderError["kind"], detail: string) =>
    new ProviderError(
      http.provider,
      symbol,
      kind,
      redact(detail, http.secrets),
    );
  const ctx: ProviderContext = {
    symbol,
    baseUrl: s.baseUrl,
    env: s.env,
    today: s.today,
    fetch: s.http.fetch,
    fail,
    async get(request, parse) {
      const url = redact(request.url, http.secrets);
      const path = s.cache === undefined
        ? undefined
        : `${s.cache.dir}/${http.provider}/${symbolSlug(symbol)}-${
          hashColumns([http.provider, url])
        }.${request.kind}`;
      if (path !== undefined && !s.cache?.refresh) {
        const text = await readCached(path);
        if (text !== undefined) {
          requests.push({ url, cached: true });
          return parse(text);
        }
      }
      const { text, contentType } = await getText(request, http);
      requests.push({ url, cached: false });
      if (looksLikeHtml(text, contentType)) {
        throw fail(
          "malformed",
          `GET ${url} returned an HTML page ("${
            excerpt(text)
          }") where ${request.kind.toUpperCase()} was expected`,
        );
      }
      const parsed = parse(text);
      if (path !== undefined) pending.push([path, text]);
      return parsed;
    },
  };
  const commit = async () => {
    for (const [path, text] of pending.splice(0)) await writeCached(path, text);
  };
  return { ctx, requests, commit };
}
