import assert from "node:assert/strict";
import {
  hrpWeights,
  maxSharpeWeights,
  minVarianceWeights,
  riskContributions,
  riskParityWeights,
} from "../../lib/portfolio/mod.ts";
import type { Matrix } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

function cov2(s1: number, s2: number, rho: number): Matrix {
  const c = rho * s1 * s2;
  return { rows: 2, cols: 2, data: new Float64Array([s1 * s1, c, c, s2 * s2]) };
}

/** A random SPD covariance from a seeded factor model. */
function randomCov(n: number, seed: number): Matrix {
  const z = createNormal(createRng(seed));
  const T = 3 * n + 20;
  const x = Float64Array.from({ length: T * n }, () => 0.01 * z());
  for (let t = 0; t < T; t++) {
    const f = z() * 0.01;
    for (let j = 0; j < n; j++) x[t * n + j] += f * (0.5 + j / n);
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += x[t * n + i] * x[t * n + j];
      c[i * n + j] = s / T;
    }
  }
  return { rows: n, cols: n, data: c };
}

Deno.test("minVarianceWeights() of two assets equals the closed form", () => {
  for (
    const [s1, s2, rho] of [[0.2, 0.3, 0.4], [0.1, 0.15, -0.5], [
      0.25,
      0.25,
      0.9,
    ]]
  ) {
    const w1 = (s2 * s2 - rho * s1 * s2) /
      (s1 * s1 + s2 * s2 - 2 * rho * s1 * s2);
    const cov = cov2(s1, s2, rho);
    const u = minVarianceWeights(cov, { longOnly: false });
    assert.ok(Math.abs(u[0] - w1) < 1e-12 && Math.abs(u[1] - (1 - w1)) < 1e-12);
    const l = minVarianceWeights(cov);
    assert.ok(Math.abs(l[0] - w1) < 1e-9, `long-only ${l[0]} vs ${w1}`);
  }
  // closed form would short asset 2 (w1 = 1.5): long-only puts everything in asset 1
  const cov = cov2(0.1, 0.2, 0.9);
  assert.ok(minVarianceWeights(cov, { longOnly: false })[1] < 0);
  const l = minVarianceWeights(cov);
  assert.ok(Math.abs(l[0] - 1) < 1e-12 && Math.abs(l[1]) < 1e-12);
});

Deno.test("minVarianceWeights() long-only satisfies the KKT conditions on random covariances", () => {
  for (let seed = 1; seed <= 5; seed++) {
    const n = 4 + seed;
    const cov = randomCov(n, seed);
    const w = minVarianceWeights(cov);
    assert.ok(Math.abs(w.reduce((a, v) => a + v, 0) - 1) < 1e-12);
    const g = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += cov.data[i * n + j] * w[j];
      return s;
    });
    const active = g.filter((_, i) => w[i] > 1e-9);
    const lam = Math.min(...active);
    for (let i = 0; i < n; i++) {
      assert.ok(w[i] >= 0);
      if (w[i] > 1e-9) {
        assert.ok(
          Math.abs(g[i] - lam) < 1e-9 * Math.abs(lam) + 1e-15,
          `active ${i}`,
        );
      } else assert.ok(g[i] >= lam - 1e-12);
    }
    const capped = minVarianceWeights(cov, { bounds: { upper: 0.3 } });
    assert.ok(capped.every((v) => v <= 0.3 + 1e-12 && v >= -1e-15));
    assert.ok(Math.abs(capped.reduce((a, v) => a + v, 0) - 1) < 1e-12);
  }
  assert.throws(
    () => minVarianceWeights(cov2(1, 1, 0), { bounds: { upper: 0.4 } }),
    /Infeasible bounds/,
  );
});

Deno.test("riskParityWeights() equalises risk contributions to 1e-8 and honours budgets", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const n = 3 + seed;
    const cov = randomCov(n, 10 + seed);
    const w = riskParityWeights(cov);
    const rc = riskContributions(w, cov);
    for (const v of rc) assert.ok(Math.abs(v - 1 / n) < 1e-8, `rc ${v}`);
    assert.ok(w.every((v) => v > 0));
    const budgets = Float64Array.from({ length: n }, (_, i) => i + 1);
    const wb = riskParityWeights(cov, { budgets });
    const rcb = riskContributions(wb, cov);
    const bs = (n * (n + 1)) / 2;
    rcb.forEach((v, i) => assert.ok(Math.abs(v - (i + 1) / bs) < 1e-8));
  }
  // uncorrelated: w_i proportional to 1 / sigma_i
  const w = riskParityWeights(cov2(0.1, 0.3, 0));
  assert.ok(Math.abs(w[0] - 0.75) < 1e-12);
});

Deno.test("maxSharpeWeights() on two uncorrelated assets matches w_i ~ mu_i / sigma_i^2", () => {
  const mu = new Float64Array([0.08, 0.05]);
  const cov = cov2(0.2, 0.1, 0);
  const raw = [0.08 / 0.04, 0.05 / 0.01];
  const w0 = raw[0] / (raw[0] + raw[1]);
  const u = maxSharpeWeights(mu, cov, { longOnly: false });
  assert.ok(Math.abs(u[0] - w0) < 1e-12);
  const l = maxSharpeWeights(mu, cov);
  assert.ok(Math.abs(l[0] - w0) < 1e-7, `long-only ${l[0]} vs ${w0}`);
  // with a risk-free rate: excess returns
  const rf = maxSharpeWeights(mu, cov, { riskFree: 0.03, longOnly: false });
  const ex = [0.05 / 0.04, 0.02 / 0.01];
  assert.ok(Math.abs(rf[0] - ex[0] / (ex[0] + ex[1])) < 1e-12);
  // a negative-mean asset gets zero weight long-only
  const neg = maxSharpeWeights(new Float64Array([0.08, -0.02]), cov);
  assert.ok(Math.abs(neg[0] - 1) < 1e-9);
  assert.throws(
    () =>
      maxSharpeWeights(new Float64Array([-0.1, -0.1]), cov, {
        longOnly: false,
      }),
    /No tangency/,
  );
});

Deno.test("maxSharpeWeights() long-only beats every random long-only portfolio", () => {
  const rng = createRng(3);
  for (let seed = 1; seed <= 3; seed++) {
    const n = 5;
    const cov = randomCov(n, 30 + seed);
    const mu = Float64Array.from(
      { length: n },
      (_, i) => 0.0002 * (i - 1) + 0.0001 * seed,
    );
    const sharpe = (w: ArrayLike<number>) => {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) {
        m += mu[i] * w[i];
        for (let j = 0; j < n; j++) v += w[i] * w[j] * cov.data[i * n + j];
      }
      return m / Math.sqrt(v);
    };
    const best = sharpe(maxSharpeWeights(mu, cov));
    for (let k = 0; k < 2000; k++) {
      const r = Array.from({ length: n }, () => -Math.log(rng()));
      const s = r.reduce((a, v) => a + v, 0);
      assert.ok(sharpe(r.map((v) => v / s)) <= best + 1e-9);
    }
  }
});

Deno.test("hrpWeights() matches a hand-computed 3-asset case", () => {
  // sigma = (0.1, 0.2, 0.3); rho_AB = 0.8, rho_AC = 0.2, rho_BC = 0.3
  const s = [0.1, 0.2, 0.3],
    rho = [[1, 0.8, 0.2], [0.8, 1, 0.3], [0.2, 0.3, 1]];
  const data = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) data[i * 3 + j] = rho[i][j] * s[i] * s[j];
  }
  const r = hrpWeights({ rows: 3, cols: 3, data });
  // distances: AB sqrt(0.1), AC sqrt(0.4), BC sqrt(0.35): merge A,B (id 3), then C (id 2) with 3
  assert.deepEqual(r.linkage.map((l) => [l.left, l.right]), [[0, 1], [2, 3]]);
  assert.deepEqual([...r.order], [2, 0, 1]);
  // bisection [C] | [A, B]: V_C = 0.09; IVP on {A, B} = (0.8, 0.2):
  // V_AB = 0.64 * 0.01 + 0.04 * 0.04 + 2 * 0.8 * 0.2 * 0.8 * 0.1 * 0.2 = 0.01312
  const vAB = 0.01312, vC = 0.09;
  const wC = 1 - vC / (vC + vAB), wAB = 1 - wC;
  // [A] | [B]: alpha_A = 1 - 0.01 / (0.01 + 0.04) = 0.8
  const expected = [wAB * 0.8, wAB * 0.2, wC];
  expected.forEach((v, i) =>
    assert.ok(
      Math.abs(r.weights[i] - v) < 1e-12,
      `${i}: ${r.weights[i]} vs ${v}`,
    )
  );
  assert.ok(Math.abs(r.weights.reduce((a, v) => a + v, 0) - 1) < 1e-15);
});

Deno.test("hrpWeights() sums to 1 with positive weights on random covariances; single asset is 1", () => {
  for (let seed = 1; seed <= 5; seed++) {
    const r = hrpWeights(randomCov(3 + 2 * seed, 50 + seed));
    assert.ok(Math.abs(r.weights.reduce((a, v) => a + v, 0) - 1) < 1e-12);
    assert.ok(r.weights.every((v) => v > 0));
    assert.equal(new Set(r.order).size, r.order.length);
  }
  assert.deepEqual([
    ...hrpWeights({ rows: 1, cols: 1, data: new Float64Array([0.04]) }).weights,
  ], [1]);
  assert.throws(
    () =>
      hrpWeights({ rows: 2, cols: 2, data: new Float64Array([0, 0, 0, 1]) }),
    /Variance of asset 0/,
  );
});
