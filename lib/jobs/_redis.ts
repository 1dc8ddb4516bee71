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
 * @returns The connection (connecting).
 */
export function redisConnection(url: string, reconnect: boolean): Redis {
  const tls = new URL(url).protocol === "rediss:" ? { tls: {} } : {};
  return new Redis(url, {
    ...tls,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnect
      ? (times: number) => Math.min(200 * times, 2000)
      : () => null,
  });
}

/**
 * The arguments of a `redis-server` on loopback with no persistence (what the tests and
 * the Q1 bench start; a restart starts empty).
 *
 * @param port The port.
 * @param password Require this password. @default none
 * @returns The arguments.
 */
export function redisServerArgs(port: number, password?: string): string[] {
  return [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    ...(password ? ["--requirepass", password] : []),
  ];
}
