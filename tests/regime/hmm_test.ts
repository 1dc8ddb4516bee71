import assert from "node:assert/strict";
import {
  filterProbabilities,
  fitGaussianHmm,
  viterbi,
} from "../../lib/regime/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

/** Simulate a 2-state Gaussian HMM: calm N(5e-4, 0.007^2), stressed N(-1e-3, 0.025^2). */
function simulate(T: number, seed: number) {
  const u = createRng(seed), z = createNormal(createRng(seed + 1));
  const A = [[0.98, 0.02], [0.05, 0.95]];
  const mu = [5e-4, -1e-3], sd = [0.007, 0.025];
  const x = new Float64Array(T), s = new Int8Array(T);
  let k = 0;
  for (let t = 0; t < T; t++) {
    if (t > 0) k = u() < A[k][k] ? k : 1 - k;
    s[t] = k;
    x[t] = mu[k] + sd[k] * z();
  }
  return { x, s, A };
}

Deno.test("fitGaussianHmm() recovers the states and transitions of simulated data", () => {
  const { x, s, A } = simulate(3000, 42);
  const m = fitGaussianHmm(x, { states: 2, seed: 7 });
  assert.ok(m.converged);
  const path = viterbi(m, x);
  let hit = 0;
  for (let t = 0; t < x.length; t++) if (path[t] === s[t]) hit++;
  assert.ok(hit / x.length > 0.9, `accuracy ${hit / x.length}`);
  assert.ok(
    Math.abs(m.transition.data[0] - A[0][0]) < 0.02,
    `a00 ${m.transition.data[0]}`,
  );
  assert.ok(
    Math.abs(m.transition.data[3] - A[1][1]) < 0.04,
    `a11 ${m.transition.data[3]}`,
  );
  assert.ok(Math.abs(Math.sqrt(m.variances.data[0]) - 0.007) < 0.001);
  assert.ok(Math.abs(Math.sqrt(m.variances.data[1]) - 0.025) < 0.003);
  // filtered (causal) labels are a bit worse than Viterbi but still good
  const p = filterProbabilities(m, x);
  let fhit = 0;
  for (let t = 0; t < x.length; t++) {
    if ((p.data[2 * t + 1] > 0.5 ? 1 : 0) === s[t]) fhit++;
  }
  assert.ok(fhit / x.length > 0.85, `filtered accuracy ${fhit / x.length}`);
});

Deno.test("fitGaussianHmm() is deterministic for a seed, orders states by variance, never lowers the likelihood", () => {
  const { x } = simulate(800, 3);
  const a = fitGaussianHmm(x, { states: 3, seed: 1 });
  const b = fitGaussianHmm(x, { states: 3, seed: 1 });
  assert.deepEqual(a, b);
  assert.ok(
    a.variances.data[0] <= a.variances.data[1] &&
      a.variances.data[1] <= a.variances.data[2],
  );
  for (let i = 0; i < 3; i++) {
    const row = a.transition.data.subarray(3 * i, 3 * i + 3).reduce(
      (s, v) => s + v,
      0,
    );
    assert.ok(Math.abs(row - 1) < 1e-12);
  }
  const short = fitGaussianHmm(x, { states: 3, seed: 1, maxIterations: 2 });
  assert.ok(a.logLikelihood >= short.logLikelihood - 1e-9);
});

Deno.test("fitGaussianHmm() fits [return, |return|] features and rejects too little data", () => {
  const { x, s } = simulate(1500, 9);
  const data = new Float64Array(3000);
  for (let t = 0; t < 1500; t++) {
    data[2 * t] = x[t];
    data[2 * t + 1] = Math.abs(x[t]);
  }
  const m = fitGaussianHmm({ data, rows: 1500, cols: 2 }, {
    states: 2,
    seed: 2,
  });
  assert.equal(m.dims, 2);
  const path = viterbi(m, { data, rows: 1500, cols: 2 });
  let hit = 0;
  for (let t = 0; t < 1500; t++) if (path[t] === s[t]) hit++;
  assert.ok(hit / 1500 > 0.85, `accuracy ${hit / 1500}`);
  assert.throws(
    () => fitGaussianHmm(new Float64Array(3), { states: 2 }),
    /at least 4/,
  );
  assert.throws(() => filterProbabilities(m, x), /expects 2/);
});

Deno.test("filterProbabilities() at t is unchanged when data after t changes", () => {
  const { x } = simulate(1000, 11);
  const m = fitGaussianHmm(x.subarray(0, 600), { states: 2, seed: 1 });
  const oos = x.slice(600);
  const a = filterProbabilities(m, oos);
  for (const cut of [0, 57, 200, 399]) {
    const b2 = Float64Array.from(oos);
    for (let t = cut + 1; t < b2.length; t++) b2[t] = t % 2 ? 0.2 : NaN;
    const b = filterProbabilities(m, b2);
    for (let k = 0; k < 2 * (cut + 1); k++) {
      assert.ok(Object.is(a.data[k], b.data[k]), `cut ${cut} k ${k}`);
    }
  }
  for (let t = 0; t < a.rows; t++) {
    assert.ok(Math.abs(a.data[2 * t] + a.data[2 * t + 1] - 1) < 1e-12);
  }
  // a NaN row carries no information: probabilities just propagate through A
  const withNaN = Float64Array.from(oos);
  withNaN[10] = NaN;
  const p = filterProbabilities(m, withNaN);
  const A = m.transition.data;
  const pred = p.data[18] * A[0] + p.data[19] * A[2];
  assert.ok(Math.abs(p.data[20] - pred) < 1e-12);
});

Deno.test("viterbi() uses the transition matrix to smooth single outliers", () => {
  const model = {
    states: 2,
    dims: 1,
    initial: new Float64Array([0.5, 0.5]),
    transition: {
      rows: 2,
      cols: 2,
      data: new Float64Array([0.999, 0.001, 0.001, 0.999]),
    },
    means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
    variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 4e-4]) },
    logLikelihood: 0,
    iterations: 0,
    converged: true,
  };
  const x = new Float64Array(50).fill(0.001);
  x[25] = 0.03; // a lone 3-sigma day does not flip the sticky chain
  assert.ok(viterbi(model, x).every((v) => v === 0));
  assert.equal(viterbi(model, new Float64Array(0)).length, 0);
});
