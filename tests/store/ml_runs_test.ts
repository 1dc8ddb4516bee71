import assert from "node:assert/strict";
import { join } from "node:path";
import {
  MODEL_NAMES,
  predictCheckpoint,
  trainFolds,
} from "../../lib/ml/mod.ts";
import {
  loadCheckpoints,
  loadImportanceHistory,
  saveTrainingRun,
} from "../../lib/store/mod.ts";
import {
  csvField,
  exportCheckpointIndexCsv,
  exportFeatureImportanceCsv,
} from "../../lib/report/mod.ts";
import { linearTarget, normalMatrix } from "../ml/_data.ts";
import { openDb } from "../../lib/data/mod.ts";

const N = 450;
const x = normalMatrix(N, 3, 7);
const y = linearTarget(x, [0.4, 0, -0.2], 0, 1, 8);
const dates = Array.from(
  { length: N },
  (_, i) => new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10),
);
const names = ["mom", "vol", "rsi"];
const folds = [0, 1, 2].map((k) => ({
  trainStart: k * 100,
  trainEnd: k * 100 + 149,
  testStart: k * 100 + 150,
  testEnd: k * 100 + 249,
}));
const FAST: Record<string, Record<string, unknown>> = {
  rf: { nTrees: 15 },
  gbt: { nTrees: 15 },
  mlp: { hidden: [4], epochs: 20 },
};

function run(
  runId: string,
  model: string,
  startedAt = "2026-01-01T00:00:00.000Z",
) {
  return {
    runId,
    symbol: "TEST",
    model,
    config: { model, note: 'quote " and, comma' },
    dataHash: "abc",
    codeVersion: "0.1.0",
    seed: 1,
    startedAt,
    endedAt: startedAt,
    warmStartFrom: null,
    summary: { stableShare: 0.5 },
  };
}

Deno.test("every model round-trips through DuckDB with bitwise-identical predictions", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    for (const model of MODEL_NAMES) {
      const fits = trainFolds(x, y, folds, {
        model,
        modelOptions: FAST[model] ?? {},
        featureNames: names,
        dates,
        permutationRepeats: 1,
      });
      await saveTrainingRun(db, run(`run-${model}`, model), fits);
      const cps = await loadCheckpoints(db, { symbol: "TEST", model });
      assert.equal(cps.length, 3);
      for (const f of fits) {
        const cp = cps[f.fold];
        assert.equal(cp.runId, `run-${model}`);
        assert.equal(cp.trainEnd, dates[f.spec.trainEnd]);
        const rows = {
          data: x.data.slice(f.spec.testStart * 3, (f.spec.testEnd + 1) * 3),
          rows: 100,
          cols: 3,
        };
        assert.deepEqual(
          predictCheckpoint(cp, rows, names),
          f.predictions,
          model,
        );
      }
    }
  } finally {
    await db.close();
  }
});

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`saveTrainingRun() stores ranks and signs, and a failing run leaves nothing behind [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const fits = trainFolds(x, y, folds, {
        model: "ridge",
        featureNames: names,
        dates,
        permutationRepeats: 1,
      });
      await saveTrainingRun(db, run("r1", "ridge"), fits);
      const h = await loadImportanceHistory(db, { model: "ridge" });
      assert.equal(h.length, 1);
      assert.deepEqual(h[0].features, ["mom", "rsi", "vol"]);
      assert.equal(h[0].records.length, 3);
      assert.equal(
        h[0].records[0].sign[0],
        Math.sign((fits[0].checkpoint.state.coef as number[])[0]),
      );
      const rows = await db.query<{ rank: number }>(
        "SELECT rank FROM feature_importance WHERE run_id = 'r1' AND fold = 0 AND feature = 'mom'",
      );
      assert.equal(rows[0].rank, 1);
      await assert.rejects(() => saveTrainingRun(db, run("r1", "ridge"), fits)); // duplicate run id
      const count = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM checkpoints",
      );
      assert.equal(Number(count[0].n), 3);
      assert.deepEqual(await loadImportanceHistory(db, { model: "lasso" }), []);
    } finally {
      await db.close();
    }
  });
}

Deno.test("warm start from stored checkpoints of an earlier run is recorded per fold", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const first = trainFolds(x, y, folds, {
      model: "lasso",
      featureNames: names,
      dates,
      permutationRepeats: 1,
    });
    await saveTrainingRun(db, run("old", "lasso"), first);
    const cps = await loadCheckpoints(db, { symbol: "TEST", model: "lasso" });
    const second = trainFolds(x, y, folds, {
      model: "lasso",
      featureNames: names,
      dates,
      warmStart: true,
      checkpoints: cps,
      permutationRepeats: 1,
    });
    assert.deepEqual(second.map((f) => f.startedFrom), [
      "checkpoint:old/0",
      "checkpoint:old/1",
      "checkpoint:old/2",
    ]);
    assert.deepEqual(
      await loadCheckpoints(db, { symbol: "OTHER", model: "lasso" }),
      [],
    );
  } finally {
    await db.close();
  }
});

Deno.test("CSV exports write feature_importance.csv and checkpoints/index.csv", async () => {
  const db = await openDb({ path: ":memory:" });
  const dir = await Deno.makeTempDir();
  try {
    const fits = trainFolds(x, y, folds, {
      model: "ridge",
      featureNames: names,
      dates,
      permutationRepeats: 1,
    });
    await saveTrainingRun(db, run("r1", "ridge"), fits);
    const n = await exportFeatureImportanceCsv(
      db,
      join(dir, "feature_importance.csv"),
    );
    assert.equal(n, 9);
    const text = await Deno.readTextFile(join(dir, "feature_importance.csv"));
    assert.equal(
      text.split("\n")[0],
      "run_id,symbol,model,fold,feature,importance,permutation_importance,rank,sign",
    );
    assert.equal(text.trim().split("\n").length, 10);
    const idx = await exportCheckpointIndexCsv(db, dir);
    assert.equal(idx.path, join(dir, "checkpoints", "index.csv"));
    const lines = (await Deno.readTextFile(idx.path)).trim().split("\n");
    assert.equal(lines.length, 4);
    assert.ok(
      lines[1].startsWith(`r1,TEST,ridge,0,${dates[0]},${dates[149]},cold,"{`),
    );
    assert.equal(csvField('a"b,c'), '"a""b,c"');
    assert.equal(csvField(NaN), "");
  } finally {
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
