/**
 * Number formatting for reports: every figure shown comes from stored data through these.
 *
 * @module
 */

/** Fraction as a percentage string ("12.34%"); "n/a" when not finite. */
export function pct(x: number | null | undefined, digits = 2): string {
  return typeof x === "number" && Number.isFinite(x)
    ? `${(x * 100).toFixed(digits)}%`
    : "n/a";
}

/**
 * A drawdown (negative fraction, empyrical convention, or positive) as a POSITIVE
 * percentage string ("12.34%"), as report labels state drawdowns.
 */
export function ddPct(x: number | null | undefined, digits = 2): string {
  return typeof x === "number" && Number.isFinite(x)
    ? pct(Math.abs(x), digits)
    : "n/a";
}

/** Number with fixed decimals as a string; "n/a" when not finite. */
export function fixed(x: number | null | undefined, digits = 2): string {
  return typeof x === "number" && Number.isFinite(x)
    ? x.toFixed(digits)
    : "n/a";
}

/** Table cell: a number rounded to `digits` decimals, or null when not finite. */
export function cell(x: unknown, digits = 4): number | null {
  const v = typeof x === "number" ? x : x === null ? NaN : Number(x);
  return Number.isFinite(v) ? Number(v.toFixed(digits)) : null;
}

/** Table cell: a fraction as a percentage number (2 decimals), or null. */
export function pctCell(x: unknown, digits = 2): number | null {
  const v = typeof x === "number" ? x : x === null ? NaN : Number(x);
  return Number.isFinite(v) ? Number((v * 100).toFixed(digits)) : null;
}

/** A metric read from stored JSON (null/strings become NaN). */
export function metric(
  m: Record<string, unknown> | null | undefined,
  key: string,
): number {
  const v = m?.[key];
  return typeof v === "number" ? v : NaN;
}
