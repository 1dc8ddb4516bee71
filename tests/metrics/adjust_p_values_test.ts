import assert from "node:assert/strict";
import {
  adjustPValues,
  P_VALUE_CORRECTIONS,
  type PValueCorrection,
} from "../../lib/metrics/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/cointegration.json", import.meta.url),
  ),
).multipletests;

Deno.test("adjustPValues() matches statsmodels multipletests (ties, 0 and 1 included) to 1e-15", () => {
  const p = Float64Array.from(golden.p as number[]);
  for (const m of ["bonferroni", "holm", "bh", "by"] as PValueCorrection[]) {
    const got = adjustPValues(p, m);
    (golden[m] as number[]).forEach((v, i) =>
      assert.ok(
        Math.abs(got[i] - v) <= 1e-15,
        `${m}[${i}]: ${got[i]} vs statsmodels ${v}`,
      )
    );
  }
  assert.deepEqual(adjustPValues(p, "none"), p);
});

Deno.test("adjustPValues() is monotone in the raw p-values, never below them, and does not mutate", () => {
  const p = Float64Array.from(golden.p as number[]);
  const copy = p.slice();
  for (const m of P_VALUE_CORRECTIONS) {
    const a = adjustPValues(p, m);
    for (let i = 0; i < p.length; i++) {
      assert.ok(a[i] >= p[i] && a[i] <= 1);
      for (let j = 0; j < p.length; j++) {
        if (p[i] < p[j]) assert.ok(a[i] <= a[j], `${m} not monotone`);
      }
    }
  }
  assert.deepEqual(p, copy);
  assert.equal(adjustPValues(new Float64Array(0), "holm").length, 0);
});

Deno.test("adjustPValues() names a bad p-value and a bad method", () => {
  assert.throws(
    () => adjustPValues(new Float64Array([0.1, NaN]), "holm"),
    /got NaN at index 1/,
  );
  assert.throws(
    () => adjustPValues(new Float64Array([1.2]), "bh"),
    /\[0, 1\], got 1.2/,
  );
  assert.throws(
    () => adjustPValues(new Float64Array([0.1]), "sidak" as PValueCorrection),
    /expected one of holm/,
  );
});
