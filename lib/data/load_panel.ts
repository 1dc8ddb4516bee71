/**
 * A universe's bars in one columnar read: every symbol's bars, adjusted exactly as
 * `loadBars` adjusts them, stacked in typed columns with per-symbol offsets.
 *
 * @module
 */
import type { Columns, DbEngine, SqlParams } from "./engine.ts";
import { type AdjustmentEvent, backAdjustBars } from "./adjustment_factors.ts";
import { adjustmentEventsOf } from "./corporate_actions.ts";
import { ensureSchema } from "./schema.ts";
import { barDates } from "../_shared/bar_dates.ts";
import type { Panel } from "../_shared/panel.ts";

const SEPARATOR = "\u001f";

/** The symbols as a numbered SQL relation `k(i, symbol)` bound to `$symbols`. */
const NUMBERED = `(SELECT unnest(l) AS symbol, unnest(range(len(l))) AS i
  FROM (SELECT string_split($symbols, chr(31)) AS l)) AS k`;

function adjusted(c: string): string {
  return `CASE WHEN b.adj_close IS NULL THEN b.${c} ELSE b.${c} * (b.adj_close / b.close) END`;
}

/** Options of {@linkcode streamPanels}. */
export interface StreamPanelsOptions {
  /** Symbols per panel. @default every symbol (one panel) */
  readonly batch?: number;
}

/** Per-symbol row counts; throws naming every symbol the store has no bars of. */
async function countRows(
  db: DbEngine,
  symbols: readonly string[],
): Promise<{ offsets: Int32Array; actions: Set<number> }> {
  const counts = await db.queryColumns(
    `SELECT k.i, count(b.ts) AS n,
       (SELECT count(*) FROM corporate_actions a WHERE a.symbol = k.symbol) AS actions
     FROM ${NUMBERED} LEFT JOIN bars b ON b.symbol = k.symbol
     GROUP BY k.i, k.symbol ORDER BY k.i`,
    { symbols: symbols.join(SEPARATOR) },
  );
  const n = counts.columns.n as Float64Array;
  const a = counts.columns.actions as Float64Array;
  const missing = symbols.filter((_, i) => n[i] === 0);
  if (missing.length > 0) {
    const many = missing.length > 1;
    throw new RangeError(
      `Unknown symbol${many ? "s" : ""} ${
        missing.slice(0, 20).map((s) => `"${s}"`).join(", ")
      }${
        missing.length > 20 ? ` and ${missing.length - 20} more` : ""
      }: the store has no bars of ${
        many ? "them" : "it"
      }; load bars with \`deno task ingest FILE\` or \`deno task fetch SYMBOL\``,
    );
  }
  const offsets = new Int32Array(symbols.length + 1);
  const actions = new Set<number>();
  for (let i = 0; i < symbols.length; i++) {
    offsets[i + 1] = offsets[i] + n[i];
    if (a[i] > 0) actions.add(i);
  }
  return { offsets, actions };
}

/** An empty panel of symbols `[from, to)` of a universe, to be filled row by row. */
function allocPanel(
  symbols: readonly string[],
  offsets: Int32Array,
  from: number,
  to: number,
): Panel & { raw: Float64Array[] } {
  const base = offsets[from], rows = offsets[to] - base;
  const col = () => new Float64Array(rows);
  return {
    symbols: symbols.slice(from, to),
    offsets: offsets.slice(from, to + 1).map((o) => o - base),
    times: col(),
    open: col(),
    high: col(),
    low: col(),
    close: col(),
    volume: col(),
    raw: [],
  };
}

/** Symbols per query of {@linkcode streamPanels}. */
const QUERY_SYMBOLS = 256;

const STREAMED = ["ms", "open", "high", "low", "close", "volume"] as const;
const RAW = ["r_open", "r_high", "r_low", "r_close", "r_adj"] as const;

/**
 * Load the bars of `symbols` with one streamed query per 256 symbols (a count of every
 * symbol's rows first), and yield them as panels of `batch` consecutive symbols (in the
 * order given), so a universe never sits in memory twice. Each symbol's bars equal `loadBars(db, symbol)` bit for bit: adjusted
 * by their adjusted close where a row has one (open/high/low scaled by the same factor),
 * and back-adjusted from their recorded splits and dividends (`corporate_actions`)
 * exactly as `loadBars` does. Throws one `RangeError` naming every symbol the store has
 * no bars of. Run no other statement on `db` until the iteration ends.
 *
 * @param db An open engine.
 * @param symbols Distinct tickers as stored.
 * @param options Symbols per panel.
 * @returns The panels, in order.
 */
export async function* streamPanels(
  db: DbEngine,
  symbols: readonly string[],
  options: StreamPanelsOptions = {},
): AsyncGenerator<Panel> {
  await ensureSchema(db);
  if (new Set(symbols).size !== symbols.length) {
    throw new TypeError(
      `Cannot load a panel: expected distinct symbols, got ${
        symbols.join(", ")
      }`,
    );
  }
  if (symbols.length === 0) return;
  const batch = Math.max(1, options.batch ?? symbols.length);
  const { offsets, actions } = await countRows(db, symbols);
  const events = new Map<number, AdjustmentEvent[]>();
  for (const i of actions) {
    events.set(i, await adjustmentEventsOf(db, symbols[i]));
  }
  const raw = (c: string) =>
    `CASE WHEN list_contains($raw::INTEGER[], k.i) THEN b.${c} END AS r_${c}`;
  const sql = `SELECT epoch_ms(b.ts)::DOUBLE AS ms, ${adjusted("open")} AS open,
      ${adjusted("high")} AS high, ${adjusted("low")} AS low,
      COALESCE(b.adj_close, b.close) AS close, b.volume,
      ${["open", "high", "low", "close"].map(raw).join(", ")},
      ${raw("adj_close").replace("r_adj_close", "r_adj")}
    FROM ${NUMBERED} JOIN bars b ON b.symbol = k.symbol ORDER BY k.i, b.ts`;
  // one query per group of symbols: DuckDB sorts each group's rows, not the universe's
  // (at 3,000 x 5,040 bars, one query held ~2.7 GB and took twice as long)
  async function* groups(): AsyncGenerator<Columns> {
    for (let g = 0; g < symbols.length; g += QUERY_SYMBOLS) {
      const to = Math.min(g + QUERY_SYMBOLS, symbols.length);
      const raw = [...actions].filter((i) => i >= g && i < to).map((i) =>
        i - g
      );
      yield* queryInChunks(db, sql, {
        symbols: symbols.slice(g, to).join(SEPARATOR),
        raw: `[${raw.join(",")}]`,
      });
    }
  }
  let from = 0, row = 0;
  let panel = allocPanel(symbols, offsets, 0, Math.min(batch, symbols.length));
  for await (const chunk of groups()) {
    let r = 0;
    while (r < chunk.rows) {
      const to = Math.min(from + batch, symbols.length);
      const take = Math.min(chunk.rows - r, offsets[to] - row);
      const at = row - offsets[from];
      const fields = [
        panel.times,
        panel.open,
        panel.high,
        panel.low,
        panel.close,
        panel.volume,
      ];
      STREAMED.forEach((name, j) =>
        fields[j].set(
          (chunk.columns[name] as Float64Array).subarray(r, r + take),
          at,
        )
      );
      if (actions.size > 0) keepRaw(panel, chunk, r, take, at);
      r += take;
      row += take;
      if (row === offsets[to]) {
        yield finish(panel, from, events);
        from = to;
        if (from < symbols.length) {
          panel = allocPanel(
            symbols,
            offsets,
            from,
            Math.min(from + batch, symbols.length),
          );
        }
      }
    }
  }
}

/** Keep the unadjusted columns (only symbols with corporate actions read them). */
function keepRaw(
  panel: Panel & { raw: Float64Array[] },
  chunk: Columns,
  r: number,
  take: number,
  at: number,
): void {
  if (panel.raw.length === 0) {
    for (const _ of RAW) panel.raw.push(new Float64Array(panel.times.length));
  }
  RAW.forEach((name, j) =>
    panel.raw[j].set(
      (chunk.columns[name] as Float64Array).subarray(r, r + take),
      at,
    )
  );
}

/** Back-adjust the panel's symbols that have corporate actions, as `loadBars` does. */
function finish(
  panel: Panel & { raw: Float64Array[] },
  from: number,
  events: ReadonlyMap<number, readonly AdjustmentEvent[]>,
): Panel {
  const { raw, ...out } = panel;
  for (let i = 0; i < out.symbols.length; i++) {
    const ev = events.get(from + i);
    if (!ev) continue;
    const a = out.offsets[i], b = out.offsets[i + 1];
    const [open, high, low, close, adjClose] = raw.map((c) => c.subarray(a, b));
    const bars = backAdjustBars(
      {
        symbol: out.symbols[i],
        dates: barDates(out.times.subarray(a, b)),
        open,
        high,
        low,
        close,
        volume: out.volume.subarray(a, b),
      },
      ev,
      { adjClose },
    );
    out.open.set(bars.open, a);
    out.high.set(bars.high, a);
    out.low.set(bars.low, a);
    out.close.set(bars.close, a);
    out.volume.set(bars.volume, a);
  }
  return out;
}

/** `db.queryChunks` where the engine streams, else the whole result as one chunk. */
async function* queryInChunks(
  db: DbEngine,
  sql: string,
  params: SqlParams,
): AsyncGenerator<Columns> {
  if (db.queryChunks) yield* db.queryChunks(sql, params);
  else yield await db.queryColumns(sql, params);
}

/**
 * Load the bars of `symbols` as one panel (see {@linkcode streamPanels}).
 *
 * @param db An open engine.
 * @param symbols Distinct tickers as stored.
 * @returns The panel.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDb } from "./open_db.ts";
 * import { upsertBars } from "./upsert_bars.ts";
 * import { panelBars } from "../_shared/panel.ts";
 * import { loadPanel } from "./load_panel.ts";
 * const db = await openDb({ path: ":memory:" });
 * const x = new Float64Array([1, 2, 3]);
 * const dates = ["2020-01-01", "2020-01-02", "2020-01-03"];
 * await upsertBars(db, [{ symbol: "A", dates, open: x, high: x, low: x, close: x, volume: x },
 *   { symbol: "B", dates: dates.slice(1), open: x.slice(1), high: x.slice(1), low: x.slice(1), close: x.slice(1), volume: x.slice(1) }], { source: "ex" });
 * const p = await loadPanel(db, ["B", "A"]);
 * assert.deepEqual([...p.offsets], [0, 2, 5]);
 * assert.deepEqual(panelBars(p, 0).dates, ["2020-01-02", "2020-01-03"]);
 * await db.close();
 * ```
 */
export async function loadPanel(
  db: DbEngine,
  symbols: readonly string[],
): Promise<Panel> {
  for await (const p of streamPanels(db, symbols)) return p;
  return allocPanel([], new Int32Array(1), 0, 0);
}
