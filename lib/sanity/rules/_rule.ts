/**
 * The shape of a DataSanity rule and the SQL pieces rules share. A rule is either
 * row-local (a predicate over one row of `norm`, all evaluated in one scan) or a set
 * rule (a SELECT of offending rows `(symbol, eg, note)` over the CTEs of `_ctes.ts`).
 *
 * @module
 */
import type { SanityContext } from "../_context.ts";
import type { RuleId, SanityOptions } from "../config.ts";

/** A rule decided by one row alone: `predicate` over the columns of `norm`. */
export interface RowRule {
  readonly id: RuleId;
  readonly explain: string;
  readonly kind: "row";
  /** SQL boolean over `norm`; null when the table cannot have the fault. */
  predicate(ctx: SanityContext, opts: SanityOptions): string | null;
}

/** A rule over several rows: `hits` selects `(symbol, eg, note)`. */
export interface SetRule {
  readonly id: RuleId;
  readonly explain: string;
  readonly kind: "set";
  /** SQL SELECT of the offending rows; null when the table cannot have the fault. */
  hits(ctx: SanityContext, opts: SanityOptions): string | null;
  /**
   * How many neighbouring bars on each side of a bar the verdict on that bar reads (0:
   * only bars with the same timestamp). Ingest validates a file together with this many
   * stored bars on each side of it (see `contextBars`).
   */
  reach(opts: SanityOptions): number;
}

/** One rule = {id, explain, sql}. */
export type SanityRule = RowRule | SetRule;

/** SQL example label of a `moves` row (it always has a timestamp). */
export const EG_DAY = `strftime(ts, '%Y-%m-%d')`;

/** SQL predicate (over `norm`): open, high, low and close all finite (NaN compares high in DuckDB). */
export const FINITE_OHLC =
  `(isfinite(open) AND isfinite(high) AND isfinite(low) AND isfinite(close))`;

/**
 * SQL predicate (over `norm` columns) of a missing or non-finite value: a sum is NULL
 * when a term is NULL and non-finite when a term is NaN or infinite (or, for values near
 * 1e308, overflows: such prices are not real either).
 */
export const MISSING_PREDICATE = `(sym_null OR (ts IS NULL AND ts_raw IS NULL)
  OR NOT coalesce(isfinite(open + high + low + close), false)
  OR NOT isfinite(coalesce(volume, 0) + coalesce(adj_close, 0)))`;
