import assert from "node:assert/strict";
import { LookaheadError } from "../../lib/_shared/errors.ts";
import {
  fitRidge,
  MODEL_NAMES,
  predictCheckpoint,
  standardiseRows,
  trainFolds,
  type TrainFoldsOptions,
} from "../../lib/ml/mod.ts";
import { linearTarget, normalMatrix } from "./_data.ts";

const N = 700;
const x = normalMatrix(N, 4, 100);
const y = linearTarget(x, [0.5, -0.3, 0, 0.1], 0, 1, 101);
const dates = Array.from(
  { length: N },
  (_, i) => new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10),
);
const names = ["a", "b", "c", "d"];
const folds = Array.from({ length: 5 }, (_, k) => ({
  trainStart: k * 100,
  trainEnd: k * 100 + 198, // one purge row before the test window
  testStart: k * 100 + 200,
  testEnd: k * 100 + 299,
}));
const FAST: Record<string, Record<string, unknown>> = {
  rf: { nTrees: 20 },
  gbt: { nTrees: 20 },
  mlp: { hidden: [6], epochs: 30 },
};
const base = (model: string): TrainFoldsOptions => ({
  model,
  modelOptions: FAST[model] ?? {},
  featureNames: names,
  dates,
  seed: 5,
  permutationRepeats: 1,
});

Deno.test("trainFolds() warm start is reproducible and chains fold to fold", () => {
  for (const model of MODEL_NAMES) {
    const a = trainFolds(x, y, folds, { ...base(model), warmStart: true });
    const b = trainFolds(x, y, folds, { ...base(model), warmStart: true });
    assert.deepEqual(
      a.map((f) => f.checkpoint),
      b.map((f) => f.checkpoint),
      model,
    );
    assert.deepEqual(a.map((f) => f.startedFrom), [
      "cold",
      "fold:0",
      "fold:1",
      "fold:2",
      "fold:3",
    ], model);
    for (const f of a) {
      assert.ok(f.checkpoint.trainEnd < dates[f.spec.testStart]);
    }
  }
});

Deno.test("trainFolds() warm start shrinks each linear fold toward the previous fold's coefficients", () => {
  const warm = trainFolds(x, y, folds, {
    ...base("ridge"),
    modelOptions: { lambda: 50 },
    warmStart: true,
  });
  const cold = trainFolds(x, y, folds, {
    ...base("ridge"),
    modelOptions: { lambda: 50 },
  });
  assert.deepEqual(warm[0].checkpoint.state, cold[0].checkpoint.state);
  const all = Int32Array.from([0, 1, 2, 3]);
  for (let k = 1; k < folds.length; k++) {
    const f = folds[k];
    const z = standardiseRows(x, all, f.trainStart, f.trainEnd + 1);
    const prior = Float64Array.from(
      warm[k - 1].checkpoint.state.coef as number[],
    );
    const expected = fitRidge(z.x, y.slice(f.trainStart, f.trainEnd + 1), {
      lambda: 50,
      prior,
    });
    assert.deepEqual(warm[k].checkpoint.state.coef, Array.from(expected.coef));
    assert.notDeepEqual(
      warm[k].checkpoint.state.coef,
      cold[k].checkpoint.state.coef,
    );
  }
});

Deno.test("property: perturbing data after a fold's train end never changes that fold's fit", () => {
  for (const model of MODEL_NAMES) {
    const opts = {
      ...base(model),
      warmStart: true,
      selection: { kind: "topk" as const, k: 2 },
    };
    const ref = trainFolds(x, y, folds, opts);
    for (const k of [0, 2, 4]) {
      const cut = folds[k].trainEnd + 1;
      const x2 = { ...x, data: x.data.slice() }, y2 = y.slice();
      for (let i = cut * 4; i < x2.data.length; i++) {
        x2.data[i] = x2.data[i] * -3 + 1;
      }
      for (let i = cut; i < N; i++) y2[i] = -y2[i] + 0.5;
      const alt = trainFolds(x2, y2, folds, opts);
      for (let j = 0; j <= k; j++) {
        assert.deepEqual(
          alt[j].checkpoint,
          ref[j].checkpoint,
          `${model} fold ${j} after cut ${k}`,
        );
      }
    }
  }
});

Deno.test("trainFolds() starts from an earlier run's checkpoint only if it ended by the fold's train end", () => {
  const first = trainFolds(x, y, folds, base("lasso")).map((f) => ({
    ...f.checkpoint,
    runId: "r1",
  }));
  const second = trainFolds(x, y, folds, {
    ...base("lasso"),
    warmStart: true,
    checkpoints: first,
  });
  assert.deepEqual(second.map((f) => f.startedFrom), [
    "checkpoint:r1/0",
    "checkpoint:r1/1",
    "checkpoint:r1/2",
    "checkpoint:r1/3",
    "checkpoint:r1/4",
  ]);
  // a checkpoint trained past the fold's train end is ignored
  const late = [{ ...first[4], runId: "late" }];
  const third = trainFolds(x, y, folds, {
    ...base("lasso"),
    warmStart: true,
    checkpoints: late,
  });
  assert.deepEqual(third.map((f) => f.startedFrom), [
    "cold",
    "fold:0",
    "fold:1",
    "fold:2",
    "checkpoint:late/4",
  ]);
  // incompatible: other model or other features
  const other = trainFolds(x, y, folds, {
    ...base("ridge"),
    warmStart: true,
    checkpoints: first,
  });
  assert.equal(other[0].startedFrom, "cold");
  const renamed = first.map((c) => ({
    ...c,
    allFeatures: ["a", "b", "c", "e"],
  }));
  assert.equal(
    trainFolds(x, y, folds, {
      ...base("lasso"),
      warmStart: true,
      checkpoints: renamed,
    })[0].startedFrom,
    "cold",
  );
});

Deno.test("trainFolds() rejects folds whose train window reaches the test window", () => {
  const bad = [{ trainStart: 0, trainEnd: 200, testStart: 200, testEnd: 250 }];
  assert.throws(() => trainFolds(x, y, bad, base("ridge")), LookaheadError);
});

Deno.test("predictCheckpoint() reproduces each fold's test predictions bitwise", () => {
  for (const model of MODEL_NAMES) {
    const fits = trainFolds(x, y, folds, {
      ...base(model),
      selection: { kind: "topk", k: 3 },
    });
    for (const f of fits) {
      const rows = {
        data: x.data.slice(f.spec.testStart * 4, (f.spec.testEnd + 1) * 4),
        rows: 100,
        cols: 4,
      };
      const cp = JSON.parse(JSON.stringify(f.checkpoint));
      assert.deepEqual(
        predictCheckpoint(cp, rows, names),
        f.predictions,
        model,
      );
    }
    assert.equal(fits[1].checkpoint.features.length, 3);
  }
});
