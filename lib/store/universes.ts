/**
 * Named universes: `universes` (one row per name: where it came from, when) and
 * `universe_members` (its symbols, in order). DDL, writer and readers.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { ensureTables, insertColumns, readRows } from "./_sql.ts";

/** DDL of the universe tables (idempotent). */
export const UNIVERSE_TABLES_SQL: readonly string[] = Object.freeze([
  `CREATE TABLE IF NOT EXISTS universes (
    name VARCHAR PRIMARY KEY, source VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS universe_members (
    name VARCHAR NOT NULL, position INTEGER NOT NULL, symbol VARCHAR NOT NULL,
    PRIMARY KEY (name, position))`,
]);

/** A stored universe, without its members. */
export interface UniverseInfo {
  readonly name: string;
  /** How it was made: `"list"`, `"file <path>"`, `"store"`. */
  readonly source: string;
  readonly symbols: number;
  /** ISO instants. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Options of {@linkcode saveUniverse}. */
export interface SaveUniverseOptions {
  /** How the list was made. */
  readonly source: string;
  /** ISO instant of the change. */
  readonly at: string;
}

/**
 * Create or replace the universe `name` with `symbols` (in order), in one transaction.
 * Replacing keeps its creation time.
 *
 * @param db The store.
 * @param name The universe's name.
 * @param symbols Distinct symbols (at least one).
 * @param options Source and time.
 * @returns True when it replaced an existing universe.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listUniverses, loadUniverse, saveUniverse, withStore } from "./mod.ts";
 * await withStore(":memory:", async (db) => {
 *   await saveUniverse(db, "tech", ["AAPL", "MSFT"], { source: "list", at: "2026-01-01T00:00:00.000Z" });
 *   assert.deepEqual(await loadUniverse(db, "tech"), ["AAPL", "MSFT"]);
 *   assert.equal((await listUniverses(db))[0].symbols, 2);
 * });
 * ```
 */
export async function saveUniverse(
  db: DbEngine,
  name: string,
  symbols: readonly string[],
  options: SaveUniverseOptions,
): Promise<boolean> {
  if (symbols.length === 0 || new Set(symbols).size !== symbols.length) {
    throw new RangeError(
      `Cannot save universe "${name}": expected at least one symbol, each once, got ${symbols.length} (${
        symbols.length - new Set(symbols).size
      } repeated)`,
    );
  }
  await ensureTables(db, "universe", UNIVERSE_TABLES_SQL);
  return await db.transaction(async (tx) => {
    const old = await tx.query<{ created: string }>(
      "SELECT created_at AS created FROM universes WHERE name = $name",
      { name },
    );
    await tx.exec("DELETE FROM universe_members WHERE name = $name", { name });
    await tx.exec("DELETE FROM universes WHERE name = $name", { name });
    await tx.exec(
      `INSERT INTO universes VALUES ($name, $source, CAST($created AS TIMESTAMP),
        CAST($at AS TIMESTAMP))`,
      {
        name,
        source: options.source,
        created: (old[0]?.created ?? options.at).replace(/Z$/, ""),
        at: options.at.replace(/Z$/, ""),
      },
    );
    await insertColumns(
      tx,
      "universe_members",
      ["name", "position", "symbol"],
      [
        { constant: name },
        Int32Array.from(symbols, (_, i) => i),
        symbols,
      ],
      symbols.length,
    );
    return old.length > 0;
  });
}

/**
 * Every stored universe, by name.
 *
 * @param db The store.
 * @returns Names, sources, sizes and times ([] when none is stored).
 */
export async function listUniverses(db: DbEngine): Promise<UniverseInfo[]> {
  const rows = await readRows<{
    name: string;
    source: string;
    n: number;
    created_at: string;
    updated_at: string;
  }>(
    db,
    "universes",
    `SELECT u.name, u.source, u.created_at, u.updated_at,
       (SELECT count(*) FROM universe_members m WHERE m.name = u.name) AS n
     FROM universes u ORDER BY u.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    source: r.source,
    symbols: Number(r.n),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/**
 * The symbols of universe `name`, in order.
 *
 * @param db The store.
 * @param name The universe's name.
 * @returns Its symbols.
 * @throws RangeError naming the stored universes when there is none of that name.
 */
export async function loadUniverse(
  db: DbEngine,
  name: string,
): Promise<string[]> {
  const rows = await readRows<{ symbol: string }>(
    db,
    "universe_members",
    "SELECT symbol FROM universe_members WHERE name = $name ORDER BY position",
    { name },
  );
  if (rows.length > 0) return rows.map((r) => r.symbol);
  const known = (await listUniverses(db)).map((u) => u.name);
  throw new RangeError(
    `Unknown universe "${name}": expected one of ${
      known.length ? known.join(", ") : "(none stored yet)"
    }; create it with \`deno task universe add ${name} A,B,C\``,
  );
}

/**
 * Remove universe `name`.
 *
 * @param db The store.
 * @param name The universe's name.
 * @returns True when it existed.
 */
export async function removeUniverse(
  db: DbEngine,
  name: string,
): Promise<boolean> {
  await ensureTables(db, "universe", UNIVERSE_TABLES_SQL);
  return await db.transaction(async (tx) => {
    const n = await tx.query<{ n: number }>(
      "SELECT count(*) AS n FROM universes WHERE name = $name",
      { name },
    );
    await tx.exec("DELETE FROM universe_members WHERE name = $name", { name });
    await tx.exec("DELETE FROM universes WHERE name = $name", { name });
    return Number(n[0].n) > 0;
  });
}
