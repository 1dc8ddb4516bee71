/**
 * The durable journal of paper sessions in DuckDB: `sessions`, `orders`, `fills`,
 * `positions`, `equity`, `events`, `alerts` and `paper_checkpoints`. A session writes one
 * transaction per bar, checkpoint included, so a crash at any instant leaves the journal
 * at the end of the last whole bar.
 *
 * Wall-clock columns (`wall_ts`, `latency_ms`) are the only ones that differ between two
 * runs of the same session; everything else is a pure function of config and data.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import type { Alert } from "./monitor.ts";
import type { Fill, Order, Position } from "./types.ts";

/** Create the journal tables if missing. */
export async function ensureJournal(db: DbEngine): Promise<void> {
  for (
    const stmt of JOURNAL_DDL.split(";").map((x) => x.trim()).filter(Boolean)
  ) await db.exec(stmt);
}

const JOURNAL_DDL = `
    CREATE TABLE IF NOT EXISTS sessions (session_id VARCHAR PRIMARY KEY, config VARCHAR, data_hash VARCHAR,
      code_version VARCHAR, started_at VARCHAR, status VARCHAR, last_heartbeat VARCHAR, bars INTEGER,
      starts INTEGER);
    CREATE TABLE IF NOT EXISTS orders (session_id VARCHAR, client_order_id VARCHAR, date VARCHAR, symbol VARCHAR,
      side VARCHAR, quantity DOUBLE, type VARCHAR, limit_price DOUBLE, stop_price DOUBLE, tif VARCHAR,
      status VARCHAR, filled_quantity DOUBLE, avg_fill_price DOUBLE, reason VARCHAR,
      PRIMARY KEY (session_id, client_order_id));
    CREATE TABLE IF NOT EXISTS fills (session_id VARCHAR, fill_id VARCHAR, order_id VARCHAR, symbol VARCHAR,
      ts VARCHAR, side VARCHAR, quantity DOUBLE, price DOUBLE, commission DOUBLE, slippage DOUBLE,
      PRIMARY KEY (session_id, fill_id));
    CREATE TABLE IF NOT EXISTS positions (session_id VARCHAR, date VARCHAR, symbol VARCHAR, quantity DOUBLE,
      avg_price DOUBLE, mark DOUBLE, market_value DOUBLE, PRIMARY KEY (session_id, date, symbol));
    CREATE TABLE IF NOT EXISTS equity (session_id VARCHAR, date VARCHAR, cash DOUBLE, equity DOUBLE,
      ret DOUBLE, gross_exposure DOUBLE, net_exposure DOUBLE, drawdown DOUBLE, halted BOOLEAN,
      latency_ms DOUBLE, PRIMARY KEY (session_id, date));
    CREATE TABLE IF NOT EXISTS events (session_id VARCHAR, seq INTEGER, date VARCHAR, kind VARCHAR,
      detail VARCHAR, wall_ts VARCHAR, PRIMARY KEY (session_id, seq));
    CREATE TABLE IF NOT EXISTS alerts (session_id VARCHAR, seq INTEGER, date VARCHAR, rule VARCHAR,
      severity VARCHAR, message VARCHAR, value DOUBLE, threshold DOUBLE, PRIMARY KEY (session_id, seq));
    CREATE TABLE IF NOT EXISTS paper_checkpoints (session_id VARCHAR PRIMARY KEY, date VARCHAR,
      bar_index INTEGER, state VARCHAR, wall_ts VARCHAR);
  CREATE TABLE IF NOT EXISTS paper_control (session_id VARCHAR, command VARCHAR, flatten BOOLEAN,
      reason VARCHAR, requested_at VARCHAR)
`;

/** Everything one bar writes. */
export interface BarJournal {
  readonly sessionId: string;
  readonly date: string;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly positions: readonly (Position & { mark: number })[];
  readonly equity: {
    cash: number;
    equity: number;
    ret: number;
    gross: number;
    net: number;
    drawdown: number;
    halted: boolean;
    latencyMs: number;
  };
  readonly events: readonly { kind: string; detail: unknown }[];
  readonly alerts: readonly Alert[];
  readonly checkpoint: { barIndex: number; state: unknown };
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

type Cell = string | number | boolean | null;

/**
 * One multi-row statement per table: DuckDB charges per statement (and the native
 * engine per async round trip), so a bar's journal costs a handful of statements.
 */
async function insertRows(
  tx: DbEngine,
  table: string,
  rows: readonly Cell[][],
  replace: boolean,
): Promise<void> {
  if (rows.length === 0) return;
  const params: Record<string, Cell> = {};
  const values = rows.map((row, i) =>
    "(" + row.map((v, j) => {
      params[`p${i}_${j}`] = v;
      return `$p${i}_${j}`;
    }).join(", ") + ")"
  );
  await tx.exec(
    `INSERT ${replace ? "OR REPLACE " : ""}INTO ${table} VALUES ${
      values.join(", ")
    }`,
    params,
  );
}

/**
 * Write one bar's journal rows and checkpoint inside the caller's transaction. Orders
 * are upserted (their status changes over bars); every other row is written once, so a
 * plain INSERT (with the primary keys as a guard against duplicates) suffices.
 */
export async function writeBar(
  tx: DbEngine,
  j: BarJournal,
  seq: { events: number; alerts: number },
): Promise<void> {
  const s = j.sessionId;
  await insertRows(
    tx,
    "orders",
    j.orders.map((o) => [
      s,
      o.clientOrderId,
      o.submittedAt,
      o.symbol,
      o.side,
      o.quantity,
      o.type,
      num(o.limitPrice ?? NaN),
      num(o.stopPrice ?? NaN),
      o.tif,
      o.status,
      o.filledQuantity,
      num(o.avgFillPrice),
      o.reason ?? null,
    ]),
    true,
  );
  await insertRows(
    tx,
    "fills",
    j.fills.map((f) => [
      s,
      f.fillId,
      f.clientOrderId,
      f.symbol,
      f.ts,
      f.side,
      f.quantity,
      f.price,
      f.commission,
      f.slippage,
    ]),
    false,
  );
  await insertRows(
    tx,
    "positions",
    j.positions.map((
      p,
    ) => [
      s,
      j.date,
      p.symbol,
      p.quantity,
      p.avgPrice,
      p.mark,
      p.quantity * p.mark,
    ]),
    false,
  );
  const e = j.equity;
  await insertRows(tx, "equity", [[
    s,
    j.date,
    e.cash,
    e.equity,
    num(e.ret),
    e.gross,
    e.net,
    e.drawdown,
    e.halted,
    e.latencyMs,
  ]], false);
  const wall = new Date().toISOString();
  await insertRows(
    tx,
    "events",
    j.events.map((ev) => [
      s,
      ++seq.events,
      j.date,
      ev.kind,
      JSON.stringify(ev.detail),
      wall,
    ]),
    false,
  );
  await insertRows(
    tx,
    "alerts",
    j.alerts.map((a) => [
      s,
      ++seq.alerts,
      a.date,
      a.rule,
      a.severity,
      a.message,
      num(a.value),
      num(a.threshold),
    ]),
    false,
  );
  await insertRows(tx, "paper_checkpoints", [[
    s,
    j.date,
    j.checkpoint.barIndex,
    encodeState(j.checkpoint.state),
    wall,
  ]], true);
}

/**
 * JSON for checkpoint state that keeps non-finite numbers (`NaN`, `Infinity`), which plain
 * JSON turns into `null`: a resumed session must see exactly the state it left.
 */
export function encodeState(state: unknown): string {
  return JSON.stringify(
    state,
    (_k, v) =>
      typeof v === "number" && !Number.isFinite(v) ? { $num: String(v) } : v,
  );
}

/** Inverse of {@linkcode encodeState}. */
export function decodeState(text: string): unknown {
  return JSON.parse(
    text,
    (_k, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v) &&
        Object.keys(v).length === 1 && typeof v.$num === "string"
        ? Number(v.$num)
        : v,
  );
}

/** The last checkpoint of a session, or undefined for a new one. */
export async function readCheckpoint(
  db: DbEngine,
  sessionId: string,
): Promise<{ date: string; barIndex: number; state: unknown } | undefined> {
  const rows = await db.query<
    { date: string; bar_index: number; state: string }
  >(
    `SELECT date, bar_index, state FROM paper_checkpoints WHERE session_id = $s`,
    { s: sessionId },
  );
  const r = rows[0];
  return r
    ? {
      date: r.date,
      barIndex: Number(r.bar_index),
      state: decodeState(r.state),
    }
    : undefined;
}
