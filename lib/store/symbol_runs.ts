/**
 * Universe runs (`deno task multi-symbol`): one `runs` row (kind `multi-symbol`, ONE data
 * hash: the hash of the per-symbol hashes) and three compact tables keyed by
 * `(run_id, sym)` (`symbol_oos` by `(run, sym)`), `sym` being the symbol's position in
 * the run's universe:
 * - `symbol_runs`: one row per symbol: its data hash, bars, overall figures or its error;
 * - `symbol_folds`: one row per fold: windows, figures, coefficients as `DOUBLE[]`;
 * - `symbol_oos`: one row per out-of-sample day: its bar time as `day` (days since
 *   1970-01-01 UTC) and `ms_in_day` (milliseconds after 00:00 UTC, 0 for daily bars: DuckDB
 *   stores a column of zeros in no space, and a day number that steps by 1 to 3 in 2 bits
 *   a row, where a TIMESTAMP in microseconds takes ~40), prediction, position and net
 *   return as DOUBLE (exactly the computed values); typed columns, no JSON, no primary
 *   key, rows in (sym, day) order; the equity is `prod(1 + ret)` and is recomputed on
 *   read exactly as the backtest computes it. Its rows carry the run's INTEGER key `run`
 *   (`universe_run_keys` maps run ids to keys): a constant integer column costs nothing
 *   in DuckDB, where the run id repeated as VARCHAR on millions of rows took a third of
 *   the append time.
 * Everything is written in one transaction, in bulk (the native engine's appender).
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { AppendColumn, DbEngine } from "../data/mod.ts";
import type { SpanMetrics, WalkForwardMetrics } from "../walkforward/mod.ts";
import {
  ensureTables,
  hasColumn,
  insertColumns,
  insertRows,
  jsonText,
} from "./_sql.ts";
import { ensureRunTables } from "./runs.ts";

/** DDL of `universe_run_keys` (run id to the INTEGER key of its `symbol_oos` rows). */
const RUN_KEYS_DDL = `CREATE TABLE IF NOT EXISTS universe_run_keys (
    run_id VARCHAR PRIMARY KEY, run INTEGER NOT NULL UNIQUE)`;

/** DDL of `symbol_oos` (compact: run key, day and milliseconds in the day). */
const OOS_DDL = `CREATE TABLE IF NOT EXISTS symbol_oos (
    run INTEGER NOT NULL, sym INTEGER NOT NULL, day INTEGER NOT NULL,
    ms_in_day INTEGER NOT NULL, prediction DOUBLE, position DOUBLE NOT NULL,
    ret DOUBLE NOT NULL)`;

/** DDL of the universe tables (idempotent). Times are TIMESTAMPs, as in `bars`. */
export const SYMBOL_RUN_TABLES_SQL: readonly string[] = Object.freeze([
  `CREATE TABLE IF NOT EXISTS symbol_runs (
    run_id VARCHAR NOT NULL, sym INTEGER NOT NULL, symbol VARCHAR NOT NULL,
    data_hash VARCHAR, bars INTEGER NOT NULL, first_bar TIMESTAMP, last_bar TIMESTAMP,
    error VARCHAR, sanity_violations INTEGER NOT NULL, sanity_repairs INTEGER NOT NULL,
    folds INTEGER NOT NULL, oos_days INTEGER NOT NULL, sharpe DOUBLE, total_return DOUBLE,
    max_drawdown DOUBLE, annual_return DOUBLE, annual_volatility DOUBLE, hit_rate DOUBLE,
    win_rate DOUBLE, profit_factor DOUBLE, payoff_ratio DOUBLE, trades INTEGER NOT NULL,
    exposure DOUBLE, turnover DOUBLE, PRIMARY KEY (run_id, sym))`,
  `CREATE TABLE IF NOT EXISTS symbol_folds (
    run_id VARCHAR NOT NULL, sym INTEGER NOT NULL, fold INTEGER NOT NULL,
    train_start TIMESTAMP NOT NULL, train_end TIMESTAMP NOT NULL,
    test_start TIMESTAMP NOT NULL, test_end TIMESTAMP NOT NULL,
    days INTEGER NOT NULL, sharpe DOUBLE, total_return DOUBLE, max_drawdown DOUBLE,
    annual_return DOUBLE, annual_volatility DOUBLE, hit_rate DOUBLE,
    intercept DOUBLE, coefficients DOUBLE[], importance DOUBLE[], signs DOUBLE[],
    ms DOUBLE NOT NULL)`,
  RUN_KEYS_DDL,
  OOS_DDL,
]);

/** Milliseconds of a day: an out-of-sample bar time is `day * DAY_MS + ms_in_day`. */
const DAY_MS = 86_400_000;

/** SQL of an out-of-sample row's bar time in milliseconds since the epoch (DOUBLE). */
export const OOS_TIME_MS_SQL = `(day::DOUBLE * ${DAY_MS} + ms_in_day)`;

/** SQL of the `symbol_oos` key of run `$id` (NULL when it has none). */
export const OOS_RUN_SQL =
  "(SELECT run FROM universe_run_keys WHERE run_id = $id)";

/**
 * A store written before `symbol_oos` was compact has `run_id` and `ts TIMESTAMP` columns:
 * each run gets its key and the rows are rewritten once into the compact columns (same
 * instants, same order).
 */
const MIGRATE_OOS_SQL: readonly string[] = [
  RUN_KEYS_DDL,
  `INSERT INTO universe_run_keys SELECT run_id,
     (SELECT coalesce(max(run), 0) FROM universe_run_keys)
       + row_number() OVER (ORDER BY run_id)
     FROM (SELECT DISTINCT run_id FROM symbol_oos)`,
  OOS_DDL.replace(
    "IF NOT EXISTS symbol_oos",
    "_symbol_oos_compact",
  ),
  `INSERT INTO _symbol_oos_compact SELECT k.run, o.sym,
     floor(epoch_ms(o.ts) / ${DAY_MS})::INTEGER AS day,
     (epoch_ms(o.ts) - floor(epoch_ms(o.ts) / ${DAY_MS}) * ${DAY_MS})::INTEGER
       AS ms_in_day,
     o.prediction, o.position, o.ret
     FROM symbol_oos o JOIN universe_run_keys k USING (run_id)
     ORDER BY k.run, o.sym, o.ts`,
  "DROP TABLE symbol_oos",
  "ALTER TABLE _symbol_oos_compact RENAME TO symbol_oos",
];

/** One fold of one symbol, times in milliseconds since the epoch (bar times). */
export interface CompactFold {
  readonly index: number;
  /** First and last (inclusive) bar of the training rows. */
  readonly trainStart: number;
  readonly trainEnd: number;
  /** First and last (inclusive) test day. */
  readonly testStart: number;
  readonly testEnd: number;
  readonly metrics: SpanMetrics;
  readonly coefficients: readonly number[] | null;
  readonly intercept: number | null;
  readonly importance: readonly number[];
  readonly signs: readonly number[];
  /** Fit + predict wall time in ms (0 without a clock). */
  readonly ms: number;
}

/** One symbol's walk-forward in compact form. */
export interface CompactWalkForward {
  readonly metrics: WalkForwardMetrics;
  readonly folds: readonly CompactFold[];
  /**
   * The stitched out-of-sample days: bar time, prediction, position, net return. Empty
   * when `oosDays` is set: the days were left out of memory and come from
   * {@linkcode saveUniverseRun}'s `oos` source when stored.
   */
  readonly oos: OosDays;
  /** The number of out-of-sample days when `oos` was left out (see `oos`). */
  readonly oosDays?: number;
}

/** Out-of-sample days: bar time, prediction, position, net return. */
export interface OosDays {
  readonly times: Float64Array;
  readonly predictions: Float64Array;
  readonly positions: Float64Array;
  readonly returns: Float64Array;
}

/** One symbol's out-of-sample days, `sym` its position in the run's universe. */
export interface SymbolOos {
  readonly sym: number;
  readonly oos: OosDays;
}

/**
 * The number of out-of-sample days of a symbol's walk-forward (held or left out).
 *
 * @param run The walk-forward.
 * @returns Its days.
 */
export function oosDayCount(run: CompactWalkForward): number {
  return run.oosDays ?? run.oos.times.length;
}

/**
 * A walk-forward without its out-of-sample days in memory (they are stored from a
 * source, e.g. the queue's result files, read a chunk at a time).
 *
 * @param run The walk-forward.
 * @returns The same with `oos` empty and `oosDays` its length.
 */
export function withoutOosDays(run: CompactWalkForward): CompactWalkForward {
  const none = new Float64Array(0);
  return {
    ...run,
    oos: { times: none, predictions: none, positions: none, returns: none },
    oosDays: oosDayCount(run),
  };
}

/** What a universe run did with one symbol. */
export interface SymbolOutcome {
  readonly symbol: string;
  /** Hash of the bars the run used (lib/_shared `hashBars`); null when none were. */
  readonly dataHash: string | null;
  /** Bars the run used (after the date range and DataSanity). */
  readonly bars: number;
  /** First and last bar time (ms); NaN when there are none. */
  readonly first: number;
  readonly last: number;
  /** Why the symbol has no result (too little data, a DataSanity failure); else null. */
  readonly error: string | null;
  readonly sanity: { readonly violations: number; readonly repairs: number };
  readonly run: CompactWalkForward | null;
}

/** Rows of out-of-sample days appended per appender call (bounds the copies). */
const OOS_BLOCK = 262_144;

/**
 * Create the universe tables (and the run tables) when missing.
 *
 * @param db An open database.
 */
export async function ensureSymbolRunTables(db: DbEngine): Promise<void> {
  await ensureRunTables(db);
  if (await hasColumn(db, "symbol_oos", "ts")) {
    await db.transaction(async (tx) => {
      for (const sql of MIGRATE_OOS_SQL) await tx.exec(sql);
    });
  }
  await ensureTables(db, "universe run", SYMBOL_RUN_TABLES_SQL);
}

/**
 * Store a universe run: the `runs` row (manifest, `metrics` = the run's summary) and
 * every symbol's row, folds and out-of-sample days, all or nothing in one transaction;
 * saving the same run id again replaces it.
 *
 * The out-of-sample days (the bulk of a run: four numbers a day a symbol) come from the
 * outcomes, or, for outcomes whose days were left out of memory (`withoutOosDays`), from
 * `oos`: a source read once inside the transaction and appended a block of
 * 262,144 days at a time, so memory holds one block, not the run. Each symbol's days
 * from the source must be as many as its outcome says, or nothing is stored.
 *
 * @param db An open database.
 * @param manifest The run's manifest (kind `multi-symbol`).
 * @param outcomes One per symbol, in universe order (`sym` = position).
 * @param summary The run's summary metrics (JSON in `runs.metrics`).
 * @param oos The days of the outcomes that left them out, any order.
 */
export async function saveUniverseRun(
  db: DbEngine,
  manifest: RunManifest,
  outcomes: readonly SymbolOutcome[],
  summary: Readonly<Record<string, unknown>>,
  oos?: () => AsyncIterable<SymbolOos>,
): Promise<void> {
  await ensureSymbolRunTables(db);
  const id = manifest.runId;
  try {
    await db.transaction(async (tx) => {
      // a run's rows are written together: only a stored run id has rows to replace
      // (the check is an index lookup; the child tables are scanned only then)
      const [{ n }] = await tx.query<{ n: number }>(
        "SELECT count(*) AS n FROM runs WHERE run_id = $id",
        { id },
      );
      if (n > 0) {
        await tx.exec(`DELETE FROM symbol_oos WHERE run = ${OOS_RUN_SQL}`, {
          id,
        });
      }
      for (
        const t of n > 0
          ? ["universe_run_keys", "symbol_folds", "symbol_runs", "runs"]
          : []
      ) {
        await tx.exec(`DELETE FROM ${t} WHERE run_id = $id`, { id });
      }
      const [{ key }] = await tx.query<{ key: number }>(
        "SELECT coalesce(max(run), 0) + 1 AS key FROM universe_run_keys",
      );
      await insertRows(tx, "universe_run_keys", [{ run_id: id, run: key }]);
      await insertRows(tx, "runs", [{
        run_id: id,
        kind: manifest.kind,
        symbol: null,
        config: jsonText(manifest.config),
        data_hash: manifest.dataHash,
        code_version: manifest.codeVersion,
        seed: manifest.seed,
        started_at: manifest.startedAt,
        ended_at: manifest.endedAt,
        timings: jsonText(manifest.timings),
        metrics: jsonText(summary),
      }]);
      await writeSymbolRows(tx, id, outcomes);
      await writeFolds(tx, id, outcomes);
      await writeOos(tx, key, outcomes, oos);
    });
  } catch (e) {
    throw new Error(`Cannot save run ${id}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

const SYMBOL_RUN_COLUMNS = [
  "run_id",
  "sym",
  "symbol",
  "data_hash",
  "bars",
  "first_bar",
  "last_bar",
  "error",
  "sanity_violations",
  "sanity_repairs",
  "folds",
  "oos_days",
  "sharpe",
  "total_return",
  "max_drawdown",
  "annual_return",
  "annual_volatility",
  "hit_rate",
  "win_rate",
  "profit_factor",
  "payoff_ratio",
  "trades",
  "exposure",
  "turnover",
] as const;

function writeSymbolRows(
  tx: DbEngine,
  id: string,
  outcomes: readonly SymbolOutcome[],
): Promise<void> {
  const n = outcomes.length;
  const num = (f: (o: SymbolOutcome) => number) =>
    Float64Array.from(outcomes, f);
  const int = (f: (o: SymbolOutcome) => number) => Int32Array.from(outcomes, f);
  const m = (k: keyof WalkForwardMetrics) => (o: SymbolOutcome) =>
    o.run ? o.run.metrics[k] : NaN;
  const columns: AppendColumn[] = [
    { constant: id },
    Int32Array.from(outcomes, (_, i) => i),
    outcomes.map((o) => o.symbol),
    outcomes.map((o) => o.dataHash),
    int((o) => o.bars),
    { epochMs: num((o) => o.first) },
    { epochMs: num((o) => o.last) },
    outcomes.map((o) => o.error),
    int((o) => o.sanity.violations),
    int((o) => o.sanity.repairs),
    int((o) => o.run?.folds.length ?? 0),
    int((o) => o.run ? oosDayCount(o.run) : 0),
    num(m("sharpe")),
    num(m("totalReturn")),
    num(m("maxDrawdown")),
    num(m("annualReturn")),
    num(m("annualVolatility")),
    num(m("hitRate")),
    num(m("winRate")),
    num(m("profitFactor")),
    num(m("payoffRatio")),
    int((o) => o.run?.metrics.trades ?? 0),
    num(m("exposure")),
    num(m("turnover")),
  ];
  return insertColumns(tx, "symbol_runs", SYMBOL_RUN_COLUMNS, columns, n);
}

const FOLD_FIGURES = [
  "sharpe",
  "totalReturn",
  "maxDrawdown",
  "annualReturn",
  "annualVolatility",
  "hitRate",
] as const;

let staged = 0;

/**
 * Folds go through a TEMP table of flat typed columns (coefficient k of every fold in
 * column `c<k>`), then one INSERT ... SELECT builds the `DOUBLE[]` columns.
 */
async function writeFolds(
  tx: DbEngine,
  id: string,
  outcomes: readonly SymbolOutcome[],
): Promise<void> {
  const rows: { sym: number; f: CompactFold }[] = [];
  outcomes.forEach((o, sym) =>
    o.run?.folds.forEach((f) => rows.push({ sym, f }))
  );
  if (rows.length === 0) return;
  const p = rows[0].f.importance.length;
  const k = Array.from({ length: p }, (_, j) => j);
  const stage = `_stage_folds_${++staged}`;
  const names = [
    "sym",
    "fold",
    "train_start",
    "train_end",
    "test_start",
    "test_end",
    "days",
    ...FOLD_FIGURES.map((_, j) => `m${j}`),
    "intercept",
    "ms",
    "linear",
    ...k.map((j) => `c${j}`),
    ...k.map((j) => `i${j}`),
    ...k.map((j) => `s${j}`),
  ];
  const type = (n: string) =>
    ["sym", "fold", "days", "linear"].includes(n)
      ? "INTEGER"
      : n.startsWith("t")
      ? "TIMESTAMP"
      : "DOUBLE";
  await tx.exec(
    `CREATE TEMP TABLE ${stage} (${
      names.map((n) => `${n} ${type(n)}`).join(", ")
    })`,
  );
  try {
    // one pass over the folds fills every flat column (names' order after the first two)
    const n = rows.length, width = names.length - 2;
    const flat = Array.from({ length: width }, () => new Float64Array(n));
    const vec = (v: readonly number[] | null, j: number) => v?.[j] ?? NaN;
    rows.forEach(({ f }, r) => {
      const m = f.metrics;
      const values = [
        f.trainStart,
        f.trainEnd,
        f.testStart,
        f.testEnd,
        m.days,
        ...FOLD_FIGURES.map((k) => m[k]),
        f.intercept ?? NaN,
        f.ms,
        f.coefficients === null ? 0 : 1,
        ...k.map((j) => vec(f.coefficients, j)),
        ...k.map((j) => vec(f.importance, j)),
        ...k.map((j) => vec(f.signs, j)),
      ];
      for (let c = 0; c < width; c++) flat[c][r] = values[c];
    });
    const typed = flat.map((col, c) => {
      const t = type(names[c + 2]);
      return t === "TIMESTAMP"
        ? { epochMs: col }
        : t === "INTEGER"
        ? Int32Array.from(col)
        : col;
    });
    await insertColumns(tx, stage, names, [
      Int32Array.from(rows, (r) => r.sym),
      Int32Array.from(rows, (r) => r.f.index),
      ...typed,
    ], n);
    const list = (c: string) =>
      `[${k.map((j) => `${c}${j}`).join(", ")}]::DOUBLE[]`;
    await tx.exec(
      `INSERT INTO symbol_folds SELECT $id, sym, fold, train_start, train_end, test_start,
         test_end, days, ${
        FOLD_FIGURES.map((_, j) => `m${j}`).join(", ")
      }, intercept,
         CASE WHEN linear = 1 THEN ${list("c")} END, ${list("i")}, ${
        list("s")
      }, ms
       FROM ${stage}`,
      { id },
    );
  } finally {
    await tx.exec(`DROP TABLE IF EXISTS ${stage}`);
  }
}

const OOS_COLUMNS = [
  "run",
  "sym",
  "day",
  "ms_in_day",
  "prediction",
  "position",
  "ret",
];

/** The days each outcome holds in memory. */
async function* heldOos(
  outcomes: readonly SymbolOutcome[],
): AsyncIterable<SymbolOos> {
  for (const [sym, o] of outcomes.entries()) {
    if (o.run && o.run.oosDays === undefined) yield { sym, oos: o.run.oos };
  }
}

/**
 * Out-of-sample days, a block of symbols (about `OOS_BLOCK` days) at a time: the days
 * held by the outcomes, then those of the source; every symbol's count is checked.
 */
async function writeOos(
  tx: DbEngine,
  key: number,
  outcomes: readonly SymbolOutcome[],
  source?: () => AsyncIterable<SymbolOos>,
): Promise<void> {
  const seen = new Float64Array(outcomes.length);
  let block: SymbolOos[] = [], rows = 0;
  const flush = async () => {
    const sym = new Int32Array(rows), day = new Int32Array(rows);
    const ms = new Int32Array(rows);
    const cols = [0, 1, 2].map(() => new Float64Array(rows));
    let at = 0;
    for (const { sym: s, oos: o } of block) {
      sym.fill(s, at, at + o.times.length);
      for (let t = 0; t < o.times.length; t++) {
        const d = Math.floor(o.times[t] / DAY_MS);
        day[at + t] = d;
        ms[at + t] = o.times[t] - d * DAY_MS;
      }
      [o.predictions, o.positions, o.returns].forEach((c, j) =>
        cols[j].set(c, at)
      );
      at += o.times.length;
    }
    await insertColumns(tx, "symbol_oos", OOS_COLUMNS, [
      new Int32Array(rows).fill(key),
      sym,
      day,
      ms,
      cols[0],
      cols[1],
      cols[2],
    ], rows);
    block = [];
    rows = 0;
  };
  const add = async (days: AsyncIterable<SymbolOos>, fromSource: boolean) => {
    for await (const d of days) {
      const run = outcomes[d.sym]?.run;
      if (!run || (run.oosDays !== undefined) !== fromSource) {
        throw new Error(
          `out-of-sample days for position ${d.sym}, which has no result left to store them`,
        );
      }
      seen[d.sym] += d.oos.times.length;
      block.push(d);
      rows += d.oos.times.length;
      if (rows >= OOS_BLOCK) await flush();
    }
  };
  await add(heldOos(outcomes), false);
  if (source) await add(source(), true);
  if (rows > 0) await flush();
  outcomes.forEach((o, sym) => {
    const want = o.run ? oosDayCount(o.run) : 0;
    if (seen[sym] !== want) {
      throw new Error(
        `${o.symbol} has ${want} out-of-sample days, ${
          seen[sym]
        } were given to store`,
      );
    }
  });
}
