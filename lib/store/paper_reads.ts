/**
 * Readers of the paper-trading journal for reports and notebooks: sessions, daily equity,
 * and the rows of `fills`, `orders`, `positions`, `events` and `alerts`. The journal's
 * DDL and writer belong to the session (lib/paper's journal); these readers return
 * empty results when a table does not exist yet.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { parseJson, readRows, tableExists } from "./_sql.ts";

/** One paper session as found in the journal. */
export interface PaperSessionInfo {
  readonly sessionId: string;
  readonly first: string;
  readonly last: string;
  readonly bars: number;
  /** The session's config JSON from `sessions` (null when no sessions row). */
  readonly config: Record<string, unknown> | null;
  readonly dataHash: string | null;
  readonly codeVersion: string | null;
  readonly startedAt: string | null;
  readonly status: string | null;
}

/** A session's daily equity rows, as columns. */
export interface PaperEquity {
  readonly dates: string[];
  readonly equity: Float64Array;
  readonly ret: Float64Array;
  readonly gross: Float64Array;
  readonly net: Float64Array;
  /** Positive fraction below the running peak, as the journal stores it. */
  readonly drawdown: Float64Array;
  readonly halted: boolean[];
  readonly latencyMs: Float64Array;
}

const str = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v);

/** Every session with equity rows, newest last bar first. */
export async function listPaperSessions(
  db: DbEngine,
): Promise<PaperSessionInfo[]> {
  if (!(await tableExists(db, "equity"))) return [];
  const hasSessions = await tableExists(db, "sessions");
  const rows = await db.query(
    hasSessions
      ? `SELECT e.session_id, min(e.date) AS first, max(e.date) AS last, count(*) AS bars,
           any_value(s.config) AS config, any_value(s.data_hash) AS data_hash,
           any_value(s.code_version) AS code_version, any_value(s.started_at) AS started_at,
           any_value(s.status) AS status
         FROM equity e LEFT JOIN sessions s USING (session_id)
         GROUP BY e.session_id ORDER BY last DESC, e.session_id`
      : `SELECT session_id, min(date) AS first, max(date) AS last, count(*) AS bars
         FROM equity GROUP BY session_id ORDER BY last DESC, session_id`,
  );
  return rows.map((r) => ({
    sessionId: String(r.session_id),
    first: String(r.first),
    last: String(r.last),
    bars: Number(r.bars),
    config: parseJson<Record<string, unknown>>(r.config ?? null),
    dataHash: str(r.data_hash),
    codeVersion: str(r.code_version),
    startedAt: str(r.started_at),
    status: str(r.status),
  }));
}

/** Daily equity of a session between two dates (inclusive; defaults: all). */
export async function readPaperEquity(
  db: DbEngine,
  sessionId: string,
  range: { from?: string; to?: string } = {},
): Promise<PaperEquity> {
  const c = await db.queryColumns(
    `SELECT date, equity, ret, gross_exposure, net_exposure, drawdown,
       CAST(halted AS INTEGER) AS halted, latency_ms
     FROM equity WHERE session_id = $s AND date >= $from AND date <= $to ORDER BY date`,
    { s: sessionId, from: range.from ?? "", to: range.to ?? "9999" },
  );
  return {
    dates: (c.columns.date as (string | null)[]).map(String),
    equity: c.columns.equity as Float64Array,
    ret: c.columns.ret as Float64Array,
    gross: c.columns.gross_exposure as Float64Array,
    net: c.columns.net_exposure as Float64Array,
    drawdown: c.columns.drawdown as Float64Array,
    halted: Array.from(c.columns.halted as Float64Array, (h) => h === 1),
    latencyMs: c.columns.latency_ms as Float64Array,
  };
}

/** Journal rows of one table for a session between two dates (inclusive). */
export async function readJournal(
  db: DbEngine,
  table: "fills" | "orders" | "positions" | "events" | "alerts",
  sessionId: string,
  range: { from?: string; to?: string } = {},
): Promise<Record<string, unknown>[]> {
  const dateCol = table === "fills" ? "ts" : "date";
  const order = table === "events" || table === "alerts"
    ? "seq"
    : table === "fills"
    ? "ts, fill_id"
    : table === "orders"
    ? "date, client_order_id"
    : "date, symbol";
  return await readRows(
    db,
    table,
    `SELECT * FROM ${table} WHERE session_id = $s
       AND substr(${dateCol}, 1, 10) >= $from AND substr(${dateCol}, 1, 10) <= $to
     ORDER BY ${order}`,
    { s: sessionId, from: range.from ?? "", to: range.to ?? "9999" },
  );
}

/**
 * Critical alerts journaled by a session (0 when the `alerts` table does not exist).
 *
 * @param db The store.
 * @param sessionId The session.
 * @returns The count.
 */
export async function countCriticalAlerts(
  db: DbEngine,
  sessionId: string,
): Promise<number> {
  const rows = await readRows(
    db,
    "alerts",
    "SELECT count(*) AS n FROM alerts WHERE session_id = $s AND severity = 'critical'",
    { s: sessionId },
  );
  return Number(rows[0]?.n ?? 0);
}

/** One row of the `sessions` table. */
export interface PaperSessionRow {
  readonly sessionId: string;
  /** `running` (or a crashed run), `finished`, `halted`, `stopped`. */
  readonly status: string;
  readonly startedAt: string;
  readonly lastHeartbeat: string;
}

/**
 * Every session the store has a `sessions` row for, latest heartbeat first (also those
 * that never journaled a bar); [] when the journal does not exist yet.
 *
 * @param db The store.
 * @returns The rows.
 */
export async function readPaperSessionRows(
  db: DbEngine,
): Promise<PaperSessionRow[]> {
  const rows = await readRows(
    db,
    "sessions",
    `SELECT session_id, status, started_at, last_heartbeat FROM sessions
     ORDER BY last_heartbeat DESC, session_id`,
  );
  return rows.map((r) => ({
    sessionId: String(r.session_id),
    status: String(r.status ?? ""),
    startedAt: String(r.started_at ?? ""),
    lastHeartbeat: String(r.last_heartbeat ?? ""),
  }));
}
