/**
 * DataSanity over a range of the store's `bars` table.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { quoteIdent } from "./_context.ts";
import { tempName } from "./check_bars.ts";
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import type { SanityReport } from "./report.ts";
import { validateTable } from "./validate_table.ts";

/** Options of {@linkcode checkStore}: the rows to check plus the sanity options. */
export interface CheckStoreOptions extends SanityOptionsInput {
  /** Symbols to check. @default every symbol in the store */
  readonly symbols?: readonly string[];
  /** First day (`YYYY-MM-DD`) or UTC instant (intraday bars), inclusive. @default the first bar */
  readonly start?: string;
  /** Last day (`YYYY-MM-DD`, the whole day) or UTC instant, inclusive. @default the last bar */
  readonly end?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z$/;

function rangeSql(
  o: CheckStoreOptions,
): { where: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const conds: string[] = ["TRUE"];
  if (o.symbols !== undefined) {
    const names = o.symbols.map((s, i) => {
      params[`s${i}`] = s;
      return `$s${i}`;
    });
    conds.push(
      names.length === 0 ? "FALSE" : `symbol IN (${names.join(", ")})`,
    );
  }
  for (const k of ["start", "end"] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (!DAY.test(v) && !INSTANT.test(v)) {
      throw new TypeError(
        `Invalid ${k}: expected YYYY-MM-DD or an ISO UTC instant (YYYY-MM-DDTHH:MM:SSZ), got "${v}"`,
      );
    }
    params[k] = v.replace(/Z$/, "");
    conds.push(
      k === "start"
        ? "ts >= CAST($start AS TIMESTAMP)"
        : DAY.test(v)
        ? "ts < CAST($end AS DATE) + 1"
        : "ts <= CAST($end AS TIMESTAMP)",
    );
  }
  return { where: conds.join(" AND "), params };
}

/**
 * Validate the stored bars of `symbols` between `start` and `end`: the rows are copied
 * into a TEMP table (the store is never changed, also in RELAXED mode, whose report then
 * says what a repair would do) and checked with {@linkcode validateTable}.
 * Used by the walk-forward `--perf-mode` and the paper pre-flight.
 *
 * @param db Open engine with a `bars` table (see lib/data `ensureSchema`).
 * @param options Range and sanity options (`mode` defaults to strict: throws
 *   `DataSanityError` on any violation).
 * @returns The report.
 * @example
 * ```ts
 * import { ensureSampleData, openDb } from "../data/mod.ts";
 * import { checkStore } from "./check_store.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * await ensureSampleData(db);
 * const r = await checkStore(db, { symbols: ["SP500"], start: "2008-01-01", end: "2008-12-31" });
 * assert.equal(r.ok, true);
 * assert.equal(r.rows, 253);
 * await db.close();
 * ```
 */
export async function checkStore(
  db: DbEngine,
  options: CheckStoreOptions = {},
): Promise<SanityReport> {
  const { symbols, start, end, ...sanity } = options;
  const opts = parseSanityOptions(sanity);
  const { where, params } = rangeSql({ symbols, start, end });
  const name = tempName("sanity_store");
  const t = quoteIdent(name);
  try {
    await db.exec(
      `CREATE TEMP TABLE ${t} AS SELECT symbol, ts, open, high, low, close, adj_close, volume
      FROM bars WHERE ${where}`,
      params,
    );
    return await validateTable(db, name, opts);
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${t}`);
  }
}
