import assert from "node:assert/strict";
import {
  ensembleWeights,
  regimeScaledPositions,
  regimeSwitchPositions,
  runEnsembleWalkForward,
} from "../../lib/strategies/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import { dates } from "./_fixtures.ts";

function components(n: number, seed: number): Float64Array[] {
  const z = createNormal(createRng(seed));
  const good = new Float64Array(n),
    noisy = new Float64Array(n),
    bad = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    good[t] = 0.001 + 0.01 * z();
    noisy[t] = 0.0002 + 0.03 * z();
    bad[t] = -0.0005 + 0.01 * z();
  }
  return [good, noisy, bad];
}

Deno.test("ensembleWeights() methods: equal, inverse-vol, Sharpe clipped at 0, stacked", () => {
  const c = components(2000, 1);
  assert.deepEqual([...ensembleWeights(c)], [1 / 3, 1 / 3, 1 / 3]);
  const iv = ensembleWeights(c, { method: "inverse_vol" });
  assert.ok(iv[0] > iv[1] && Math.abs(iv[0] + iv[1] + iv[2] - 1) < 1e-12);
  const sh = ensembleWeights(c, { method: "sharpe" });
  assert.equal(sh[2], 0);
  assert.ok(sh[0] > sh[1]);
  const st = ensembleWeights(c, { method: "stacked" });
  assert.ok(
    st.every((w) => w >= 0) && Math.abs(st.reduce((a, b) => a + b) - 1) < 1e-12,
  );
  assert.ok(st[0] > 0.5 && st[2] === 0, `stacked ${[...st]}`);
  // all Sharpes <= 0 -> equal-weight fallback
  const neg = [c[2], c[2].map((v) => v - 0.001)];
  assert.deepEqual([...ensembleWeights(neg, { method: "sharpe" })], [0.5, 0.5]);
});

Deno.test("runEnsembleWalkForward() learns weights from training rows only", () => {
  const c = components(600, 2);
  const d = dates(600);
  const base = runEnsembleWalkForward(c, d, {
    train: 200,
    test: 100,
    method: "stacked",
  });
  assert.equal(base.folds.length, 4);
  // perturb everything from fold 1's training end on: folds 0 and 1 keep their weights
  const f1 = base.folds[1];
  const pert = c.map((col) =>
    col.map((v, t) => (t >= f1.trainEnd ? -5 * v : v))
  );
  const other = runEnsembleWalkForward(pert, d, {
    train: 200,
    test: 100,
    method: "stacked",
  });
  assert.deepEqual(other.folds[0].weights, base.folds[0].weights);
  assert.deepEqual(other.folds[1].weights, base.folds[1].weights);
  assert.notDeepEqual(other.folds[3].weights, base.folds[3].weights);
});

Deno.test("runEnsembleWalkForward() contributions sum to the total OOS P&L", () => {
  const c = components(700, 3);
  for (const method of ["equal", "inverse_vol", "sharpe", "stacked"] as const) {
    const r = runEnsembleWalkForward(c, dates(700), {
      train: 250,
      test: 150,
      method,
      names: ["g", "n", "b"],
    });
    const sum = r.contributions.reduce((a, x) => a + x.pnl, 0);
    const total = r.oos.returns.reduce((a, x) => a + x, 0);
    assert.ok(Math.abs(sum - total) < 1e-12, method);
    assert.ok(
      Math.abs(r.contributions.reduce((a, x) => a + x.share, 0) - 1) < 1e-9,
    );
    assert.equal(r.oos.dates.length, 450);
    assert.equal(r.oos.dates[0], dates(700)[250]);
    assert.equal(r.contributions[0].name, "g");
  }
});

Deno.test("runEnsembleWalkForward() accepts a Matrix and matches the column form", () => {
  const c = components(300, 4);
  const data = new Float64Array(300 * 3);
  for (let t = 0; t < 300; t++) {
    for (let j = 0; j < 3; j++) data[t * 3 + j] = c[j][t];
  }
  const a = runEnsembleWalkForward({ data, rows: 300, cols: 3 }, dates(300), {
    train: 100,
    test: 50,
    method: "sharpe",
  });
  const b = runEnsembleWalkForward(c, dates(300), {
    train: 100,
    test: 50,
    method: "sharpe",
  });
  assert.deepEqual(a.oos.returns, b.oos.returns);
  assert.throws(
    () => runEnsembleWalkForward(c, dates(10), { train: 5, test: 2 }),
    /one row per date/,
  );
});

Deno.test("regimeSwitchPositions() and regimeScaledPositions() use the label at t", () => {
  const a = new Float64Array([1, 1, 1, 1]),
    b = new Float64Array([-1, -1, -1, NaN]);
  assert.deepEqual([
    ...regimeSwitchPositions([a, b], Int8Array.from([0, 1, 2, 1])),
  ], [1, -1, 0, 0]);
  assert.deepEqual([
    ...regimeScaledPositions(a, Int8Array.from([0, 1, -1, 0]), [1, 0.25]),
  ], [1, 0.25, 0, 1]);
  assert.throws(
    () =>
      regimeScaledPositions(
        a,
        { rows: 3, cols: 2, data: new Float64Array(6) },
        [1, 0],
      ),
    /must be 4 x 2/,
  );
});
