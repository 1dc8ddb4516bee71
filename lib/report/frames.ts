/**
 * Arquero forms of what the lib readers return: every reader that returns rows (runs,
 * folds, out-of-sample series, feature importance, optimisation trials, stress rows, the
 * paper journal) has a `...Frame` here giving the same values as an arquero
 * `ColumnTable`, so notebooks explore them with arquero's verbs (`filter`, `groupby`/
 * `rollup`, `derive`, `join`, `orderby`) and show the result through the one table
 * renderer ({@linkcode frameHtml} = `tableHtml` of `table.ts`). The readers without a
 * form of their own (`readLatestOptimize`, `readLatestPortfolio`, `readLatestStrategyRuns`,
 * `readStrategyComponents`, `readLatestPreflight`, `listPaperSessions`,
 * `readFeatureImportanceRows`, ...) return plain rows: {@linkcode rowsFrame} takes them.
 *
 * Columns the reader already holds as typed arrays (out-of-sample days, paper equity)
 * are used as they are: no per-row copy. Row readers become one column per field;
 * a run's or fold's `metrics` object is spread into one column per metric, number
 * columns become `Float64Array`s (a missing number is NaN, shown as "-"), other nested
 * objects become JSON text, and per-row series (a trial's test returns, a fold's
 * coefficient list) are left out: they are series, not cells.
 *
 * Arquero parses the functions given to its verbs into expressions, so a verb cannot
 * see the notebook's variables: pass them with `.params({ x })` and read `$.x`, or wrap
 * the function in `escape` (re-exported here with `op` and `desc`).
 *
 * @module
 */
import { type ColumnTable, table as aqTable } from "arquero";
import type { PaperEquity, RunImportance } from "../store/mod.ts";
import type { ColumnFormat } from "./column_format.ts";
import { type TableCell, type TableColumn, tableHtml } from "./table.ts";

export { desc, escape, op } from "arquero";
export type { ColumnTable };

/** A column of a frame as given: a typed array or an array of cells. */
export type FrameColumn = ArrayLike<unknown>;

/**
 * A frame over named columns, used as given (typed arrays are not copied).
 *
 * @param columns Name to column; all of the same length.
 * @returns The arquero table.
 * @throws RangeError when the columns differ in length (naming the column).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { columnsFrame } from "./frames.ts";
 * const ret = Float64Array.of(0.01, -0.02, 0.03);
 * const t = columnsFrame({ date: ["2020-01-02", "2020-01-03", "2020-01-06"], ret });
 * assert.equal(t.column("ret"), ret);
 * assert.equal(t.filter((d) => d.ret > 0).numRows(), 2);
 * ```
 */
export function columnsFrame(
  columns: Readonly<Record<string, FrameColumn>>,
): ColumnTable {
  const entries = Object.entries(columns);
  const n = entries[0]?.[1].length ?? 0;
  for (const [name, col] of entries) {
    if (col.length !== n) {
      throw new RangeError(
        `Cannot build a table: column "${name}" has ${col.length} values, expected ${n} like "${
          entries[0][0]
        }"`,
      );
    }
  }
  return aqTable(columns as Record<string, unknown[]>);
}

/** Options of {@linkcode rowsFrame}. */
export interface RowsFrameOptions {
  /** Object fields spread into one column per key. @default ["metrics"] */
  readonly spread?: readonly string[];
}

type Row = Readonly<Record<string, unknown>>;

const isSeries = (v: unknown): boolean =>
  Array.isArray(v) || ArrayBuffer.isView(v);
const isObject = (v: unknown): v is Row =>
  typeof v === "object" && v !== null && !isSeries(v);

/**
 * A frame from rows of objects: one column per field (in the order fields first
 * appear), `spread` objects as one column per key (a key that is already a column
 * keeps its field's prefix: `metrics.days`), numbers as `Float64Array` (null and
 * non-numbers as NaN), other objects as JSON text, arrays and typed arrays left out.
 *
 * @param rows The reader's rows.
 * @param options Which object fields to spread.
 * @returns The arquero table.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rowsFrame } from "./frames.ts";
 * const t = rowsFrame([
 *   { fold: 0, metrics: { sharpe: 1.5, days: 63 } },
 *   { fold: 1, metrics: { sharpe: null, days: 63 } },
 * ]);
 * assert.deepEqual(t.columnNames(), ["fold", "sharpe", "days"]);
 * assert.ok(t.column("sharpe") instanceof Float64Array);
 * assert.ok(Number.isNaN(t.get("sharpe", 1)));
 * ```
 */
export function rowsFrame(
  objects: readonly object[],
  options: RowsFrameOptions = {},
): ColumnTable {
  const rows = objects as readonly Row[];
  const spread = new Set(options.spread ?? ["metrics"]);
  const fields: { name: string; get: (r: Row) => unknown }[] = [];
  const seen = new Set<string>();
  const add = (name: string, get: (r: Row) => unknown) => {
    if (seen.has(name)) return;
    seen.add(name);
    fields.push({ name, get });
  };
  // plain fields first, so that a spread key never takes a field's name
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const plain = keys.filter((k) => !spread.has(k));
  for (const k of plain) {
    if (rows.some((r) => isSeries(r[k]))) continue;
    add(k, (r) => r[k]);
  }
  for (const k of keys.filter((k) => spread.has(k))) {
    const inner = [
      ...new Set(rows.flatMap((r) => isObject(r[k]) ? Object.keys(r[k]) : [])),
    ];
    for (const j of inner) {
      const get = (r: Row) => isObject(r[k]) ? r[k][j] : null;
      add(seen.has(j) ? `${k}.${j}` : j, get);
    }
  }
  const columns: Record<string, FrameColumn> = {};
  for (const f of fields) columns[f.name] = column(rows.map(f.get));
  return aqTable(columns as Record<string, unknown[]>);
}

/** One column's cells: numbers as a Float64Array, else cells (objects as JSON). */
function column(values: readonly unknown[]): FrameColumn {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (
    present.length > 0 &&
    present.every((v) => typeof v === "number" || typeof v === "bigint")
  ) {
    return Float64Array.from(values, (v) => v === null ? NaN : Number(v));
  }
  return values.map((v) =>
    v === undefined ? null : isObject(v) ? JSON.stringify(v) : v
  );
}

/**
 * The `runs` rows of `listRuns` (or any rows with a `metrics` object): id, kind, symbol,
 * times, hashes and one column per stored metric.
 *
 * @param runs `listRuns(db)`.
 * @returns The frame, one row per run.
 */
export function runsFrame(runs: readonly object[]): ColumnTable {
  return rowsFrame(runs);
}

/**
 * Folds of a run: a stored run's `folds` (`loadRun`, `latestRun`) or a walk-forward
 * result's folds (`runWalkForward`), one column per field and per fold metric.
 *
 * @param folds The folds.
 * @returns The frame, one row per fold.
 */
export function foldsFrame(folds: readonly object[]): ColumnTable {
  return rowsFrame(folds);
}

/** Out-of-sample days as a stored run (`loadRun(...).oos`) or a walk-forward result holds them. */
export interface OosColumns {
  readonly dates: readonly string[];
  readonly returns: Float64Array;
  readonly equity: Float64Array;
  readonly positions?: Float64Array;
  readonly predictions?: Float64Array;
}

/**
 * Out-of-sample days: `date`, `ret`, `equity` and, when present, `position` and
 * `prediction`, over the run's own arrays (no copy).
 *
 * @param oos `loadRun(db, id).oos` or `runWalkForward(...).oos`.
 * @returns The frame, one row per day.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oosFrame } from "./frames.ts";
 * const returns = Float64Array.of(0.01, -0.005), equity = Float64Array.of(1.01, 1.00495);
 * const t = oosFrame({ dates: ["2020-01-02", "2020-01-03"], returns, equity });
 * assert.equal(t.column("ret"), returns);
 * assert.deepEqual(t.columnNames(), ["date", "ret", "equity"]);
 * ```
 */
export function oosFrame(oos: OosColumns): ColumnTable {
  return columnsFrame({
    date: oos.dates,
    ret: oos.returns,
    equity: oos.equity,
    ...(oos.positions ? { position: oos.positions } : {}),
    ...(oos.predictions ? { prediction: oos.predictions } : {}),
  });
}

/**
 * Feature importance of stored ML runs (`loadImportanceHistory`), long: one row per run,
 * fold and feature with `importance`, `permutation` (NaN when not measured) and `sign`.
 *
 * @param history `loadImportanceHistory(db, filter)`.
 * @returns The frame.
 */
export function importanceFrame(
  history: readonly RunImportance[],
): ColumnTable {
  const runId: string[] = [], symbol: string[] = [], model: string[] = [];
  const fold: number[] = [], feature: string[] = [];
  const importance: number[] = [], permutation: number[] = [];
  const sign: number[] = [];
  for (const run of history) {
    run.records.forEach((rec, i) => {
      run.features.forEach((name, j) => {
        runId.push(run.runId);
        symbol.push(run.symbol);
        model.push(run.model);
        fold.push(rec.fold);
        feature.push(name);
        importance.push(rec.importance[j]);
        permutation.push(run.permutation[i]?.[j] ?? NaN);
        sign.push(rec.sign[j]);
      });
    });
  }
  return columnsFrame({
    runId,
    symbol,
    model,
    fold: Float64Array.from(fold),
    feature,
    importance: Float64Array.from(importance),
    permutation: Float64Array.from(permutation),
    sign: Float64Array.from(sign),
  });
}

/**
 * Trials of a parameter search: `optimizeWalkForward(...).trials` or stored
 * `optimize_trials` rows; parameters as JSON text, test returns left out.
 *
 * @param trials The trials.
 * @returns The frame, one row per fold and configuration.
 */
export function trialsFrame(trials: readonly object[]): ColumnTable {
  return rowsFrame(trials);
}

/**
 * Stress rows (`readLatestStress`, or `stressRecords` before they are stored).
 *
 * @param rows The rows.
 * @returns The frame, one row per scenario and scope.
 */
export function stressFrame(rows: readonly object[]): ColumnTable {
  return rowsFrame(rows);
}

/**
 * A paper session's daily equity (`readPaperEquity`) over its own arrays: `date`,
 * `equity`, `ret`, `gross`, `net`, `drawdown`, `halted`, `latencyMs`.
 *
 * @param e `readPaperEquity(db, sessionId)`.
 * @returns The frame, one row per bar.
 */
export function paperEquityFrame(e: PaperEquity): ColumnTable {
  return columnsFrame({
    date: e.dates,
    equity: e.equity,
    ret: e.ret,
    gross: e.gross,
    net: e.net,
    drawdown: e.drawdown,
    halted: e.halted,
    latencyMs: e.latencyMs,
  });
}

/**
 * Rows of a journal table (`readJournal(db, "orders" | "fills" | ..., session)`).
 *
 * @param rows The rows.
 * @returns The frame, one column per journal column.
 */
export function journalFrame(rows: readonly object[]): ColumnTable {
  return rowsFrame(rows, { spread: [] });
}

/**
 * Formats of the column names the readers and results use, so a frame shows counts as
 * integers, returns as percents and ratios to 2 decimals without the caller listing
 * them; a column not named here and not given to {@linkcode frameHtml} is inferred.
 */
export const FRAME_FORMATS: Readonly<Record<string, ColumnFormat>> = Object
  .freeze({
    // counts
    alerts: "int",
    bars: "int",
    breaches: "int",
    configId: "int",
    days: "int",
    fills: "int",
    fold: "int",
    folds: "int",
    index: "int",
    limit_breaches: "int",
    n: "int",
    newBars: "int",
    observations: "int",
    orders: "int",
    purged: "int",
    rebalances: "int",
    rows: "int",
    trades: "int",
    var_observations: "int",
    // fractions
    annualReturn: "pct",
    annualVolatility: "pct",
    breachRate: "pct",
    drawdown: "pct",
    expectedRate: "pct",
    exposure: "pct",
    hitRate: "pct",
    maxDrawdown: "pct",
    max_drawdown: "pct",
    pnl: "pct",
    ret: "pct",
    totalReturn: "pct",
    var: "pct",
    cvar: "pct",
    var_1d: "pct",
    winRate: "pct",
    worst_day: "pct",
    // ratios
    payoffRatio: "ratio",
    profitFactor: "ratio",
    sharpe: "ratio",
    test_sharpe: "ratio",
    testSharpe: "ratio",
    train_sharpe: "ratio",
    trainSharpe: "ratio",
    turnover: "ratio",
    // coefficients and probabilities
    importance: "dec4",
    permutation: "dec4",
    rankIc: "dec3",
    // amounts
    equity: "money",
    finalEquity: "money",
  });

/** How a frame's column is shown: its format, or a title and format. */
export type FrameColumnSpec = ColumnFormat | TableColumn;

/**
 * A frame as HTML through the one table renderer (`tableHtml`): every column in the
 * frame's order, titled by its name in words unless `columns` gives a title
 * ({@linkcode columnTitle}: `testStartDate` -> "test start date"), formatted by its
 * declared format (`int`, `pct`, `ratio`, ...), else by {@linkcode FRAME_FORMATS}, else
 * inferred; booleans show as "yes"/"no".
 *
 * @param frame The table (after any verbs: `select` picks and orders columns).
 * @param columns Column name to format, or to `{ title, format }`.
 * @returns The HTML.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { columnsFrame, frameHtml } from "./frames.ts";
 * const t = columnsFrame({ symbol: ["SP500"], days: [4599], ret: [0.1234] });
 * const html = frameHtml(t, { days: "int", ret: { title: "total return", format: "pct" } });
 * assert.ok(html.includes(">4,599</td>"));
 * assert.ok(html.includes(">12.34%</td>"));
 * assert.ok(html.includes("total return"));
 * ```
 */
export function frameHtml(
  frame: ColumnTable,
  columns: Readonly<Record<string, FrameColumnSpec>> = {},
): string {
  const names = frame.columnNames();
  const spec = names.map((n): TableColumn => {
    const s = columns[n];
    return s === undefined
      ? { title: columnTitle(n), format: FRAME_FORMATS[n] }
      : typeof s === "string"
      ? { title: columnTitle(n), format: s }
      : s;
  });
  return tableHtml(spec, frameCells(frame));
}

/** Words whose case a title keeps. */
const TITLE_WORDS: Readonly<Record<string, string>> = {
  sharpe: "Sharpe",
  var: "VaR",
  cvar: "CVaR",
  ic: "IC",
  id: "id",
  ms: "ms",
  oos: "OOS",
};

/**
 * A column name as a title: camelCase and snake_case split into lower-case words
 * (Sharpe, VaR, CVaR, IC and OOS keep their case); a name with spaces is kept.
 *
 * @param name The column name.
 * @returns The title.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { columnTitle } from "./frames.ts";
 * assert.equal(columnTitle("testStartDate"), "test start date");
 * assert.equal(columnTitle("max_drawdown"), "max drawdown");
 * assert.equal(columnTitle("meanSharpe"), "mean Sharpe");
 * assert.equal(columnTitle("rankIc"), "rank IC");
 * ```
 */
export function columnTitle(name: string): string {
  if (name.includes(" ")) return name;
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[_\s]+/)
    .filter((w) => w !== "")
    .map((w) => TITLE_WORDS[w.toLowerCase()] ?? w.toLowerCase())
    .join(" ");
}

/**
 * A frame's column as plain numbers (after any verbs), for the lib functions that take
 * `number[]` (a missing value is NaN).
 *
 * @param frame The table.
 * @param name The column.
 * @returns The numbers, in the frame's row order.
 * @throws RangeError when the frame has no such column.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { columnsFrame, frameNumbers } from "./frames.ts";
 * const t = columnsFrame({ symbol: ["A", "B"], sharpe: Float64Array.of(0.5, -0.25) });
 * assert.deepEqual(frameNumbers(t.filter((d) => d.sharpe < 0), "sharpe"), [-0.25]);
 * ```
 */
export function frameNumbers(frame: ColumnTable, name: string): number[] {
  if (!frame.columnNames().includes(name)) {
    throw new RangeError(
      `Cannot read column "${name}": the table has ${
        frame.columnNames().join(", ") || "no columns"
      }`,
    );
  }
  return Array.from(
    frame.array(name),
    (v) => (v === null || v === undefined ? NaN : Number(v)),
  );
}

/**
 * A frame's cells, one array per row in column order (booleans as "yes"/"no").
 *
 * @param frame The table.
 * @returns The rows, as `tableHtml` and `textTable` take them.
 */
export function frameCells(frame: ColumnTable): TableCell[][] {
  const cols = frame.columnNames().map((n) => frame.array(n));
  const out: TableCell[][] = [];
  for (let i = 0; i < frame.numRows(); i++) {
    out.push(cols.map((c) => cell(c[i])));
  }
  return out;
}

function cell(v: unknown): TableCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "bigint") return Number(v);
  return JSON.stringify(v);
}
