/**
 * The paper-trading journal in DuckDB: the tables `sessions`, `orders`, `fills`,
 * `positions`, `equity`, `events`, `alerts`, `paper_checkpoints` (and `paper_control`),
 * their DDL, the typed writer and the typed reader behind lib/paper's `PaperJournal`
 * port. A session writes one transaction per bar, checkpoint included, so a crash at any
 * instant leaves the journal at the end of the last whole bar.
 *
 * Wall-clock columns (`started_at`, `last_heartbeat`, `wall_ts`, `latency_ms`) are the only
 * ones that differ between two runs of the same session; everything else is a pure
 * function of config and data.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type {
  BarJournal,
  JournalCheckpoint,
  JournaledKill,
  PaperJournal,
  SessionStart,
  StoredSession,
} from "../paper/mod.ts";

/** DDL of the journal tables, one statement each. */
export const PAPER_JOURNAL_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sessions (session_id VARCHAR PRIMARY KEY, config VARCHAR, data_hash VARCHAR,
      code_version VARCHAR, started_at VARCHAR, status VARCHAR, last_heartbeat VARCHAR, bars INTEGER,
      starts INTEGER, identity VARCHAR, config_hash VARCHAR)`,
  // stores made before sessions recorded their identity
  `ALTER TABLE sessions ADD COLUMN IF NOT EXISTS identity VARCHAR`,
  `ALTER TABLE sessions ADD COLUMN IF NOT EXISTS config_hash VARCHAR`,
  `CREATE TABLE IF NOT EXISTS orders (session_id VARCHAR, client_order_id VARCHAR, date VARCHAR, symbol VARCHAR,
      side VARCHAR, quantity DOUBLE, type VARCHAR, limit_price DOUBLE, stop_price DOUBLE, tif VARCHAR,
      status VARCHAR, filled_quantity DOUBLE, avg_fill_price DOUBLE, reason VARCHAR,
      PRIMARY KEY (session_id, client_order_id))`,
  `CREATE TABLE IF NOT EXISTS fills (session_id VARCHAR, fill_id VARCHAR, order_id VARCHAR, symbol VARCHAR,
      ts VARCHAR, side VARCHAR, quantity DOUBLE, price DOUBLE, commission DOUBLE, slippage DOUBLE,
      PRIMARY KEY (session_id, fill_id))`,
  `CREATE TABLE IF NOT EXISTS positions (session_id VARCHAR, date VARCHAR, symbol VARCHAR, quantity DOUBLE,
      avg_price DOUBLE, mark DOUBLE, market_value DOUBLE, PRIMARY KEY (session_id, date, symbol))`,
  `CREATE TABLE IF NOT EXISTS equity (session_id VARCHAR, date VARCHAR, cash DOUBLE, equity DOUBLE,
      ret DOUBLE, gross_exposure DOUBLE, net_exposure DOUBLE, drawdown DOUBLE, halted BOOLEAN,
      latency_ms DOUBLE, PRIMARY KEY (session_id, date))`,
  `CREATE TABLE IF NOT EXISTS events (session_id VARCHAR, seq INTEGER, date VARCHAR, kind VARCHAR,
      detail VARCHAR, wall_ts VARCHAR, PRIMARY KEY (session_id, seq))`,
  `CREATE TABLE IF NOT EXISTS alerts (session_id VARCHAR, seq INTEGER, date VARCHAR, rule VARCHAR,
      severity VARCHAR, message VARCHAR, value DOUBLE, threshold DOUBLE, PRIMARY KEY (session_id, seq))`,
  `CREATE TABLE IF NOT EXISTS paper_checkpoints (session_id VARCHAR PRIMARY KEY, date VARCHAR,
      bar_index INTEGER, state VARCHAR, wall_ts VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS paper_control (session_id VARCHAR, command VARCHAR, flatten BOOLEAN,
      reason VARCHAR, requested_at VARCHAR)`,
];

type Cell = string | number | boolean | null;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The journal of paper sessions over a store.
 *
 * @param db An open store (the session holds its write lock while it runs).
 * @returns The `PaperJournal` lib/paper's `runPaper` / `runSession` write through.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDb } from "../data/mod.ts";
 * import { createPaperJournal } from "./paper_journal.ts";
 * const db = await openDb({ path: ":memory:" });
 * const journal = createPaperJournal(db);
 * await journal.ensure();
 * assert.equal(await journal.readCheckpoint("none"), undefined);
 * await db.close();
 * ```
 */
export function createPaperJournal(db: DbEngine): PaperJournal {
  return {
    ensure: () => ensurePaperJournal(db),
    startSession: (s) => startSession(db, s),
    readSession: (id) => readSession(db, id),
    finishSession: (id, status, at) => finishSession(db, id, status, at),
    readCheckpoint: (id) => readCheckpoint(db, id),
    writeBar: (bar) => db.transaction((tx) => writeBar(tx, bar)),
    counts: (id) => counts(db, id),
    readLatencies: (id) => readLatencies(db, id),
    readEquity: (id) => readEquity(db, id),
    firstKill: (id) => firstKill(db, id),
  };
}

/** Create the journal tables if missing. */
export async function ensurePaperJournal(db: DbEngine): Promise<void> {
  for (const stmt of PAPER_JOURNAL_DDL) await db.exec(stmt);
}

async function startSession(db: DbEngine, s: SessionStart): Promise<void> {
  await db.exec(
    `INSERT INTO sessions (session_id, config, data_hash, code_version, started_at, status,
       last_heartbeat, bars, starts, identity, config_hash)
     VALUES ($s, $config, $hash, $code, $at, 'running', $at, 0, 1, $identity, $chash)
     ON CONFLICT (session_id) DO UPDATE SET status = 'running', last_heartbeat = $at,
       starts = sessions.starts + 1,
       identity = coalesce(sessions.identity, $identity),
       config_hash = coalesce(sessions.config_hash, $chash)`,
    {
      s: s.sessionId,
      config: s.config,
      hash: s.dataHash,
      code: s.codeVersion,
      at: s.at,
      identity: s.identity,
      chash: s.configHash,
    },
  );
}

async function readSession(
  db: DbEngine,
  sessionId: string,
): Promise<StoredSession | undefined> {
  const [r] = await db.query<Record<string, unknown>>(
    `SELECT config, identity, status, started_at,
       (SELECT min(date) FROM equity WHERE session_id = $s) AS first_date
     FROM sessions WHERE session_id = $s`,
    { s: sessionId },
  );
  if (!r) return undefined;
  const str = (v: unknown) => v === null || v === undefined ? null : String(v);
  return {
    sessionId,
    config: String(r.config ?? ""),
    identity: str(r.identity),
    status: String(r.status ?? ""),
    startedAt: String(r.started_at ?? ""),
    firstDate: str(r.first_date),
  };
}

async function finishSession(
  db: DbEngine,
  sessionId: string,
  status: string,
  at: string,
): Promise<void> {
  await db.exec(
    `UPDATE sessions SET status = $status, last_heartbeat = $at,
       bars = (SELECT count(*) FROM equity WHERE session_id = $s) WHERE session_id = $s`,
    { s: sessionId, status, at },
  );
}

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
async function writeBar(tx: DbEngine, j: BarJournal): Promise<void> {
  const s = j.sessionId, wall = new Date().toISOString();
  await insertRows(tx, "orders", j.orders.map((o) => orderRow(s, o)), true);
  await insertRows(tx, "fills", j.fills.map((f) => fillRow(s, f)), false);
  await insertRows(
    tx,
    "positions",
    j.positions.map((p) => [
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
  await insertRows(tx, "equity", [equityRow(s, j)], false);
  await insertRows(
    tx,
    "events",
    j.events.map((ev) => [
      s,
      ev.seq,
      j.date,
      ev.kind,
      JSON.stringify(ev.detail),
      wall,
    ]),
    false,
  );
  await insertRows(tx, "alerts", j.alerts.map((a) => alertRow(s, a)), false);
  await insertRows(tx, "paper_checkpoints", [[
    s,
    j.date,
    j.checkpoint.barIndex,
    encodeState(j.checkpoint.state),
    wall,
  ]], true);
}

function orderRow(s: string, o: BarJournal["orders"][number]): Cell[] {
  return [
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
  ];
}

function fillRow(s: string, f: BarJournal["fills"][number]): Cell[] {
  return [
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
  ];
}

function equityRow(s: string, j: BarJournal): Cell[] {
  const e = j.equity;
  return [
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
  ];
}

function alertRow(s: string, a: BarJournal["alerts"][number]): Cell[] {
  return [
    s,
    a.seq,
    a.date,
    a.rule,
    a.severity,
    a.message,
    num(a.value),
    num(a.threshold),
  ];
}

/**
 * JSON for checkpoint state that keeps non-finite numbers (`NaN`, `Infinity`), which plain
 * JSON turns into `null`: a resumed session must see exactly the state it left.
 *
 * @param state Plain JSON-like state.
 * @returns Its text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeState, encodeState } from "./paper_journal.ts";
 * assert.deepEqual(decodeState(encodeState({ a: NaN, b: [Infinity, 1] })), { a: NaN, b: [Infinity, 1] });
 * ```
 */
export function encodeState(state: unknown): string {
  return JSON.stringify(
    state,
    (_k, v) =>
      typeof v === "number" && !Number.isFinite(v) ? { $num: String(v) } : v,
  );
}

/**
 * Inverse of {@linkcode encodeState}.
 *
 * @param text Encoded state.
 * @returns The state.
 */
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

async function readCheckpoint(
  db: DbEngine,
  sessionId: string,
): Promise<JournalCheckpoint | undefined> {
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

async function counts(
  db: DbEngine,
  sessionId: string,
): Promise<{ bars: number; orders: number; fills: number; alerts: number }> {
  const [c] = await db.query<{ b: number; o: number; f: number; a: number }>(
    `SELECT (SELECT count(*) FROM equity WHERE session_id = $s) AS b,
            (SELECT count(*) FROM orders WHERE session_id = $s) AS o,
            (SELECT count(*) FROM fills WHERE session_id = $s) AS f,
            (SELECT count(*) FROM alerts WHERE session_id = $s) AS a`,
    { s: sessionId },
  );
  return {
    bars: Number(c.b),
    orders: Number(c.o),
    fills: Number(c.f),
    alerts: Number(c.a),
  };
}

async function readLatencies(
  db: DbEngine,
  sessionId: string,
): Promise<Float64Array> {
  const res = await db.queryColumns(
    `SELECT latency_ms FROM equity WHERE session_id = $s ORDER BY date`,
    { s: sessionId },
  );
  return res.columns.latency_ms as Float64Array;
}

async function readEquity(
  db: DbEngine,
  sessionId: string,
): Promise<{ dates: string[]; equity: Float64Array }> {
  const res = await db.queryColumns(
    `SELECT date, equity FROM equity WHERE session_id = $s ORDER BY date`,
    { s: sessionId },
  );
  return {
    dates: res.columns.date as string[],
    equity: res.columns.equity as Float64Array,
  };
}

async function firstKill(
  db: DbEngine,
  sessionId: string,
): Promise<JournaledKill | undefined> {
  const rows = await db.query<{ date: string; detail: string }>(
    `SELECT date, detail FROM events WHERE session_id = $s AND kind = 'kill_switch'
     ORDER BY seq LIMIT 1`,
    { s: sessionId },
  );
  if (rows.length === 0) return undefined;
  const d = JSON.parse(rows[0].detail);
  return {
    date: rows[0].date,
    flatten: Boolean(d.flatten),
    manual: Boolean(d.manual),
    // events journaled before the rule was recorded: a manual kill or the drawdown limit
    rule: String(d.rule ?? (d.manual ? "manual" : "max-drawdown")),
    reason: String(d.reason ?? ""),
  };
}
