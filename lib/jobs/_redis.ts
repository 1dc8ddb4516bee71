/**
 * Connections to Redis for the queue backend (BullMQ on ioredis). A URL is
 * `redis://[user:password@]host:port[/db]`, or `rediss://...` for TLS. Its credentials
 * are never printed: every message names the server through {@linkcode redactRedisUrl}.
 *
 * @module
 */
import { Redis } from "ioredis";

/** The queue every universe shard goes through. */
export const QUEUE_NAME = "tradelab-shards";

/**
 * A Redis URL without its credentials, for messages.
 *
 * @param url A Redis URL.
 * @returns E.g. `rediss://***@cache.example:6380`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactRedisUrl } from "./_redis.ts";
 * assert.equal(redactRedisUrl("rediss://u:secret@h.example:6380/2"), "rediss://***@h.example:6380/2");
 * assert.equal(redactRedisUrl("redis://127.0.0.1:6379"), "redis://127.0.0.1:6379");
 * ```
 */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const auth = u.username !== "" || u.password !== "" ? "***@" : "";
    return `${u.protocol}//${auth}${u.host}${
      u.pathname === "/" ? "" : u.pathname
    }`;
  } catch {
    return "(a Redis URL that does not parse)";
  }
}

/**
 * Check a Redis URL's shape.
 *
 * @param url The URL.
 * @returns Null when usable, else what is wrong (without the URL's credentials).
 */
export function redisUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "a URL like redis://host:6379 or rediss://user:password@host:6380 (TLS)";
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    return `a redis:// or rediss:// URL (not ${u.protocol})`;
  }
  if (u.hostname === "") return "a host in the Redis URL";
  return null;
}

/**
 * A connection as BullMQ wants it (no per-command retry limit).
 *
 * @param url A Redis URL (`rediss:` turns TLS on).
 * @param reconnect Reconnect after a loss (workers), or end the connection (coordinator:
 *   it fails and is resumed instead).
 * @param ca With TLS: the PEM text of the CA that signed the server's certificate (a
 *   self-signed server); absent: the system's trusted CAs.
 * @returns The connection (connecting).
 */
export function redisConnection(
  url: string,
  reconnect: boolean,
  ca?: string,
): Redis {
  const tls = new URL(url).protocol === "rediss:"
    ? { tls: ca === undefined ? {} : { ca } }
    : {};
  return new Redis(url, {
    ...tls,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnect
      ? (times: number) => Math.min(200 * times, 2000)
      : () => null,
  });
}

/** Codes of the TLS errors that no retry can fix: the server's certificate is not trusted. */
const CERTIFICATE_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|HOSTNAME/;

/**
 * What a connection error means when the server's TLS certificate is not trusted (a
 * wrong or missing CA: retrying cannot help), in plain words; null for other errors.
 *
 * @param e The connection's error.
 * @param where The server, as {@linkcode redactRedisUrl} names it.
 * @returns One line naming the server, the reason and what to do, or null.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { certificateProblem } from "./_redis.ts";
 * const e = Object.assign(new Error("self-signed certificate in certificate chain"), { code: "SELF_SIGNED_CERT_IN_CHAIN" });
 * assert.match(certificateProblem(e, "rediss://h:6380")!, /^Cannot connect to Redis at rediss:\/\/h:6380 over TLS: self-signed/);
 * assert.equal(certificateProblem(new Error("connect ECONNREFUSED"), "rediss://h:6380"), null);
 * ```
 */
export function certificateProblem(e: Error, where: string): string | null {
  const code = String((e as Error & { code?: unknown }).code ?? "");
  if (!CERTIFICATE_CODES.test(code)) return null;
  return `Cannot connect to Redis at ${where} over TLS: ${e.message} (${code}); the server's certificate is not signed by a CA this side trusts: give the CA's PEM file with --redis-ca FILE or REDIS_TLS_CA`;
}

/** The files of a TLS redis-server (PEM). */
export interface RedisServerTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/**
 * The arguments of a `redis-server` on loopback with no persistence (what the tests and
 * the Q1 bench start; a restart starts empty).
 *
 * @param port The port.
 * @param password Require this password. @default none
 * @param tls Serve TLS only, on `port` (no plain port), with these files. @default plain
 * @returns The arguments.
 */
export function redisServerArgs(
  port: number,
  password?: string,
  tls?: RedisServerTls,
): string[] {
  return [
    ...(tls
      ? [
        "--port",
        "0",
        "--tls-port",
        String(port),
        "--tls-cert-file",
        tls.cert,
        "--tls-key-file",
        tls.key,
        "--tls-ca-cert-file",
        tls.ca,
        "--tls-auth-clients",
        "no",
      ]
      : ["--port", String(port)]),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    ...(password ? ["--requirepass", password] : []),
  ];
}
