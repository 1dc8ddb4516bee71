/**
 * RELAXED repairs, applied IN PLACE to the validated table in this order, each one
 * recorded per symbol (count and example dates) before it runs:
 * 1. drop rows with a missing or non-finite value (`missing_value`);
 * 2. drop rows whose date does not parse (`unparsable_date`) or lies after `now`
 *    (`future_date`);
 * 3. drop rows with a price <= 0 (`non_positive_price`);
 * 4. set negative volumes to NULL (`negative_volume`);
 * 5. widen high/low to include open and close (`open_close_outside_range`);
 * 6. drop exact duplicates, keeping the last source line (`duplicate_exact`);
 * 7. sort: renumber `line` in (symbol, ts) order (`out_of_order`; rows without a line,
 *    merged in from the store, keep none).
 * Every repair uses only the row itself or its exact copies (causal: no fills, no
 * whole-sample statistics). The table must be a base table (DELETE/UPDATE by rowid).
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { SanityContext } from "./_context.ts";
import { EG_ROW } from "./_context.ts";
import { ctesSql } from "./_ctes.ts";
import { paramsFor, splitExamples } from "./_params.ts";
import type { SanityOptions } from "./config.ts";
import type { Repair } from "./report.ts";
import { MISSING_PREDICATE } from "./rules/_rule.ts";
import { NON_POSITIVE_PREDICATE } from "./rules/non_positive_price.ts";
import { OUTSIDE_PREDICATE } from "./rules/open_close_outside_range.ts";
import { OUT_OF_ORDER_ROWS } from "./rules/out_of_order.ts";

interface RepairStep {
  readonly rule: string;
  readonly action: string;
  /** SELECT of the affected rows (columns rid, symbol, eg) from `norm`; null = not applicable. */
  rows(ctx: SanityContext): string | null;
  /** Statement applied to the rows whose rowid is in `ids` (a subquery). */
  apply(ctx: SanityContext, ids: string): string;
}

const drop = (
  rule: string,
  where: (ctx: SanityContext) => string | null,
): RepairStep => ({
  rule,
  action: "dropped",
  rows: (ctx) => {
    const w = where(ctx);
    return w === null
      ? null
      : `SELECT rid, symbol, ${EG_ROW} AS eg FROM norm WHERE ${w}`;
  },
  apply: (ctx, ids) => `DELETE FROM ${ctx.table} WHERE rowid IN (${ids})`,
});

const STEPS: readonly RepairStep[] = [
  drop("missing_value", () => MISSING_PREDICATE),
  drop(
    "unparsable_date",
    (c) => c.tsRaw === null ? null : "ts IS NULL AND ts_raw IS NOT NULL",
  ),
  drop("future_date", () => "CAST(ts AS DATE) > CAST($now AS DATE)"),
  drop("non_positive_price", () => NON_POSITIVE_PREDICATE),
  {
    rule: "negative_volume",
    action: "set volume to NULL",
    rows: (c) =>
      c.volume.startsWith("CAST(volume")
        ? `SELECT rid, symbol, ${EG_ROW} AS eg FROM norm WHERE isfinite(volume) AND volume < 0`
        : null,
    apply: (c, ids) =>
      `UPDATE ${c.table} SET volume = NULL WHERE rowid IN (${ids})`,
  },
  {
    rule: "open_close_outside_range",
    action: "widened high/low to open and close",
    rows: () =>
      `SELECT rid, symbol, ${EG_ROW} AS eg FROM norm WHERE ${OUTSIDE_PREDICATE}`,
    apply: (c, ids) =>
      `UPDATE ${c.table} SET high = greatest(high, open, close), low = least(low, open, close)
      WHERE rowid IN (${ids})`,
  },
  {
    rule: "duplicate_exact",
    action: "dropped (kept the last line)",
    rows: () =>
      `SELECT rid, symbol, ${EG_ROW} AS eg FROM (SELECT *, row_number() OVER (
        PARTITION BY symbol, ts, open, high, low, close, volume, adj_close
        ORDER BY line DESC NULLS LAST, rid DESC) AS r FROM norm WHERE ts IS NOT NULL) WHERE r > 1`,
    apply: (c, ids) => `DELETE FROM ${c.table} WHERE rowid IN (${ids})`,
  },
  {
    rule: "out_of_order",
    action: "sorted (line renumbered in time order)",
    rows: (c) =>
      c.line === null
        ? null
        : `SELECT NULL AS rid, symbol, eg FROM (${OUT_OF_ORDER_ROWS})`,
    apply: (c) =>
      `UPDATE ${c.table} AS tt SET line = s.n FROM (
        SELECT rowid AS rid, min(line) OVER () - 1 + row_number() OVER (ORDER BY symbol, ts, line) AS n
        FROM ${c.table} WHERE line IS NOT NULL) AS s WHERE tt.rowid = s.rid`,
  },
];

async function runStep(
  db: DbEngine,
  ctx: SanityContext,
  opts: SanityOptions,
  step: RepairStep,
): Promise<Repair[]> {
  const rows = step.rows(ctx);
  if (rows === null) return [];
  const hits = `WITH ${ctesSql(ctx, opts)} ${rows}`;
  const sql = `SELECT symbol, count(*) AS n,
      string_agg(eg, chr(31) ORDER BY eg) FILTER (WHERE k <= 5) AS ex
    FROM (SELECT *, row_number() OVER (PARTITION BY symbol ORDER BY eg) AS k FROM (${hits}))
    GROUP BY symbol ORDER BY symbol`;
  const found = await db.query<{ symbol: string; n: number; ex: unknown }>(
    sql,
    paramsFor(sql, opts),
  );
  if (found.length === 0) return [];
  const ids = `SELECT rid FROM (${hits})`;
  const apply = step.apply(ctx, ids);
  await db.exec(apply, paramsFor(apply, opts));
  return found.map((r) => ({
    rule: step.rule,
    symbol: r.symbol,
    count: Number(r.n),
    dates: splitExamples(r.ex),
    action: step.action,
  }));
}

/**
 * Apply the repairs of the rules in `violated` (skipping those in `opts.skip`) to the
 * table and list what changed.
 *
 * @param db Open engine (no transaction is started: callers may hold one).
 * @param ctx Table context from `buildContext`.
 * @param opts Complete options (`now` for future dates).
 * @param violated Rule ids with violations (from a first check); other steps are skipped.
 * @returns The repairs, in the order applied.
 */
export async function applyRepairs(
  db: DbEngine,
  ctx: SanityContext,
  opts: SanityOptions,
  violated: ReadonlySet<string>,
): Promise<Repair[]> {
  const out: Repair[] = [];
  for (const step of STEPS) {
    if (!violated.has(step.rule) || opts.skip.includes(step.rule as never)) {
      continue;
    }
    out.push(...await runStep(db, ctx, opts, step));
  }
  return out;
}

/** Rule ids that RELAXED mode can repair. */
export const REPAIRABLE: ReadonlySet<string> = new Set(
  STEPS.map((s) => s.rule),
);
