/**
 * `duplicate_conflict`: a (symbol, timestamp) that occurs more than once with different
 * values. Count = duplicated timestamps. Not repairable (which version is right is
 * unknown).
 *
 * @module
 */
import { DUPLICATE_GROUPS } from "./duplicate_exact.ts";
import type { SanityRule } from "./_rule.ts";

/** Conflicting duplicates. */
export const duplicateConflict: SanityRule = {
  id: "duplicate_conflict",
  explain: "a timestamp repeated with different values",
  kind: "set",
  reach: () => 0,
  hits: () =>
    `SELECT symbol, eg, n || ' rows, ' || v || ' versions' AS note
    FROM (${DUPLICATE_GROUPS}) WHERE v > 1`,
};
