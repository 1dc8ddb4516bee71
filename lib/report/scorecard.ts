/** Comparison used by a scorecard check: measured `comparator` threshold. */
export type Comparator = ">" | "<" | ">=" | "<=";

/** One success criterion of the roadmap, with its measured value (null when not measured). */
export interface ScorecardCheck {
  /** Criterion as the roadmap states it ("Win rate > 52%"). */
  name: string;
  /** Value measured from stored data, in `unit`; null when not measured. */
  measured: number | null;
  /** Threshold in `unit`. */
  threshold: number;
  /** Pass when `measured comparator threshold`. */
  comparator: Comparator;
  /** Unit suffix shown after numbers ("%" or ""). */
  unit: string;
  /** How the value was measured. */
  note: string;
}

/** A scorecard row: the check plus its verdict and the reason for it. */
export interface ScorecardRow extends ScorecardCheck {
  /** True only for a finite measurement that satisfies the comparison. */
  pass: boolean;
  /** "not measured" or the comparison as text. */
  reason: string;
}

/**
 * Evaluate success criteria; gates fail closed.
 *
 * A check passes only when `measured` is a finite number satisfying
 * `measured comparator threshold`. A missing (`null`/`undefined`), NaN or infinite
 * measured value is a FAIL with reason "not measured". Nothing is hard-coded: the
 * thresholds come from the caller.
 *
 * @param checks The criteria to evaluate.
 * @returns One frozen row per check, in input order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scorecard } from "./scorecard.ts";
 * const rows = scorecard([
 *   { name: "Win rate", measured: 0.55, threshold: 0.52, comparator: ">", unit: "", note: "" },
 *   { name: "Sharpe", measured: null, threshold: 0.8, comparator: ">", unit: "", note: "" },
 * ]);
 * assert.deepEqual(rows.map((r) => r.pass), [true, false]);
 * ```
 */
export function scorecard(checks: readonly ScorecardCheck[]): ScorecardRow[] {
  return checks.map((c) => {
    const m = c.measured;
    if (typeof m !== "number" || !Number.isFinite(m)) {
      return Object.freeze({ ...c, pass: false, reason: "not measured" });
    }
    const pass = compare(m, c.comparator, c.threshold);
    const reason = `${m} ${pass ? "" : "not "}${c.comparator} ${c.threshold}`;
    return Object.freeze({ ...c, pass, reason });
  });
}

function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case ">":
      return a > b;
    case "<":
      return a < b;
    case ">=":
      return a >= b;
    case "<=":
      return a <= b;
    default:
      throw new RangeError(
        `Cannot evaluate check: expected comparator >, <, >= or <=, got "${op}"`,
      );
  }
}
