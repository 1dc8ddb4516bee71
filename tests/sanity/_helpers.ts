/**
 * Test helpers: both engines, real sample bars staged into a TEMP table `t` (staged-file
 * layout, `line` = 1-based position) where faults are injected with SQL.
 */
import { join } from "node:path";
import type { DbEngine, EngineKind } from "../../lib/data/engine.ts";
import { openDb } from "../../lib/data/mod.ts";
import { readSampleBars } from "../../lib/data/mod.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { stageBars } from "../../lib/sanity/_stage_bars.ts";

export const ENGINES: readonly EngineKind[] = ["native", "wasm"];

/** Fixed `now` so results do not depend on the day the tests run. */
export const NOW = "2026-01-01";

const cache = new Map<string, Bars>();

/** A built-in sample, read once per process. */
export async function sample(name: "SP500" | "AAPL"): Promise<Bars> {
  if (!cache.has(name)) cache.set(name, await readSampleBars(name));
  return cache.get(name)!;
}

const shared = new Map<EngineKind, Promise<DbEngine>>();

/** One in-memory engine per kind for the whole test run, with the samples staged once. */
function sharedDb(engine: EngineKind): Promise<DbEngine> {
  if (!shared.has(engine)) {
    shared.set(
      engine,
      (async () => {
        const db = await openDb({ engine, path: ":memory:" });
        for (const name of ["SP500", "AAPL"] as const) {
          await stageBars(db, `base_${name}`, [await sample(name)]);
        }
        return db;
      })(),
    );
  }
  return shared.get(engine)!;
}

/**
 * Run `fn` with the samples as TEMP table `t` (a fresh copy: line = position in the
 * concatenated samples) on the shared engine; every other TEMP table made by `fn` is
 * dropped afterwards.
 */
export async function withSample<T>(
  engine: EngineKind,
  names: readonly ("SP500" | "AAPL")[],
  fn: (db: DbEngine) => Promise<T>,
): Promise<T> {
  const db = await sharedDb(engine);
  let offset = 0;
  const parts: string[] = [];
  for (const n of names) {
    parts.push(`SELECT * REPLACE (line + ${offset} AS line) FROM base_${n}`);
    offset += (await sample(n)).dates.length;
  }
  await db.exec(`CREATE TEMP TABLE t AS ${parts.join(" UNION ALL ")}`);
  try {
    return await fn(db);
  } finally {
    const left = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name NOT LIKE 'base_%'`,
    );
    for (const { name } of left) await db.exec(`DROP TABLE "${name}"`);
  }
}

/** Register one test per engine. */
export function bothEngines(
  name: string,
  fn: (engine: EngineKind) => Promise<void>,
): void {
  for (const engine of ENGINES) {
    Deno.test(`${name} [${engine}]`, () => fn(engine));
  }
}

/**
 * Run `fn` on a store: an on-disk file `NAME.duckdb` in `dir` for the native engine (a
 * real store), in memory for wasm; closed after.
 */
export async function withStore(
  engine: EngineKind,
  dir: string,
  name: string,
  fn: (db: DbEngine) => Promise<void>,
): Promise<void> {
  const path = engine === "native" ? join(dir, `${name}.duckdb`) : ":memory:";
  const db = await openDb({ engine, path });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/** Every stored row and the ingest log (without its wall-clock column). */
export async function dumpStore(
  db: DbEngine,
): Promise<{ bars: Record<string, unknown>[]; ingests: unknown[] }> {
  return {
    bars: await db.query(
      `SELECT symbol, CAST(ts AS VARCHAR) AS ts, open, high, low, close, adj_close, volume,
        source, tz FROM bars ORDER BY symbol, ts`,
    ),
    ingests: await db.query(
      "SELECT file, symbols, rows, hash FROM ingests ORDER BY ingested_at, file",
    ),
  };
}
