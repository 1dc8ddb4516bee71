/**
 * Readers of the walk-forward run tables (`runs`, `folds`, `oos`; DDL and writers in
 * `runs.ts`): one run with its folds and out-of-sample days, the newest run, the list.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import { ensureRunTables } from "./runs.ts";

/** A `runs` row as stored. */
export interface RunSummary {
  readonly runId: string;
  readonly kind: string;
  readonly symbol: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly dataHash: string;
  readonly codeVersion: string;
  /** Overall metrics (non-finite numbers were stored as null). */
  readonly metrics: Record<string, unknown>;
  /** What the DataSanity gate did (the config's `dataSanity`; undefined for older runs). */
  readonly dataSanity: unknown;
}

/** A `folds` row as stored. */
export interface StoredFold {
  readonly fold: number;
  readonly trainStart: string;
  readonly trainEnd: string;
  readonly testStart: string;
  readonly testEnd: string;
  readonly metrics: Record<string, unknown>;
  readonly coefficients: Record<string, unknown> | null;
  readonly ms: number;
}

/** A stored run's out-of-sample days, one array per column. */
export interface StoredOos {
  readonly dates: string[];
  readonly predictions: Float64Array;
  readonly positions: Float64Array;
  readonly returns: Float64Array;
  /** `prod(1 + returns)` up to each day (as lib/backtest computes it). */
  readonly equity: Float64Array;
}

/** A stored run. */
export interface StoredRun {
  readonly manifest: RunManifest;
  readonly summary: RunSummary;
  readonly folds: readonly StoredFold[];
  readonly oos: StoredOos;
}

const parse = (v: unknown): Record<string, unknown> =>
  typeof v === "string" ? JSON.parse(v) : (v as Record<string, unknown>);

function summary(r: Record<string, unknown>): RunSummary {
  return {
    runId: String(r.run_id),
    kind: String(r.kind),
    symbol: r.symbol === null || r.symbol === undefined
      ? null
      : String(r.symbol),
    startedAt: String(r.started_at),
    endedAt: String(r.ended_at),
    dataHash: String(r.data_hash),
    codeVersion: String(r.code_version),
    metrics: parse(r.metrics),
    dataSanity: parse(r.config).dataSanity,
  };
}

/**
 * Every stored run, newest first (by start time, then id).
 *
 * @param db An open database.
 * @returns Run summaries.
 */
export async function listRuns(db: DbEngine): Promise<RunSummary[]> {
  await ensureRunTables(db);
  const rows = await db.query(
    "SELECT * FROM runs ORDER BY started_at DESC, run_id DESC",
  );
  return rows.map(summary);
}

/**
 * The newest run, optionally of one kind and/or symbol; null when there is none.
 *
 * @param db An open database.
 * @param filter `kind` and `symbol` to match.
 * @returns The stored run or null.
 */
export async function latestRun(
  db: DbEngine,
  filter: { kind?: string; symbol?: string } = {},
): Promise<StoredRun | null> {
  await ensureRunTables(db);
  const rows = await db.query(
    `SELECT run_id FROM runs
     WHERE ($kind IS NULL OR kind = $kind) AND ($symbol IS NULL OR symbol = $symbol)
     ORDER BY started_at DESC, run_id DESC LIMIT 1`,
    { kind: filter.kind ?? null, symbol: filter.symbol ?? null },
  );
  return rows.length ? await loadRun(db, String(rows[0].run_id)) : null;
}

/**
 * The newest walk-forward run of `symbol` with an out-of-sample day in `[from, to]`, or
 * null.
 *
 * @param db An open database.
 * @param symbol The run's symbol.
 * @param window First and last date (inclusive).
 * @returns The stored run or null.
 */
export async function latestRunCovering(
  db: DbEngine,
  symbol: string,
  window: { readonly from: string; readonly to: string },
): Promise<StoredRun | null> {
  await ensureRunTables(db);
  const rows = await db.query<{ run_id: string }>(
    `SELECT o.run_id FROM oos o JOIN runs r ON r.run_id = o.run_id
     WHERE r.kind = 'walkforward' AND r.symbol = $s AND o.date BETWEEN $a AND $b
     GROUP BY o.run_id ORDER BY max(r.started_at) DESC, o.run_id DESC LIMIT 1`,
    { s: symbol, a: window.from, b: window.to },
  );
  return rows.length ? await loadRun(db, rows[0].run_id) : null;
}

/**
 * Load one run: manifest, folds (in order) and out-of-sample days (by date).
 *
 * @param db An open database.
 * @param runId The run id.
 * @returns The stored run.
 * @throws RangeError when no run has that id.
 */
export async function loadRun(db: DbEngine, runId: string): Promise<StoredRun> {
  await ensureRunTables(db);
  const runs = await db.query("SELECT * FROM runs WHERE run_id = $id", {
    id: runId,
  });
  if (runs.length === 0) {
    throw new RangeError(
      `Cannot load run "${runId}": no such run in the store`,
    );
  }
  const r = runs[0];
  const folds = await db.query(
    "SELECT * FROM folds WHERE run_id = $id ORDER BY fold",
    { id: runId },
  );
  const oos = await db.queryColumns(
    `SELECT date, prediction, position, ret, equity FROM oos
     WHERE run_id = $id ORDER BY date`,
    { id: runId },
  );
  return {
    manifest: {
      runId,
      kind: String(r.kind),
      config: parse(r.config),
      dataHash: String(r.data_hash),
      codeVersion: String(r.code_version),
      seed: Number(r.seed),
      startedAt: String(r.started_at),
      endedAt: String(r.ended_at),
      timings: parse(r.timings) as Record<string, number>,
    },
    summary: summary(r),
    folds: folds.map(storedFold),
    oos: {
      dates: (oos.columns.date as (string | null)[]).map(String),
      predictions: oos.columns.prediction as Float64Array,
      positions: oos.columns.position as Float64Array,
      returns: oos.columns.ret as Float64Array,
      equity: oos.columns.equity as Float64Array,
    },
  };
}

function storedFold(f: Record<string, unknown>): StoredFold {
  return {
    fold: Number(f.fold),
    trainStart: String(f.train_start),
    trainEnd: String(f.train_end),
    testStart: String(f.test_start),
    testEnd: String(f.test_end),
    metrics: parse(f.metrics),
    coefficients: f.coefficients === null || f.coefficients === undefined
      ? null
      : parse(f.coefficients),
    ms: Number(f.ms),
  };
}
