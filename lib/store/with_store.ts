/**
 * Open the store, run one unit of work, close it: the open/try/close every task needs.
 *
 * @module
 */
import { type DbEngine, openDb, type OpenDbOptions } from "../data/mod.ts";

/**
 * Open the store at `path` (or with `options`), run `fn` with it, and close it whatever
 * happens; `fn`'s result or error is passed on.
 *
 * @param store A path (`":memory:"` or a file) or open options.
 * @param fn The work.
 * @returns What `fn` returns.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withStore } from "./with_store.ts";
 * assert.equal(await withStore(":memory:", async (db) => (await db.query("select 1 as x"))[0].x), 1);
 * ```
 */
export async function withStore<T>(
  store: string | OpenDbOptions,
  fn: (db: DbEngine) => Promise<T>,
): Promise<T> {
  const db = await openDb(typeof store === "string" ? { path: store } : store);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
