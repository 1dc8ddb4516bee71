import assert from "node:assert/strict";
import {
  barsDataset,
  compareToNull,
  descendingRanks,
  dropUnstable,
  featureStability,
  runTraining,
  selectTopKByStability,
  spearman,
  stabilityNull,
  stabilityVerdict,
  trainFolds,
} from "../../lib/ml/mod.ts";
import { readSampleBars } from "../../lib/data/mod.ts";
import { linearTarget, normalMatrix } from "./_data.ts";

Deno.test("descendingRanks() averages ties and spearman() matches a hand value", () => {
  assert.deepEqual([...descendingRanks([3, 1, 3, 2])], [1.5, 4, 1.5, 3]);
  // ranks a: [1,2,3,4], b: [1,3,2,4] -> 1 - 6*2/(4*15) = 0.8
  assert.ok(Math.abs(spearman([4, 3, 2, 1], [4, 2, 3, 1]) - 0.8) < 1e-12);
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
});

Deno.test("featureStability() computes each statistic by hand", () => {
  const names = ["a", "b", "c"];
  const history = [
    { fold: 0, importance: [3, 2, 1], sign: [1, -1, 1] },
    { fold: 1, importance: [2, 3, 1], sign: [1, 1, 0] },
    { fold: 2, importance: [4, 1, 2], sign: [1, -1, -1] },
    { fold: 3, importance: [3, 2, 1], sign: [-1, -1, 1] },
  ];
  const r = featureStability(names, history, { topK: 1 });
  const [a, b, c] = r.features;
  assert.equal(a.signConsistency, 0.75);
  assert.equal(a.majoritySign, 1);
  assert.equal(b.majoritySign, -1);
  assert.equal(b.signConsistency, 0.75);
  assert.equal(c.signConsistency, 0.5);
  assert.equal(a.topKPersistence, 0.75);
  assert.equal(b.topKPersistence, 0.25);
  assert.equal(a.meanImportance, 3);
  // sample sd of [3,2,4,3] = sqrt(2/3)
  assert.ok(Math.abs(a.cv - Math.sqrt(2 / 3) / 3) < 1e-12);
  assert.deepEqual(a.rankMean, 1.25);
  assert.equal(a.stable, false); // sign consistency 0.75 < 0.8
  // b: CV sqrt(2/3)/2 = 0.41 <= 0.5 but its share 2/6.25 = 0.32 is below 1/3 by default
  const loose = featureStability(names, history, {
    topK: 1,
    minSignConsistency: 0.75,
  });
  assert.deepEqual(loose.features.map((f) => f.stable), [true, false, false]);
  const looser = featureStability(names, history, {
    topK: 1,
    minSignConsistency: 0.75,
    minImportanceShare: 0.3,
  });
  assert.deepEqual(looser.features.map((f) => f.stable), [true, true, false]);
  assert.ok(Math.abs(looser.stableShare - 2 / 3) < 1e-12);
  assert.equal(looser.pass, false);
  assert.equal(
    featureStability(names, history, {
      topK: 1,
      minSignConsistency: 0.5,
      minImportanceShare: 0.1,
    }).pass,
    true,
  );
  // consecutive spearman: (0,1): ranks [1,2,3] vs [2,1,3] = 0.5; (1,2): [2,1,3] vs [1,3,2] = -0.5; (2,3): [1,3,2] vs [1,2,3] = 0.5
  assert.ok(Math.abs(r.meanRankSpearman - 0.5 / 3) < 1e-12);
});

Deno.test("featureStability() fails closed with no folds and rejects misaligned vectors", () => {
  const r = featureStability(["a"], []);
  assert.equal(r.pass, false);
  assert.equal(r.stableShare, 0);
  assert.throws(
    () =>
      featureStability(["a", "b"], [{ fold: 0, importance: [1], sign: [1] }]),
    /expected 2/,
  );
});

Deno.test("selectTopKByStability() and dropUnstable() use only the given history", () => {
  const h = [0, 1, 2, 3].map((fold) => ({
    fold,
    importance: [0.1, 1, 0.5 + 0.01 * fold, 0.05],
    sign: [1, 1, fold % 2 ? 1 : -1, 1],
  }));
  assert.deepEqual([...selectTopKByStability(h, 1)], [1]);
  // k = 2 (topK 2): only 1 is stable (0 and 3 are steady but below-average importance, 2
  // flips sign); then 2 persists in the top 2.
  assert.deepEqual([...selectTopKByStability(h, 2)], [1, 2]);
  assert.deepEqual([...dropUnstable(h, { topK: 1 })], [1]);
  assert.deepEqual([...selectTopKByStability([], 2)], []);
});

function plantedData(n: number, seed: number) {
  const x = normalMatrix(n, 5, seed);
  const y = linearTarget(x, [0.8, 0, 0, 0, 0], 0, 1, seed + 1);
  const dates = Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
  );
  const folds = Array.from({ length: 8 }, (_, k) => ({
    trainStart: k * 100,
    trainEnd: k * 100 + 199,
    testStart: k * 100 + 200,
    testEnd: k * 100 + 299,
  }));
  return { x, y, dates, folds, names: ["signal", "n1", "n2", "n3", "n4"] };
}

Deno.test("a planted stable feature is stable, noise features are not, for ridge and gbt", () => {
  const d = plantedData(1000, 80);
  for (const model of ["ridge", "gbt"]) {
    const fits = trainFolds(d.x, d.y, d.folds, {
      model,
      modelOptions: { nTrees: 30 },
      featureNames: d.names,
      dates: d.dates,
      permutationRepeats: 0,
    });
    const r = featureStability(
      d.names,
      fits.map((f) => ({
        fold: f.fold,
        importance: f.importance,
        sign: f.sign,
      })),
      {
        topK: 1,
      },
    );
    assert.equal(r.features[0].stable, true, model);
    assert.equal(r.features[0].topKPersistence, 1, model);
    assert.equal(r.features[0].majoritySign, 1, model);
    for (const f of r.features.slice(1)) {
      assert.equal(f.stable, false, `${model} ${f.feature}`);
    }
    assert.equal(r.stableShare, 0.2);
    assert.equal(r.pass, false);
  }
});

Deno.test("stabilityNull() finds (almost) nothing stable when labels are permuted", () => {
  const d = plantedData(1000, 90);
  const train = { model: "ridge", featureNames: d.names, dates: d.dates };
  const r = stabilityNull(d.x, d.y, d.folds, train, {
    repeats: 4,
    seed: 3,
    stability: { topK: 1 },
  });
  assert.equal(r.repeats, 4);
  assert.ok(r.meanStableShare <= 0.2, `null share ${r.meanStableShare}`);
  assert.ok(r.falseStableRate[0].rate <= 0.5);
  const again = stabilityNull(d.x, d.y, d.folds, train, {
    repeats: 4,
    seed: 3,
    stability: { topK: 1 },
  });
  assert.deepEqual(again, r);
  // four permutations give a mean but no 90% band
  assert.ok(Number.isNaN(r.stableShare.p95));
  assert.equal(
    stabilityVerdict(featureStability(d.names, []), r).stableShare,
    "no band",
  );
});

Deno.test("stabilityNull() gives every figure a 90% band from 20 permutations, and the verdict is the comparison", () => {
  const base = plantedData(1000, 90);
  // three planted features of five: a stable share no permutation reaches
  const d = {
    ...base,
    y: linearTarget(base.x, [0.8, 0.6, -0.7, 0, 0], 0, 1, 91),
  };
  const train = { model: "ridge", featureNames: d.names, dates: d.dates };
  const r = stabilityNull(d.x, d.y, d.folds, train, {
    seed: 5,
    stability: { topK: 1 },
  });
  assert.equal(r.repeats, 20);
  for (const b of [r.stableShare, r.meanRankSpearman]) {
    assert.ok(b.p05 <= b.mean && b.mean <= b.p95, JSON.stringify(b));
  }
  assert.equal(r.features.length, d.names.length);
  // the planted features are stable beyond chance
  const fits = trainFolds(d.x, d.y, d.folds, train);
  const real = featureStability(
    d.names,
    fits.map((f) => ({ fold: f.fold, importance: f.importance, sign: f.sign })),
    { topK: 1 },
  );
  for (const f of r.features) {
    const b = f.signConsistency;
    assert.ok(b.p05 <= b.mean && b.mean <= b.p95 && b.p95 <= 1, f.feature);
  }
  const v = stabilityVerdict(real, r);
  assert.equal(v.stableShare, "above");
  assert.ok(v.stableBeyondChance);
  assert.match(
    v.text,
    /^The stable share [\d.]+% is above the null's 90% band/,
  );
  assert.equal(compareToNull(0.5, { mean: 0.5, p05: 0.4, p95: 0.6 }), "within");
  assert.equal(compareToNull(0.3, { mean: 0.5, p05: 0.4, p95: 0.6 }), "below");
});

Deno.test("on the S&P 500 the stability figures sit inside their nulls: no evidence of stable features", async () => {
  const d = barsDataset(await readSampleBars("SP500"));
  const r = runTraining(d, {
    model: "ridge",
    trainLen: 756,
    testLen: 126,
    permutationRepeats: 0,
    nullRepeats: 20,
  });
  const v = stabilityVerdict(r.stability, r.stabilityNull!);
  assert.notEqual(v.stableShare, "above");
  assert.equal(v.stableBeyondChance, false);
  // consecutive folds share 6 of their 7 training windows: noise alone gives a high
  // fold-to-fold Spearman, and the real one is no higher
  assert.ok(r.stabilityNull!.meanRankSpearman.mean > 0.3);
  assert.notEqual(v.meanRankSpearman, "above");
});
