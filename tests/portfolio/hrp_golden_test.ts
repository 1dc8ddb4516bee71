import assert from "node:assert/strict";
import {
  hrpWeights,
  hrpWeightsFromReturns,
  type LinkageMethod,
} from "../../lib/portfolio/mod.ts";

interface Case {
  name: string;
  method: LinkageMethod;
  input: "returns" | "covariance" | "covariance+correlation";
  weights: number[];
  order: number[];
  linkage: [number, number, number, number][];
}
const golden: {
  complete: number[];
  missing: number[];
  rows: number;
  cols: number;
  covariance: number[];
  raggedCorrelation: number[];
  cases: Case[];
} = JSON.parse(
  await Deno.readTextFile(new URL("../golden/hrp.json", import.meta.url)),
);
const { rows, cols } = golden;
const ragged = Float64Array.from(golden.complete);
for (const i of golden.missing) ragged[i] = NaN;
const square = (v: number[]) => ({
  data: Float64Array.from(v),
  rows: cols,
  cols,
});

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs reference ${b}`);
}

for (const c of golden.cases) {
  Deno.test(`HRP reproduces PyPortfolioOpt's HRPOpt (scipy linkage, pandas pairwise): ${c.name}`, () => {
    const r = c.input === "returns"
      ? hrpWeightsFromReturns({ data: ragged, rows, cols }, {
        linkage: c.method,
      })
      : hrpWeights(square(golden.covariance), {
        linkage: c.method,
        ...(c.input === "covariance+correlation"
          ? { correlation: square(golden.raggedCorrelation) }
          : {}),
      });
    assert.deepEqual([...r.order], c.order);
    c.weights.forEach((w, i) => close(r.weights[i], w, 1e-12, `weight ${i}`));
    // the covariance-only reference clusters on correlations rounded to 6 decimals
    const tol = c.input === "covariance" ? 1e-6 : 1e-12;
    r.linkage.forEach((s, k) => {
      const [a, b, d, n] = c.linkage[k];
      assert.deepEqual([s.left, s.right, s.size], [a, b, n], `merge ${k}`);
      close(s.distance, d, tol, `distance ${k}`);
    });
  });
}

Deno.test("hrpWeightsFromReturns() equals hrpWeights() on complete data and keeps ragged histories", () => {
  const full = hrpWeightsFromReturns({
    data: Float64Array.from(golden.complete),
    rows,
    cols,
  });
  const viaCov = hrpWeights(square(golden.covariance));
  assert.deepEqual([...full.order], [...viaCov.order]);
  full.weights.forEach((w, i) =>
    close(w, viaCov.weights[i], 1e-12, `weight ${i}`)
  );
  const r = hrpWeightsFromReturns({ data: ragged, rows, cols });
  assert.ok(Math.abs(r.weights.reduce((a, w) => a + w, 0) - 1) < 1e-12);
  assert.ok(r.weights.every((w) => w > 0));
});

Deno.test("hrpWeights() and hrpWeightsFromReturns() name bad inputs", () => {
  assert.throws(
    () =>
      hrpWeights(square(golden.covariance), {
        linkage: "median" as LinkageMethod,
      }),
    /"single", "complete", "average" or "ward", got "median"/,
  );
  assert.throws(
    () =>
      hrpWeights(square(golden.covariance), {
        correlation: { data: new Float64Array(4).fill(1), rows: 2, cols: 2 },
      }),
    /Correlation must be 9 x 9/,
  );
  const lonely = new Float64Array([
    0.01,
    NaN,
    -0.02,
    NaN,
    NaN,
    0.03,
    NaN,
    0.01,
  ]);
  assert.throws(
    () => hrpWeightsFromReturns({ data: lonely, rows: 4, cols: 2 }),
    /Assets 0 and 1 need at least 2 common returns, got 0/,
  );
  assert.throws(
    () =>
      hrpWeightsFromReturns({ data: new Float64Array(3), rows: 2, cols: 2 }),
    /T x N matrix/,
  );
});
