/**
 * The weekly cycles of paper sessions (`deno task weekly`): `weekly_cycles`, one row per
 * symbol of each cycle that traded, with a fingerprint of the bars the session had
 * traded on (and warmed up with) up to that cycle's last bar. The next cycle recomputes
 * it: a bar that arrived late, disappeared or changed in weeks already traded is
 * refused instead of silently shifting the resumed session. DDL, writer and reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { insertRows, readRows, writeFamily } from "./_sql.ts";

/** DDL of `weekly_cycles`. */
const WEEKLY_CYCLES_DDL =
  `CREATE TABLE IF NOT EXISTS weekly_cycles (session_id VARCHAR, through VARCHAR,
  symbol VARCHAR, first_date VARCHAR, bars INTEGER, data_hash VARCHAR, ran_at VARCHAR)`;

/** One symbol's bars as a cycle traded them: `[first_date, through]`, count and hash. */
export interface BarsFingerprint {
  readonly symbol: string;
  /** First bar of the session's history (its warm-up start). */
  readonly firstDate: string;
  /** Last bar the cycle traded. */
  readonly through: string;
  readonly bars: number;
  /** FNV-1a of dates and OHLCV (`hashColumns`). */
  readonly dataHash: string;
}

/**
 * Store the fingerprints of one cycle in one transaction.
 *
 * @param db The store.
 * @param sessionId The session.
 * @param prints One per symbol.
 * @param ranAt ISO instant of the cycle.
 */
export async function saveWeeklyCycle(
  db: DbEngine,
  sessionId: string,
  prints: readonly BarsFingerprint[],
  ranAt: string,
): Promise<void> {
  await writeFamily(db, "weekly cycle", [WEEKLY_CYCLES_DDL], async (tx) => {
    await insertRows(
      tx,
      "weekly_cycles",
      prints.map((p) => ({
        session_id: sessionId,
        through: p.through,
        symbol: p.symbol,
        first_date: p.firstDate,
        bars: p.bars,
        data_hash: p.dataHash,
        ran_at: ranAt,
      })),
    );
  });
}

/**
 * The fingerprints of a session's newest cycle ([] when it never ran one).
 *
 * @param db The store.
 * @param sessionId The session.
 * @returns One per symbol.
 */
export async function readLatestWeeklyCycle(
  db: DbEngine,
  sessionId: string,
): Promise<BarsFingerprint[]> {
  const rows = await readRows(
    db,
    "weekly_cycles",
    `SELECT * FROM weekly_cycles WHERE session_id = $s AND through =
       (SELECT max(through) FROM weekly_cycles WHERE session_id = $s)
     ORDER BY symbol, ran_at DESC`,
    { s: sessionId },
  );
  const seen = new Set<string>();
  return rows.filter((r) =>
    !seen.has(String(r.symbol)) && seen.add(String(r.symbol))
  )
    .map((r) => ({
      symbol: String(r.symbol),
      firstDate: String(r.first_date),
      through: String(r.through),
      bars: Number(r.bars),
      dataHash: String(r.data_hash),
    }));
}
