/**
 * Readers of universe runs (`symbol_runs`, `symbol_folds`, `symbol_oos`; DDL and writer
 * in `symbol_runs.ts`): a run's per-symbol figures, and one symbol's folds and
 * out-of-sample days with its equity recomputed as the backtest computes it.
 *
 * @module
 */
import { barDates } from "../_shared/bar_dates.ts";
import type { DbEngine } from "../data/mod.ts";
import { hasColumn, readRows, tableExists } from "./_sql.ts";
import { OOS_RUN_SQL, OOS_TIME_MS_SQL } from "./symbol_runs.ts";
import type { StoredOos } from "./runs_read.ts";

/** One symbol of a stored universe run (figures are NaN where it did not run). */
export interface StoredSymbolRow {
  readonly symbol: string;
  /** `<run id>/<symbol>`. */
  readonly runId: string;
  readonly dataHash: string | null;
  readonly bars: number;
  readonly error: string | null;
  readonly folds: number;
  readonly oosDays: number;
  readonly sharpe: number;
  readonly totalReturn: number;
  /** Negative fraction. */
  readonly maxDrawdown: number;
  readonly hitRate: number;
  readonly winRate: number;
  readonly sanityViolations: number;
  readonly sanityRepairs: number;
}

/** One fold of a symbol of a universe run. */
export interface StoredSymbolFold {
  readonly fold: number;
  readonly trainStart: string;
  readonly trainEnd: string;
  readonly testStart: string;
  readonly testEnd: string;
  readonly sharpe: number;
  readonly totalReturn: number;
  readonly maxDrawdown: number;
  readonly hitRate: number;
  readonly coefficients: number[] | null;
  readonly intercept: number | null;
  readonly importance: number[];
}

/** One symbol of a universe run, with its folds and out-of-sample days. */
export interface StoredSymbolRun {
  readonly row: StoredSymbolRow;
  readonly folds: readonly StoredSymbolFold[];
  readonly oos: StoredOos;
}

const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));

/**
 * Every symbol of universe run `runId`, in universe order ([] when there is none).
 *
 * @param db The store.
 * @param runId The run id.
 * @returns The rows.
 */
export async function loadUniverseRows(
  db: DbEngine,
  runId: string,
): Promise<StoredSymbolRow[]> {
  const rows = await readRows<Record<string, unknown>>(
    db,
    "symbol_runs",
    "SELECT * FROM symbol_runs WHERE run_id = $id ORDER BY sym",
    { id: runId },
  );
  return rows.map((r) => ({
    symbol: String(r.symbol),
    runId: `${runId}/${r.symbol}`,
    dataHash: r.data_hash === null ? null : String(r.data_hash),
    bars: num(r.bars),
    error: r.error === null ? null : String(r.error),
    folds: num(r.folds),
    oosDays: num(r.oos_days),
    sharpe: num(r.sharpe),
    totalReturn: num(r.total_return),
    maxDrawdown: num(r.max_drawdown),
    hitRate: num(r.hit_rate),
    winRate: num(r.win_rate),
    sanityViolations: num(r.sanity_violations),
    sanityRepairs: num(r.sanity_repairs),
  }));
}

/**
 * One symbol of universe run `runId`: its row, folds and out-of-sample days.
 *
 * @param db The store.
 * @param runId The run id.
 * @param symbol The symbol.
 * @returns The stored symbol run.
 * @throws RangeError when the run has no such symbol.
 */
export async function loadSymbolRun(
  db: DbEngine,
  runId: string,
  symbol: string,
): Promise<StoredSymbolRun> {
  const rows = await loadUniverseRows(db, runId);
  const sym = rows.findIndex((r) => r.symbol === symbol);
  if (sym < 0) {
    throw new RangeError(
      `Cannot load ${symbol} of run "${runId}": ${
        rows.length ? "the run has no such symbol" : "no such universe run"
      }`,
    );
  }
  const folds = await db.query(
    `SELECT fold, epoch_ms(train_start)::DOUBLE AS a, epoch_ms(train_end)::DOUBLE AS b,
       epoch_ms(test_start)::DOUBLE AS c, epoch_ms(test_end)::DOUBLE AS d, sharpe,
       total_return, max_drawdown, hit_rate, coefficients, intercept, importance
     FROM symbol_folds WHERE run_id = $id AND sym = $sym ORDER BY fold`,
    { id: runId, sym },
  );
  const oos = (await tableExists(db, "symbol_oos"))
    ? await db.queryColumns(
      // a store saved before symbol_oos was compact is converted by its next save;
      // until then its rows are read as they are (run_id, ts)
      await hasColumn(db, "symbol_oos", "ts")
        ? `SELECT epoch_ms(ts)::DOUBLE AS t, prediction, position, ret FROM symbol_oos
           WHERE run_id = $id AND sym = $sym ORDER BY ts`
        : `SELECT ${OOS_TIME_MS_SQL} AS t, prediction, position, ret FROM symbol_oos
           WHERE run = ${OOS_RUN_SQL} AND sym = $sym ORDER BY day, ms_in_day`,
      { id: runId, sym },
    )
    : null;
  const c = oos?.columns ?? {};
  const returns = (c.ret ?? new Float64Array(0)) as Float64Array;
  const equity = new Float64Array(returns.length);
  let eq = 1;
  for (let t = 0; t < returns.length; t++) equity[t] = eq *= 1 + returns[t];
  const ms = (c.t ?? new Float64Array(0)) as Float64Array;
  const day = (v: unknown) => barDates(Float64Array.of(Number(v)))[0];
  return {
    row: rows[sym],
    folds: folds.map((f) => ({
      fold: Number(f.fold),
      trainStart: day(f.a),
      trainEnd: day(f.b),
      testStart: day(f.c),
      testEnd: day(f.d),
      sharpe: num(f.sharpe),
      totalReturn: num(f.total_return),
      maxDrawdown: num(f.max_drawdown),
      hitRate: num(f.hit_rate),
      coefficients: listOf(f.coefficients),
      intercept: f.intercept === null ? null : Number(f.intercept),
      importance: listOf(f.importance) ?? [],
    })),
    oos: {
      dates: barDates(ms),
      predictions: (c.prediction ?? new Float64Array(0)) as Float64Array,
      positions: (c.position ?? new Float64Array(0)) as Float64Array,
      returns,
      equity,
    },
  };
}

/** A `DOUBLE[]` value as the engines give it (a list, or its text). */
function listOf(v: unknown): number[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => (x === null ? NaN : Number(x)));
  const text = String(v).trim();
  if (!text.startsWith("[")) return null;
  return text.slice(1, -1).split(",").filter((s) => s.trim() !== "").map(
    (s) => s.trim() === "NULL" ? NaN : Number(s),
  );
}
