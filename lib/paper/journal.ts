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
      code_version VARCHAR, started_at VARCHAR, status VARCHAR);
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

/** Write one bar's journal rows and checkpoint inside the caller's transaction. */
export async function writeBar(
  tx: DbEngine,
  j: BarJournal,
  seq: { events: number; alerts: number },
): Promise<void> {
  const s = j.sessionId;
  for (const o of j.orders) {
    await tx.exec(
      `INSERT OR REPLACE INTO orders VALUES ($s, $id, $date, $symbol, $side, $qty, $type, $lim, $stop, $tif,
        $status, $filled, $avg, $reason)`,
      {
        s,
        id: o.clientOrderId,
        date: o.submittedAt,
        symbol: o.symbol,
        side: o.side,
        qty: o.quantity,
        type: o.type,
        lim: num(o.limitPrice ?? NaN),
        stop: num(o.stopPrice ?? NaN),
        tif: o.tif,
        status: o.status,
        filled: o.filledQuantity,
        avg: num(o.avgFillPrice),
        reason: o.reason ?? null,
      },
    );
  }
  for (const f of j.fills) {
    await tx.exec(
      `INSERT OR REPLACE INTO fills VALUES ($s, $fid, $oid, $symbol, $ts, $side, $qty, $price, $comm, $slip)`,
      {
        s,
        fid: f.fillId,
        oid: f.clientOrderId,
        symbol: f.symbol,
        ts: f.ts,
        side: f.side,
        qty: f.quantity,
        price: f.price,
        comm: f.commission,
        slip: f.slippage,
      },
    );
  }
  for (const p of j.positions) {
    await tx.exec(
      `INSERT OR REPLACE INTO positions VALUES ($s, $date, $symbol, $qty, $avg, $mark, $mv)`,
      {
        s,
        date: j.date,
        symbol: p.symbol,
        qty: p.quantity,
        avg: p.avgPrice,
        mark: p.mark,
        mv: p.quantity * p.mark,
      },
    );
  }
  const e = j.equity;
  await tx.exec(
    `INSERT OR REPLACE INTO equity VALUES ($s, $date, $cash, $equity, $ret, $gross, $net, $dd, $halted, $lat)`,
    {
      s,
      date: j.date,
      cash: e.cash,
      equity: e.equity,
      ret: num(e.ret),
      gross: e.gross,
      net: e.net,
      dd: e.drawdown,
      halted: e.halted,
      lat: e.latencyMs,
    },
  );
  const wall = new Date().toISOString();
  for (const ev of j.events) {
    await tx.exec(
      `INSERT OR REPLACE INTO events VALUES ($s, $seq, $date, $kind, $detail, $wall)`,
      {
        s,
        seq: ++seq.events,
        date: j.date,
        kind: ev.kind,
        detail: JSON.stringify(ev.detail),
        wall,
      },
    );
  }
  for (const a of j.alerts) {
    await tx.exec(
      `INSERT OR REPLACE INTO alerts VALUES ($s, $seq, $date, $rule, $sev, $msg, $value, $thr)`,
      {
        s,
        seq: ++seq.alerts,
        date: a.date,
        rule: a.rule,
        sev: a.severity,
        msg: a.message,
        value: num(a.value),
        thr: num(a.threshold),
      },
    );
  }
  await tx.exec(
    `INSERT OR REPLACE INTO paper_checkpoints VALUES ($s, $date, $i, $state, $wall)`,
    {
      s,
      date: j.date,
      i: j.checkpoint.barIndex,
      state: JSON.stringify(j.checkpoint.state),
      wall,
    },
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
      state: JSON.parse(r.state),
    }
    : undefined;
}
