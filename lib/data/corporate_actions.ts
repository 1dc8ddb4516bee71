/**
 * Splits and dividends of the stored symbols: the typed writer and reader of the
 * `corporate_actions` table (DDL in `schema.ts`).
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";
import type { AdjustmentEvent } from "./adjustment_factors.ts";
import { ensureSchema } from "./schema.ts";

/**
 * One split or cash dividend.
 *
 * - `exDate`: the first trading day on the new basis (`YYYY-MM-DD`): the bar of `exDate`
 *   trades post-split or ex-dividend, the bar before it does not.
 * - `kind: "split"`: `value` is new shares per old share (4 for a 4:1 split, 0.1 for a
 *   1:10 reverse split); prices before `exDate` are divided by it.
 * - `kind: "dividend"`: `value` is the cash per share paid on the shares of `exDate`
 *   (as paid, not adjusted for later splits).
 */
export interface CorporateAction {
  readonly symbol: string;
  readonly exDate: string;
  readonly kind: "split" | "dividend";
  readonly value: number;
}

/** A stored action and where it came from. */
export interface StoredCorporateAction extends CorporateAction {
  /** Provider request (or file) it came from; null when unknown. */
  readonly source: string | null;
}

/** Options of {@linkcode upsertCorporateActions}. */
export interface UpsertCorporateActionsOptions {
  /** Recorded in `corporate_actions.source`. */
  readonly source: string;
  /**
   * Run in its own transaction; pass false inside the caller's transaction (e.g. an
   * ingest's validate hook, so the actions and the bars commit or roll back together).
   * @default true
   */
  readonly transaction?: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validate(a: CorporateAction, i: number): void {
  const where = `Cannot store corporate action ${i} (${a.symbol} ${a.exDate})`;
  if (typeof a.symbol !== "string" || a.symbol.trim() === "") {
    throw new TypeError(`${where}: expected a symbol, got "${a.symbol}"`);
  }
  if (!DAY.test(a.exDate) || Number.isNaN(Date.parse(a.exDate))) {
    throw new TypeError(
      `${where}: exDate: expected a date YYYY-MM-DD, got "${a.exDate}"`,
    );
  }
  if (a.kind !== "split" && a.kind !== "dividend") {
    throw new TypeError(
      `${where}: kind: expected "split" or "dividend", got "${a.kind}"`,
    );
  }
  if (!Number.isFinite(a.value) || a.value <= 0) {
    throw new RangeError(
      `${where}: value: expected a finite number > 0, got ${a.value}`,
    );
  }
}

/**
 * Insert splits and dividends, replacing stored rows with the same
 * `(symbol, exDate, kind)` (idempotent). Creates the schema when missing.
 *
 * @param db An open engine.
 * @param actions The actions (validated first: a bad one throws before anything is written).
 * @param options See {@linkcode UpsertCorporateActionsOptions}.
 * @returns The number of rows written.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { loadCorporateActions, upsertCorporateActions } from "./corporate_actions.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * const split = { symbol: "AAPL", exDate: "2020-08-31", kind: "split" as const, value: 4 };
 * await upsertCorporateActions(db, [split], { source: "example" });
 * await upsertCorporateActions(db, [split], { source: "example" });
 * assert.deepEqual(await loadCorporateActions(db, "AAPL"), [{ ...split, source: "example" }]);
 * await db.close();
 * ```
 */
export async function upsertCorporateActions(
  db: DbEngine,
  actions: readonly CorporateAction[],
  options: UpsertCorporateActionsOptions,
): Promise<number> {
  actions.forEach(validate);
  await ensureSchema(db);
  if (actions.length === 0) return 0;
  const run = async (tx: DbEngine) => {
    for (const a of actions) {
      const key = { symbol: a.symbol, ex_date: a.exDate, kind: a.kind };
      await tx.exec(
        `DELETE FROM corporate_actions WHERE symbol = $symbol
           AND ex_date = CAST($ex_date AS DATE) AND kind = $kind`,
        key,
      );
      await tx.exec(
        `INSERT INTO corporate_actions VALUES ($symbol, CAST($ex_date AS DATE), $kind,
           $value, $source, now()::TIMESTAMP)`,
        { ...key, value: a.value, source: options.source },
      );
    }
    return actions.length;
  };
  return options.transaction === false
    ? await run(db)
    : await db.transaction(run);
}

/**
 * The stored splits and dividends of `symbol`, ascending by ex-date (a split before a
 * dividend of the same day).
 *
 * @param db An open engine.
 * @param symbol Ticker as stored.
 * @returns The actions (empty when none).
 */
export async function loadCorporateActions(
  db: DbEngine,
  symbol: string,
): Promise<StoredCorporateAction[]> {
  await ensureSchema(db);
  const rows = await db.query<
    { ex_date: string; kind: string; value: number; source: string | null }
  >(
    `SELECT strftime(ex_date, '%Y-%m-%d') AS ex_date, kind, value, source
     FROM corporate_actions WHERE symbol = $symbol ORDER BY ex_date, kind DESC`,
    { symbol },
  );
  return rows.map((r) => ({
    symbol,
    exDate: r.ex_date,
    kind: r.kind as CorporateAction["kind"],
    value: r.value,
    source: r.source,
  }));
}

/**
 * The actions of `symbol` as adjustment events: each dividend with the as-traded close
 * of the last stored bar before its ex-date (NaN when there is none).
 *
 * @param db An open engine.
 * @param symbol Ticker as stored.
 * @returns Events ascending by ex-date (empty when the symbol has no actions).
 */
export async function adjustmentEventsOf(
  db: DbEngine,
  symbol: string,
): Promise<AdjustmentEvent[]> {
  await ensureSchema(db);
  const rows = await db.query<
    { ex_date: string; kind: string; value: number; prev: number | null }
  >(
    `SELECT strftime(a.ex_date, '%Y-%m-%d') AS ex_date, a.kind, a.value,
       (SELECT b.close FROM bars b WHERE b.symbol = a.symbol
          AND b.ts < CAST(a.ex_date AS TIMESTAMP) ORDER BY b.ts DESC LIMIT 1) AS prev
     FROM corporate_actions a WHERE a.symbol = $symbol ORDER BY a.ex_date, a.kind DESC`,
    { symbol },
  );
  return rows.map((r) => ({
    exDate: r.ex_date,
    kind: r.kind as CorporateAction["kind"],
    value: r.value,
    ...(r.kind === "dividend" ? { prevClose: r.prev ?? NaN } : {}),
  }));
}
