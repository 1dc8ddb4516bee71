/**
 * Named SQL parameters of the rules, bound only when the SQL uses them.
 *
 * @module
 */
import type { SqlParams } from "../data/mod.ts";
import type { SanityOptions } from "./config.ts";

/** The parameters of `sql` among `$now`, `$max_move`, `$max_gap`, `$split_tol`, `$la_z`. */
export function paramsFor(sql: string, opts: SanityOptions): SqlParams {
  const all: Record<string, string | number> = {
    now: opts.now,
    max_move: opts.maxMove,
    max_gap: opts.maxGapDays,
    split_tol: opts.splitTolerance,
    la_z: opts.lookaheadZ,
  };
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(all)) {
    if (new RegExp(`\\$${k}\\b`).test(sql)) out[k] = v;
  }
  return out;
}

/** Split an example list aggregated with the unit separator (chr(31)). */
export function splitExamples(s: unknown): string[] {
  return typeof s === "string" && s.length > 0 ? s.split("\u001f") : [];
}
