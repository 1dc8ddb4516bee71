/**
 * Private argument checks shared by the public metrics (std style: TypeError for a wrong
 * type, RangeError for a bad value; messages say what was expected and what was given).
 *
 * @module
 */

/** Throw a TypeError unless `x` is a Float64Array. */
export function assertSeries(
  x: unknown,
  name: string,
): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    const got = x === null
      ? "null"
      : (x as object)?.constructor?.name ?? typeof x;
    throw new TypeError(
      `Cannot compute metric: "${name}" expected a Float64Array, got ${got}`,
    );
  }
}

/** Throw a RangeError unless both series have the same length. */
export function assertSameLength(
  a: Float64Array,
  b: Float64Array,
  nameB = "factorReturns",
): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `Cannot compute metric: "${nameB}" expected ${a.length} rows like "returns", got ${b.length}`,
    );
  }
}

/** Validated `periodsPerYear` (default 252): a finite number > 0. */
export function periodsPerYearOf(opts?: { periodsPerYear?: number }): number {
  const p = opts?.periodsPerYear ?? 252;
  if (!(Number.isFinite(p) && p > 0)) {
    throw new RangeError(
      `Cannot compute metric: "periodsPerYear" expected a finite number > 0, got ${p}`,
    );
  }
  return p;
}

/**
 * A per-period rate (number, or Float64Array with one value per row) as an accessor
 * `i -> rate[i]`; `undefined` when the rate is absent or exactly the number 0.
 */
export function rateAt(
  rate: number | Float64Array | undefined,
  n: number,
  name: string,
): ((i: number) => number) | undefined {
  if (rate === undefined || rate === 0) return undefined;
  if (typeof rate === "number") {
    if (Number.isNaN(rate)) {
      throw new RangeError(
        `Cannot compute metric: "${name}" expected a number, got NaN`,
      );
    }
    return () => rate;
  }
  assertSeries(rate, name);
  if (rate.length !== n) {
    throw new RangeError(
      `Cannot compute metric: "${name}" expected a number or ${n} per-period values, got ${rate.length} values`,
    );
  }
  return (i) => rate[i];
}

/** Validated integer option >= `min`. */
export function intOption(
  value: number,
  name: string,
  min: number,
): number {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(
      `Cannot compute metric: "${name}" expected an integer >= ${min}, got ${value}`,
    );
  }
  return value;
}

/** Validated probability strictly inside (0, 1). */
export function unitOption(value: number, name: string): number {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(
      `Cannot compute metric: "${name}" expected a number in (0, 1), got ${value}`,
    );
  }
  return value;
}

/** Validated probability in the closed interval [0, 1]. */
export function closedUnitOption(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(
      `Cannot compute metric: "${name}" expected a number in [0, 1], got ${value}`,
    );
  }
  return value;
}
