import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import { runW1, w1Config } from "../../lib/walkforward/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("../golden/w1.json", import.meta.url)),
);
const bars = await readSampleBars("SP500");
const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(
    Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)),
    `${what}: ${a} vs golden ${b}`,
  );

Deno.test("runW1() matches the independent plain-python W1 golden to 1e-9", () => {
  const r = runW1(bars);
  assert.equal(r.folds, golden.folds);
  assert.equal(r.oos_days, golden.oos_days);
  close(r.sharpe, golden.sharpe, 1e-9, "sharpe");
  close(r.total_return, golden.total_return, 1e-9, "total_return");
  close(r.max_drawdown, golden.max_drawdown, 1e-9, "max_drawdown");
  close(r.hit_rate, golden.hit_rate, 1e-12, "hit_rate");
  assert.equal(r.coefficients.length, golden.folds);
  r.coefficients.forEach((row, k) => {
    assert.equal(row.length, 12);
    // coefficients are ~1e-3: compare with an absolute 1e-12 (relative ~1e-9)
    row.forEach((c, j) =>
      assert.ok(
        Math.abs(c - golden.coefficients[k][j]) < 1e-12,
        `fold ${k} coef ${j}: ${c} vs ${golden.coefficients[k][j]}`,
      )
    );
  });
  assert.ok(r.max_drawdown > 0, "W1 states drawdown as a positive fraction");
});

Deno.test("runW1() is bit-identical on rerun and w1Config is frozen", () => {
  assert.deepEqual(runW1(bars), runW1(bars));
  assert.ok(Object.isFrozen(w1Config));
  assert.equal(w1Config.train, 252);
});
