import assert from "node:assert/strict";
import { adjustPValues } from "../../lib/metrics/mod.ts";
import { engleGranger, screenPairs } from "../../lib/strategies/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/cointegration.json", import.meta.url),
  ),
);
const screen = golden.screen;
const prices: Float64Array[] = (screen.prices as string[]).map((k) =>
  Float64Array.from(golden.series[k])
);
const names: string[] = screen.names;
type GoldenPair = {
  a: string;
  b: string;
  stat: number;
  pValue: number;
  statReverse: number;
  pValueReverse: number;
};
const key = (a: string, b: string) => `${a}/${b}`;
const byKey = new Map<string, GoldenPair>(
  (screen.pairs as GoldenPair[]).map((p) => [key(p.a, p.b), p]),
);

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs statsmodels ${b}`);
}

Deno.test("screenPairs() tests every pair like statsmodels coint on log prices, both directions, to 1e-10", () => {
  const r = screenPairs(prices, { names });
  assert.equal(r.tests, 10);
  assert.equal(r.skipped.length, 0);
  for (const c of r.candidates) {
    const g = byKey.get(key(c.a, c.b))!;
    close(c.stat, g.stat, 1e-10, `${c.a}/${c.b} stat`);
    close(c.pValueForward, g.pValue, 1e-10, `${c.a}/${c.b} p`);
    close(c.statReverse, g.statReverse, 1e-10, `${c.b}/${c.a} stat`);
    close(c.pValueReverse, g.pValueReverse, 1e-10, `${c.b}/${c.a} p`);
    assert.equal(c.pValue, Math.max(c.pValueForward, c.pValueReverse));
  }
});

for (const correction of ["holm", "bonferroni", "bh", "by"] as const) {
  for (const direction of ["both", "forward"] as const) {
    Deno.test(`screenPairs() adjusts like statsmodels multipletests: ${correction}, ${direction}`, () => {
      const r = screenPairs(prices, { names, correction, direction });
      const order = (screen.pairs as GoldenPair[]).map((p) => key(p.a, p.b));
      const want = screen.adjusted[correction][direction] as number[];
      for (const c of r.candidates) {
        const i = order.indexOf(key(c.a, c.b));
        close(c.adjustedPValue, want[i], 1e-10, `${c.a}/${c.b}`);
        assert.equal(c.significant, c.adjustedPValue <= 0.05);
      }
    });
  }
}

Deno.test("screenPairs() ranks by p-value, is order-invariant with both directions, and matches engleGranger", () => {
  const r = screenPairs(prices, { names });
  for (let k = 1; k < r.candidates.length; k++) {
    assert.ok(r.candidates[k - 1].pValue <= r.candidates[k].pValue);
  }
  const rev = screenPairs([...prices].reverse(), {
    names: [...names].reverse(),
  });
  const p = new Map(r.candidates.map((c) => [[c.a, c.b].sort().join(), c]));
  for (const c of rev.candidates) {
    const same = p.get([c.a, c.b].sort().join())!;
    assert.equal(c.pValue, same.pValue);
    assert.equal(c.adjustedPValue, same.adjustedPValue);
  }
  const top = r.candidates[0];
  const eg = engleGranger(prices[top.indexA], prices[top.indexB]);
  assert.equal(top.hedgeRatio, eg.hedgeRatio);
  assert.equal(top.halfLifeDays, eg.halfLifeDays);
  const adj = adjustPValues(
    Float64Array.from(r.candidates, (c) => c.pValue),
    "holm",
  );
  r.candidates.forEach((c, i) => assert.equal(c.adjustedPValue, adj[i]));
});

Deno.test("screenPairs() uses each pair's common rows and skips pairs it cannot test", () => {
  const gappy = prices.map((s) => s.slice());
  gappy[2].fill(NaN, 0, 260); // 40 rows left for every pair with series 2
  gappy[3].fill(7); // constant: the regression cannot run
  gappy[1][10] = NaN;
  const r = screenPairs(gappy, { names });
  assert.deepEqual(
    r.skipped.map((s) => `${s.a}/${s.b}:${s.observations}`),
    [
      "AAA/CCC:40",
      "AAA/DDD:300",
      "BBB/CCC:40",
      "BBB/DDD:299",
      "CCC/DDD:40",
      "CCC/EEE:40",
      "DDD/EEE:300",
    ],
  );
  assert.match(r.skipped[0].reason, /fewer than 60 common rows/);
  assert.match(r.skipped[1].reason, /cannot regress/);
  assert.equal(r.tests, 3);
  const ab = r.candidates.find((c) => c.a === "AAA" && c.b === "BBB")!;
  assert.equal(ab.observations, 299);
  const keepRows = (s: Float64Array) => s.filter((_, t) => t !== 10);
  assert.equal(
    ab.pValueForward,
    engleGranger(keepRows(prices[0]), keepRows(prices[1])).pValue,
  );
});

Deno.test("screenPairs() rejects bad shapes and options", () => {
  assert.throws(() => screenPairs([prices[0]]), /at least 2 series/);
  assert.throws(
    () => screenPairs([prices[0], prices[1].subarray(1)]),
    /equal length/,
  );
  assert.throws(
    () => screenPairs(prices, { names: ["A"] }),
    /one name per series/,
  );
  assert.throws(() => screenPairs(prices, { alpha: 0 }), /alpha/);
});
