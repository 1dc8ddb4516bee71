/**
 * The one unit convention of every table the project shows (reports, notebooks and
 * console tasks): a column declares what its numbers are, and this file turns them into
 * text.
 *
 * - `pct`: a fraction shown as a percentage with 2 decimals ("12.34%"): returns,
 *   volatilities, drawdowns (positive, as report labels state them), shares, rates;
 * - `ratio`: 2 decimals (Sharpe, profit factor, beta);
 * - `dec3` / `dec4`: 3 or 4 decimals (information coefficients, p-values, probabilities);
 * - `int`: a count, rounded, with thousands separators ("4,599");
 * - `money`: thousands separators, 2 decimals, none for whole amounts ("100,000",
 *   "100,057.04");
 * - `text`: as given.
 *
 * A missing number (null, undefined, NaN, +-Infinity) shows as "-"; a string in a
 * numeric column is shown as is (so a cell can say why it has no number: "needs 20
 * returns, has 4").
 *
 * @module
 */

/** What the numbers of a column are. */
export type ColumnFormat =
  | "text"
  | "int"
  | "pct"
  | "ratio"
  | "dec3"
  | "dec4"
  | "money";

/** What a missing number shows as. */
export const MISSING = "-";

/**
 * Thousands separators on the integer part of a decimal string ("-1234.5" -> "-1,234.5").
 *
 * @param text A number as `toFixed` writes it.
 * @returns The grouped text.
 */
function group(text: string): string {
  const [int, frac] = text.split(".");
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? g : `${g}.${frac}`;
}

/**
 * A number as a column of `format` shows it.
 *
 * @param value A number, a note (any string, shown as is) or nothing.
 * @param format The column's format.
 * @returns The text ("-" for a missing number).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCell } from "./column_format.ts";
 * assert.equal(formatCell(0.12345, "pct"), "12.35%");
 * assert.equal(formatCell(4599, "int"), "4,599");
 * assert.equal(formatCell(100000, "money"), "100,000");
 * assert.equal(formatCell(100057.041, "money"), "100,057.04");
 * assert.equal(formatCell(1.234, "ratio"), "1.23");
 * assert.equal(formatCell(NaN, "ratio"), "-");
 * assert.equal(formatCell("needs 20 returns, has 4", "pct"), "needs 20 returns, has 4");
 * ```
 */
export function formatCell(value: unknown, format: ColumnFormat): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return formatCell(Number(value), format);
  if (typeof value !== "number") {
    return value === null || value === undefined ? MISSING : String(value);
  }
  if (!Number.isFinite(value)) return MISSING;
  switch (format) {
    case "pct":
      return `${fixed(value * 100, 2)}%`;
    case "ratio":
      return fixed(value, 2);
    case "dec3":
      return fixed(value, 3);
    case "dec4":
      return fixed(value, 4);
    case "int":
      return group(fixed(Math.round(value), 0));
    case "money":
      return group(
        Number.isInteger(value) ? value.toFixed(0) : fixed(value, 2),
      );
    case "text":
      return String(value);
  }
}

/** `toFixed` without a negative zero ("-0.00" reads as a loss that is not there). */
function fixed(v: number, digits: number): string {
  const t = v.toFixed(digits);
  return /^-0(\.0+)?$/.test(t) ? t.slice(1) : t;
}

/** True when the format's cells are numbers (right-aligned). */
export function isNumericFormat(format: ColumnFormat): boolean {
  return format !== "text";
}
