/** Loader and comparison helpers for tests/golden/metrics.json (private to the tests). */
import assert from "node:assert/strict";

type Raw = number | string | null | Raw[] | { [k: string]: Raw };

function dec(x: Raw): unknown {
  if (Array.isArray(x)) return x.map(dec);
  if (x === "NaN") return NaN;
  if (x === "Infinity") return Infinity;
  if (x === "-Infinity") return -Infinity;
  if (x !== null && typeof x === "object") {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, dec(v)]));
  }
  return x;
}

// deno-lint-ignore no-explicit-any
export const golden: any = dec(
  JSON.parse(
    await Deno.readTextFile(
      new URL("../golden/metrics.json", import.meta.url),
    ),
  ),
);

/** Assert `actual` matches `expected` to a relative-or-absolute tolerance. */
export function close(
  actual: number,
  expected: number,
  tol: number,
  label: string,
): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    assert.ok(
      Object.is(actual, expected),
      `${label}: ${actual} vs ${expected}`,
    );
    return;
  }
  const err = Math.abs(actual - expected);
  assert.ok(
    err <= tol * Math.max(1, Math.abs(expected)),
    `${label}: ${actual} vs ${expected} (error ${err})`,
  );
}

/** Element-wise {@linkcode close}. */
export function closeArray(
  actual: ArrayLike<number>,
  expected: number[],
  tol: number,
  label: string,
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    close(actual[i], expected[i], tol, `${label}[${i}]`);
  }
}
