/**
 * Test helpers of the provider connectors: run `deno task fetch` in process against the
 * fake providers and look into the store.
 */
import { openDb } from "../../../lib/data/mod.ts";
import { type FetchTaskDeps, main } from "../../../lib/cli/fetch.ts";
import { capture, type Captured } from "../../cli/_capture.ts";
import { type FakeProviders, startFakeProviders } from "./_fake_providers.ts";

/** Every provider name. */
export const PROVIDERS = ["stooq", "yahoo", "ibkr", "alpaca"] as const;
export type Name = typeof PROVIDERS[number];

/** Alpaca credentials of the tests (distinctive, so a leak is found by a plain search). */
export const KEY_ID = "PKTESTKEYID7Q3Z";
export const SECRET = "sEcReTvAlUe9X2W";

/** The base URL of `provider` on the fake. */
export function baseOf(fake: FakeProviders, provider: Name): string {
  return provider === "ibkr" ? `${fake.baseUrl}/v1/api` : fake.baseUrl;
}

/** Waits the fetch asked for (instead of sleeping). */
export function recordingRetry(timeoutMs = 2000): {
  waits: number[];
  retry: { sleep: (ms: number) => Promise<void>; timeoutMs: number };
} {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
      timeoutMs,
    },
  };
}

/** Run the fetch task with the test environment, instant waits and a fixed clock. */
export async function runFetch(
  args: string[],
  deps: FetchTaskDeps = {},
): Promise<Captured> {
  return await capture(
    (a, io) =>
      main(a, io, {
        env: { APCA_API_KEY_ID: KEY_ID, APCA_API_SECRET_KEY: SECRET },
        today: "2024-03-01",
        retry: recordingRetry().retry,
        ...deps,
      }),
    args,
  );
}

/** A new store path in a fresh temp dir (the cache goes next to it). */
export async function tempDb(): Promise<{ dir: string; db: string }> {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_fetch_" });
  return { dir, db: `${dir}/w.duckdb` };
}

/** Every row of the tables a fetch writes, as JSON text (compare before/after). */
export async function storeSnapshot(db: string): Promise<string> {
  const e = await openDb({ path: db });
  try {
    const tables = (await e.query<{ name: string }>(
      `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`,
    )).map((r) => r.name);
    const out: Record<string, unknown> = {};
    for (const t of ["bars", "ingests", "corporate_actions"]) {
      out[t] = tables.includes(t)
        ? await e.query(`SELECT * FROM ${t} ORDER BY ALL`)
        : "(no table)";
    }
    return JSON.stringify(out);
  } finally {
    await e.close();
  }
}

/** Rows of a query on a store file. */
export async function rowsOf<T extends Record<string, unknown>>(
  db: string,
  sql: string,
): Promise<T[]> {
  const e = await openDb({ path: db });
  try {
    return await e.query<T>(sql);
  } finally {
    await e.close();
  }
}

/** Arguments of a fetch of `symbols` from `provider` on the fake into `db`. */
export function fetchArgs(
  fake: FakeProviders,
  provider: Name,
  db: string,
  symbols: string[] = ["ACME"],
  extra: string[] = [],
): string[] {
  return [
    ...symbols,
    "--provider",
    provider,
    "--from",
    "2024-01-01",
    "--to",
    "2024-02-29",
    "--db",
    db,
    "--base-url",
    baseOf(fake, provider),
    ...extra,
  ];
}

/** The fake providers, accepting the test credentials. */
export function startFake(): FakeProviders {
  return startFakeProviders(undefined, { keyId: KEY_ID, secret: SECRET });
}
