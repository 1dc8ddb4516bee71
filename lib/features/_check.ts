/**
 * Argument checks shared by the indicator functions.
 *
 * @module
 */

/** Throw unless `x` is a Float64Array and `n` an integer period >= 1. */
export function checkPeriod(n: number, what: string, x?: unknown): void {
  if (x !== undefined && !(x instanceof Float64Array)) {
    throw new TypeError(
      `Cannot compute ${what}: expected a Float64Array input, got ${
        (x as object)?.constructor?.name ?? typeof x
      }`,
    );
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(
      `Cannot compute ${what}: expected an integer period >= 1, got ${n}`,
    );
  }
}

/** High, low and close columns of one symbol (`Bars` fits). */
export interface HighLowClose {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** Throw unless the three columns are Float64Arrays of one length; that length. */
export function checkHlc(bars: HighLowClose, what: string): number {
  const n = bars?.close?.length;
  for (const k of ["high", "low", "close"] as const) {
    if (!(bars?.[k] instanceof Float64Array) || bars[k].length !== n) {
      throw new TypeError(
        `Cannot compute ${what}: expected "high", "low" and "close" Float64Arrays of equal length, got "${k}" ${
          bars?.[k] instanceof Float64Array
            ? `of length ${bars[k].length} (close has ${n})`
            : "missing"
        }`,
      );
    }
  }
  return n;
}
