import assert from "node:assert/strict";
import { Matrix as MlMatrix, solve } from "ml-matrix";
import { createRng } from "../../lib/_shared/seed.ts";
import {
  createModel,
  fitElasticNet,
  fitLogistic,
  fitRidge,
  MODEL_NAMES,
  modelFromJSON,
  permutationImportance,
  predictLogistic,
} from "../../lib/ml/mod.ts";
import { linearTarget, normalMatrix, sliceRows } from "./_data.ts";

const FAST: Record<string, Record<string, unknown>> = {
  rf: { nTrees: 30 },
  gbt: { nTrees: 40, learningRate: 0.2 },
  mlp: { hidden: [8], epochs: 60 },
  lasso: { lambda: 0.01 },
  elasticnet: { lambda: 0.01 },
};

Deno.test("fitRidge() matches the closed form solved by ml-matrix", () => {
  const x = normalMatrix(60, 3, 1);
  const y = linearTarget(x, [1, -2, 0.5], 0.3, 0.5, 2);
  const lambda = 2.5;
  const fit = fitRidge(x, y, { lambda });
  // Independent: centre, then (Xc'Xc + lambda I) b = Xc'(y - ybar) with ml-matrix.
  const rows = Array.from(
    { length: 60 },
    (_, r) => [0, 1, 2].map((c) => x.data[r * 3 + c]),
  );
  const mean = [0, 1, 2].map((c) => rows.reduce((s, r) => s + r[c], 0) / 60);
  const ybar = y.reduce((s, v) => s + v, 0) / 60;
  const xc = new MlMatrix(rows.map((r) => r.map((v, c) => v - mean[c])));
  const a = xc.transpose().mmul(xc).add(MlMatrix.eye(3).mul(lambda));
  const b = solve(
    a,
    xc.transpose().mmul(MlMatrix.columnVector([...y].map((v) => v - ybar))),
  );
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(fit.coef[c] - b.get(c, 0)) < 1e-10);
  }
  const b0 = ybar - mean.reduce((s, m, c) => s + m * b.get(c, 0), 0);
  assert.ok(Math.abs(fit.intercept - b0) < 1e-10);
});

Deno.test("fitRidge() with a prior shrinks toward it, not toward zero", () => {
  const x = normalMatrix(30, 2, 3);
  const y = linearTarget(x, [1, 1], 0, 1, 4);
  const huge = fitRidge(x, y, {
    lambda: 1e9,
    prior: new Float64Array([3, -3]),
  });
  assert.ok(
    Math.abs(huge.coef[0] - 3) < 1e-5 && Math.abs(huge.coef[1] + 3) < 1e-5,
  );
});

Deno.test("fitElasticNet() lasso zeroes irrelevant features and keeps the real ones", () => {
  const x = normalMatrix(400, 8, 5);
  const y = linearTarget(x, [2, -1.5, 0, 0, 0, 0, 0, 0], 1, 1, 6);
  const fit = fitElasticNet(x, y, { alpha: 1, lambda: 0.25 });
  for (let c = 2; c < 8; c++) assert.equal(fit.coef[c], 0, `feature ${c}`);
  assert.ok(fit.coef[0] > 1.5 && fit.coef[1] < -1.0, `${fit.coef}`);
});

Deno.test("fitElasticNet() with lambda 0 equals least squares (ridge lambda 0)", () => {
  const x = normalMatrix(80, 3, 7);
  const y = linearTarget(x, [0.5, 1, -1], 2, 0.3, 8);
  const en = fitElasticNet(x, y, { lambda: 0, tol: 1e-14, maxIter: 10000 });
  const ols = fitRidge(x, y, { lambda: 0 });
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(en.coef[c] - ols.coef[c]) < 1e-8);
  }
  assert.ok(Math.abs(en.intercept - ols.intercept) < 1e-8);
});

Deno.test("fitElasticNet() with a prior and a large penalty stays at the prior", () => {
  const x = normalMatrix(50, 2, 9);
  const y = linearTarget(x, [1, 1], 0, 1, 10);
  const fit = fitElasticNet(x, y, {
    alpha: 1,
    lambda: 100,
    prior: new Float64Array([0.7, -0.2]),
  });
  assert.ok(
    Math.abs(fit.coef[0] - 0.7) < 1e-12 && Math.abs(fit.coef[1] + 0.2) < 1e-12,
  );
});

Deno.test("fitLogistic() separates separable data with coefficients bounded by the L2 penalty", () => {
  const x = normalMatrix(200, 2, 11);
  const y = Float64Array.from(
    { length: 200 },
    (_, r) => (x.data[r * 2] > 0 ? 1 : 0),
  );
  const weak = fitLogistic(x, y, { lambda: 0.01 });
  const strong = fitLogistic(x, y, { lambda: 1 });
  const p = predictLogistic(x, weak);
  for (let r = 0; r < 200; r++) assert.equal(p[r] > 0.5 ? 1 : 0, y[r]);
  assert.ok(Number.isFinite(weak.coef[0]) && weak.coef[0] > 10);
  assert.ok(strong.coef[0] < weak.coef[0] && strong.coef[0] > 0);
});

function logisticData(n: number, beta: number[], b0: number, seed: number) {
  const x = normalMatrix(n, beta.length, seed);
  const rng = createRng(seed + 1);
  const y = new Float64Array(n), prob = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let eta = b0;
    for (let c = 0; c < beta.length; c++) {
      eta += beta[c] * x.data[r * beta.length + c];
    }
    prob[r] = 1 / (1 + Math.exp(-eta));
    y[r] = rng() < prob[r] ? 1 : 0;
  }
  return { x, y, prob };
}

Deno.test("fitLogistic() recovers the coefficients of noisy logistic data", () => {
  const { x, y } = logisticData(5000, [1, -2, 0], 0.5, 12);
  const fit = fitLogistic(x, y, { lambda: 0.1 });
  assert.ok(Math.abs(fit.coef[0] - 1) < 0.12, `b1 ${fit.coef[0]}`);
  assert.ok(Math.abs(fit.coef[1] + 2) < 0.15, `b2 ${fit.coef[1]}`);
  assert.ok(Math.abs(fit.coef[2]) < 0.1, `b3 ${fit.coef[2]}`);
  assert.ok(Math.abs(fit.intercept - 0.5) < 0.12, `b0 ${fit.intercept}`);
});

Deno.test("logistic probabilities are calibrated (reliability by decile on fresh data)", () => {
  const train = logisticData(5000, [1.5, -1], 0, 20);
  const test = logisticData(20000, [1.5, -1], 0, 30);
  const m = createModel("logistic", { lambda: 0.1 }).fit(train.x, train.y);
  const p = m.predict(test.x);
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  for (let d = 0; d < 10; d++) {
    const part = order.slice(d * 2000, (d + 1) * 2000);
    const meanP = part.reduce((s, i) => s + p[i], 0) / part.length;
    const rate = part.reduce((s, i) => s + test.y[i], 0) / part.length;
    // binomial sd at p=0.5, n=2000 is 0.011: allow ~3.5 sd
    assert.ok(
      Math.abs(meanP - rate) < 0.04,
      `decile ${d}: predicted ${meanP}, observed ${rate}`,
    );
  }
});

Deno.test("every model finds the one informative feature by permutation importance", () => {
  const x = normalMatrix(600, 4, 40);
  // y depends on feature 2 only (nonlinear for trees but monotone for linear models)
  const y = Float64Array.from({ length: 600 }, (_, r) => {
    const v = x.data[r * 4 + 2];
    return v + 0.3 * Math.tanh(3 * v);
  });
  const noise = linearTarget(x, [0, 0, 0, 0], 0, 0.3, 41);
  for (let i = 0; i < 600; i++) y[i] += noise[i];
  const trainX = sliceRows(x, 0, 400), testX = sliceRows(x, 400, 600);
  for (const name of MODEL_NAMES) {
    const m = createModel(name, FAST[name] ?? {}, 7).fit(
      trainX,
      y.slice(0, 400),
    );
    const imp = permutationImportance(m, testX, y.slice(400), {
      repeats: 3,
      seed: 1,
    });
    const best = imp.indexOf(Math.max(...imp));
    assert.equal(best, 2, `${name}: ${[...imp]}`);
    const intrinsic = m.importance();
    assert.equal(
      intrinsic.importance.indexOf(Math.max(...intrinsic.importance)),
      2,
      name,
    );
    assert.equal(intrinsic.sign[2], 1, `${name} sign`);
  }
});

Deno.test("every model round-trips through JSON with bitwise-identical predictions", () => {
  const x = normalMatrix(150, 3, 50);
  const y = linearTarget(x, [1, -1, 0.5], 0, 0.5, 51);
  for (const name of MODEL_NAMES) {
    const m = createModel(name, FAST[name] ?? {}, 3).fit(x, y);
    const back = modelFromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.equal(back.name, name);
    assert.deepEqual(back.predict(x), m.predict(x), name);
    assert.deepEqual(back.importance(), m.importance(), name);
    assert.deepEqual(
      back.toJSON(),
      JSON.parse(JSON.stringify(m.toJSON())),
      name,
    );
  }
});

Deno.test("every model is deterministic given its seed and does not mutate its inputs", () => {
  const x = normalMatrix(120, 3, 60);
  const y = linearTarget(x, [1, 0, -1], 0, 1, 61);
  const xCopy = x.data.slice(), yCopy = y.slice();
  for (const name of MODEL_NAMES) {
    const a = createModel(name, FAST[name] ?? {}, 9).fit(x, y).predict(x);
    const b = createModel(name, FAST[name] ?? {}, 9).fit(x, y).predict(x);
    assert.deepEqual(a, b, name);
  }
  assert.deepEqual(x.data, xCopy);
  assert.deepEqual(y, yCopy);
  const r1 = createModel("rf", { nTrees: 5 }, 1).fit(x, y).predict(x);
  const r2 = createModel("rf", { nTrees: 5 }, 2).fit(x, y).predict(x);
  assert.notDeepEqual(r1, r2);
});

Deno.test("tree ensembles fit a step function; constant columns are never split", () => {
  const n = 300;
  const data = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    data[r * 2] = r;
    data[r * 2 + 1] = 5;
  }
  const x = { data, rows: n, cols: 2 };
  const y = Float64Array.from(
    { length: n },
    (_, r) => (r < 100 ? -1 : r < 200 ? 2 : 0.5),
  );
  for (const name of ["rf", "gbt"]) {
    const m = createModel(name, {
      nTrees: 60,
      learningRate: 0.3,
      featureFraction: 1,
    }, 1).fit(x, y);
    const p = m.predict({
      data: new Float64Array([50, 5, 150, 5, 250, 5]),
      rows: 3,
      cols: 2,
    });
    assert.ok(
      Math.abs(p[0] + 1) < 0.1 && Math.abs(p[1] - 2) < 0.1 &&
        Math.abs(p[2] - 0.5) < 0.1,
      `${name} ${p}`,
    );
    assert.equal(m.importance().importance[1], 0);
  }
});

Deno.test("models reject empty inputs, wrong widths and unknown names", () => {
  const empty = { data: new Float64Array(0), rows: 0, cols: 2 };
  for (const name of MODEL_NAMES) {
    assert.throws(
      () => createModel(name).fit(empty, new Float64Array(0)),
      RangeError,
      name,
    );
    assert.throws(() => createModel(name).predict(empty), Error, name);
  }
  const x = normalMatrix(30, 2, 1);
  const m = createModel("lasso").fit(x, linearTarget(x, [1, 0], 0, 1, 2));
  assert.throws(
    () => m.predict(normalMatrix(3, 3, 1)),
    /3 columns, expected 2/,
  );
  assert.throws(() => createModel("svm"), /Unknown model "svm"/);
  assert.throws(
    () => modelFromJSON({ name: "svm" }),
    /Cannot restore model "svm"/,
  );
});

Deno.test("warm start: MLP starts from the previous weights, linear models from the prior", () => {
  const x = normalMatrix(200, 3, 70);
  const y = linearTarget(x, [1, -1, 0], 0, 0.5, 71);
  const first = createModel("mlp", { hidden: [6], epochs: 40 }, 1).fit(x, y);
  const warm = createModel("mlp", {
    hidden: [6],
    epochs: 0,
    warmStart: first.toJSON(),
  }, 2).fit(x, y);
  assert.deepEqual(warm.toJSON().weights, first.toJSON().weights);
  const prior = createModel("ridge", { lambda: 1e9 }).fit(x, y).toJSON();
  const state = { ...prior, coef: [5, 5, 5] };
  const shrunk = createModel("ridge", { lambda: 1e9, warmStart: state }).fit(
    x,
    y,
  );
  assert.ok(Math.abs((shrunk.toJSON().coef as number[])[0] - 5) < 1e-4);
});

Deno.test("fitElasticNet() default penalty is scale-free (lambdaRatio of lambdaMax)", () => {
  const x = normalMatrix(300, 4, 90);
  const y = linearTarget(x, [1, 0, -0.5, 0], 0, 1, 91);
  const a = fitElasticNet(x, y, { alpha: 1 });
  const b = fitElasticNet(x, y.map((v) => v * 0.01), { alpha: 1 });
  for (let c = 0; c < 4; c++) {
    assert.ok(Math.abs(b.coef[c] - 0.01 * a.coef[c]) < 1e-9);
  }
  assert.ok(a.coef[0] > 0.5 && a.lambda > 0);
  const all = fitElasticNet(x, y, { alpha: 1, lambdaRatio: 1 });
  assert.deepEqual([...all.coef].map((v) => Math.abs(v) < 1e-12), [
    true,
    true,
    true,
    true,
  ]);
});
