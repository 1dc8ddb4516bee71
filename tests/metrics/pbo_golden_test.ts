import assert from "node:assert/strict";
import { probabilityOfBacktestOverfitting } from "../../lib/metrics/mod.ts";

interface Case {
  rows: number;
  cols: number;
  partitions: number;
  data: number[];
  masks: number[];
  selected: number[];
  logits: number[];
  inSample: number[];
  outOfSample: number[];
  pbo: number;
  atMedianShare: number;
  probabilityOfLoss: number;
  intercept: number;
  slope: number;
  rSquared: number;
  adjustedRSquared: number;
}
const golden: { cases: Record<string, Case> } = JSON.parse(
  await Deno.readTextFile(new URL("../golden/pbo.json", import.meta.url)),
);

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= tol,
    `${what}: ${a} vs R ${b} (diff ${Math.abs(a - b)})`,
  );
}

for (const [name, c] of Object.entries(golden.cases)) {
  Deno.test(`PBO outputs match base R's CSCV (R pbo's procedure): ${name}, N = ${c.cols}, S = ${c.partitions}`, () => {
    const r = probabilityOfBacktestOverfitting(
      { data: Float64Array.from(c.data), rows: c.rows, cols: c.cols },
      { partitions: c.partitions },
    );
    assert.equal(r.nCombinations, c.masks.length);
    const at = new Map([...r.splitMasks].map((m, k) => [m, k]));
    c.masks.forEach((mask, i) => {
      const k = at.get(mask)!;
      assert.equal(r.selected[k], c.selected[i], `selected, split ${mask}`);
      close(r.logits[k], c.logits[i], 1e-12, `logit, split ${mask}`);
      close(r.inSample[k], c.inSample[i], 1e-12, `IS Sharpe, split ${mask}`);
      close(
        r.outOfSample[k],
        c.outOfSample[i],
        1e-12,
        `OOS Sharpe, split ${mask}`,
      );
    });
    assert.equal(r.pbo, c.pbo);
    assert.equal(r.atMedianShare, c.atMedianShare);
    assert.equal(r.probabilityOfLoss, c.probabilityOfLoss);
    close(r.degradation.slope, c.slope, 1e-10, "slope");
    close(r.degradation.intercept, c.intercept, 1e-12, "intercept");
    close(r.degradation.rSquared, c.rSquared, 1e-10, "R^2");
    close(r.degradation.adjustedRSquared, c.adjustedRSquared, 1e-10, "adj R^2");
  });
}

Deno.test("PBO counts a logit of exactly 0 as overfit and says how often it happens", () => {
  const c = golden.cases.odd; // N = 7: rank 4 of 7 gives w = 1/2, logit 0
  const r = probabilityOfBacktestOverfitting(
    { data: Float64Array.from(c.data), rows: c.rows, cols: c.cols },
    { partitions: c.partitions },
  );
  assert.ok(r.atMedianShare > 0);
  let strict = 0;
  for (const l of r.logits) if (l < 0) strict++;
  assert.equal(r.pbo - r.atMedianShare, strict / r.nCombinations);
});
