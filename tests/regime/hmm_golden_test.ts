import assert from "node:assert/strict";
import {
  type GaussianHmmParams,
  hmmEmStep,
  hmmLogLikelihood,
  smoothedProbabilities,
  viterbiPath,
} from "../../lib/regime/mod.ts";

interface Params {
  initial: number[];
  transition: number[];
  means: number[];
  variances?: number[];
  covariances?: number[];
}
interface Case {
  name: string;
  K: number;
  d: number;
  T: number;
  x: (number | null)[];
  params: Params;
  logLikelihood: number;
  posteriors: number[];
  viterbiPath: number[];
  viterbiLogProbability: number;
  varianceFloor?: number[];
  emStep?: Params;
}
const golden: { cases: Case[] } = JSON.parse(
  await Deno.readTextFile(new URL("../golden/hmm.json", import.meta.url)),
);

function paramsOf(p: Params, K: number, d: number): GaussianHmmParams {
  const m = (v: number[], rows: number, cols: number) => ({
    data: Float64Array.from(v),
    rows,
    cols,
  });
  return {
    initial: Float64Array.from(p.initial),
    transition: m(p.transition, K, K),
    means: m(p.means, K, d),
    ...(p.covariances
      ? { covariances: m(p.covariances, K, d * d) }
      : { variances: m(p.variances!, K, d) }),
  };
}
const obs = (c: Case) => ({
  data: Float64Array.from(c.x, (v) => v ?? NaN),
  rows: c.T,
  cols: c.d,
});

function closeAll(
  got: ArrayLike<number>,
  want: number[],
  tol: number,
  what: string,
) {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    assert.ok(
      d <= tol,
      `${what}[${i}]: ${got[i]} vs reference ${want[i]} (diff ${d})`,
    );
  }
}

for (const c of golden.cases) {
  Deno.test(`Gaussian HMM matches the log-space numpy/scipy reference to 1e-9: ${c.name}`, () => {
    const p = paramsOf(c.params, c.K, c.d), x = obs(c);
    closeAll(
      [hmmLogLikelihood(p, x)],
      [c.logLikelihood],
      1e-9,
      "log-likelihood",
    );
    closeAll(
      smoothedProbabilities(p, x).data,
      c.posteriors,
      1e-9,
      "posteriors",
    );
    const v = viterbiPath(p, x);
    assert.deepEqual([...v.path], c.viterbiPath);
    closeAll(
      [v.logProbability],
      [c.viterbiLogProbability],
      1e-9,
      "Viterbi log-probability",
    );
    if (c.emStep) {
      const step = hmmEmStep(p, x, {
        varianceFloor: Float64Array.from(c.varianceFloor!),
      });
      closeAll(
        [step.logLikelihood],
        [c.logLikelihood],
        1e-9,
        "EM log-likelihood",
      );
      const want = c.emStep;
      closeAll(step.params.initial, want.initial, 1e-9, "initial");
      closeAll(
        step.params.transition.data,
        want.transition,
        1e-9,
        "transition",
      );
      closeAll(step.params.means.data, want.means, 1e-9, "means");
      if (want.covariances) {
        closeAll(
          step.params.covariances!.data,
          want.covariances,
          1e-9,
          "covariances",
        );
      } else {closeAll(
          step.params.variances!.data,
          want.variances!,
          1e-9,
          "variances",
        );}
    }
  });
}

Deno.test("hmmEmStep() never lowers the log-likelihood and keeps the covariance kind", () => {
  for (const c of golden.cases.filter((c) => c.emStep)) {
    let p = paramsOf(c.params, c.K, c.d);
    const x = obs(c);
    let prev = hmmLogLikelihood(p, x);
    for (let i = 0; i < 5; i++) {
      p =
        hmmEmStep(p, x, { varianceFloor: Float64Array.from(c.varianceFloor!) })
          .params;
      const ll = hmmLogLikelihood(p, x);
      assert.ok(ll >= prev - 1e-9, `${c.name} iteration ${i}: ${ll} < ${prev}`);
      prev = ll;
    }
    assert.equal(
      p.covariances !== undefined,
      c.params.covariances !== undefined,
    );
  }
});

Deno.test("the variance floor: default 1e-6 x feature variance, explicit values, and a singular state is named", () => {
  const c = golden.cases.find((c) => c.name === "collinear_full_floored")!;
  const p = paramsOf(c.params, c.K, c.d), x = obs(c);
  assert.throws(
    () => hmmLogLikelihood(hmmEmStep(p, x, { varianceFloor: 0 }).params, x),
    /covariance of state \d is not positive definite/,
  );
  const floored = hmmEmStep(p, x).params; // default floor keeps it usable
  assert.ok(Number.isFinite(hmmLogLikelihood(floored, x)));
  assert.throws(
    () => hmmEmStep(p, x, { varianceFloor: -1 }),
    /"varianceFloor" expected a number >= 0/,
  );
  assert.throws(
    () => hmmEmStep(p, x, { varianceFloor: new Float64Array(3) }),
    /expected 2 values >= 0, got 0, 0, 0/,
  );
  assert.throws(
    () => hmmEmStep(p, x, { varianceFloor: new Float64Array([0, 1e-3]) }),
    /full covariances expected all values > 0 or all 0/,
  );
});

Deno.test("HMM functions name bad parameters and keep inputs untouched", () => {
  const c = golden.cases[0];
  const p = paramsOf(c.params, c.K, c.d), x = obs(c);
  const copy = structuredClone({ p, x });
  hmmEmStep(p, x);
  smoothedProbabilities(p, x);
  assert.deepEqual({ p, x }, copy);
  assert.throws(
    () => hmmLogLikelihood({ ...p, initial: new Float64Array([0.7, 0.7]) }, x),
    /"initial" expected to sum to 1, got 1.4/,
  );
  assert.throws(
    () => hmmLogLikelihood({ ...p, covariances: p.variances }, x),
    /exactly one of "variances" \(diagonal\) or "covariances" \(full\)/,
  );
  assert.throws(
    () => viterbiPath(p, { data: new Float64Array(4), rows: 2, cols: 2 }),
    /2 features, the model expects 1/,
  );
  assert.deepEqual(viterbiPath(p, new Float64Array(0)).path, new Int32Array(0));
});
