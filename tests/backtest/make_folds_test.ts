import assert from "node:assert/strict";
import { makeFolds } from "../../lib/backtest/mod.ts";

const spans = (f: ReturnType<typeof makeFolds>) =>
  f.map((x) => [x.trainStart, x.trainEnd, x.testStart, x.testEnd]);

Deno.test("makeFolds() keeps a fold whose test window ends exactly at nRows and drops a partial one", () => {
  assert.deepEqual(spans(makeFolds(11, { train: 5, test: 3 })), [
    [0, 5, 5, 8],
    [3, 8, 8, 11],
  ]);
  assert.deepEqual(spans(makeFolds(10, { train: 5, test: 3 })), [[0, 5, 5, 8]]);
});

Deno.test("makeFolds() uses stride between fold starts", () => {
  assert.deepEqual(spans(makeFolds(12, { train: 4, test: 2, stride: 3 })), [
    [0, 4, 4, 6],
    [3, 7, 7, 9],
    [6, 10, 10, 12],
  ]);
});

Deno.test("makeFolds() anchored folds all train from row 0 with a growing window", () => {
  assert.deepEqual(
    spans(makeFolds(10, { train: 4, test: 2, anchored: true })),
    [
      [0, 4, 4, 6],
      [0, 6, 6, 8],
      [0, 8, 8, 10],
    ],
  );
});

Deno.test("makeFolds() leaves a gap (embargo) between train end and test start", () => {
  assert.deepEqual(spans(makeFolds(12, { train: 4, test: 3, gap: 2 })), [
    [0, 4, 6, 9],
    [3, 7, 9, 12],
  ]);
});

Deno.test("makeFolds() purges training rows whose label reaches past the test start", () => {
  // h = 1: the last training label ends at the test's first row, nothing purged (W1)
  const h1 = makeFolds(10, { train: 4, test: 2, labelHorizon: 1 });
  assert.deepEqual(spans(h1)[0], [0, 4, 4, 6]);
  assert.equal(h1[0].purged, 0);
  // h = 3: rows i with i + 3 > 4 (i = 2, 3) go
  const h3 = makeFolds(10, { train: 4, test: 2, labelHorizon: 3 });
  assert.deepEqual(spans(h3)[0], [0, 2, 4, 6]);
  assert.equal(h3[0].purged, 2);
  // a gap of h - 1 rows makes purging unnecessary
  const g = makeFolds(12, { train: 4, test: 2, labelHorizon: 3, gap: 2 });
  assert.deepEqual(spans(g)[0], [0, 4, 6, 8]);
  assert.equal(g[0].purged, 0);
  for (const f of [...h3, ...g]) {
    for (let i = f.trainStart; i < f.trainEnd; i++) {
      assert.ok(i + 3 <= f.testStart);
    }
  }
});

Deno.test("makeFolds() returns no fold when not even one fits (callers name their own flags)", () => {
  assert.deepEqual(makeFolds(9, { train: 5, test: 3, gap: 2 }), []);
  assert.deepEqual(makeFolds(0, { train: 1, test: 1 }), []);
  assert.equal(makeFolds(10, { train: 5, test: 3, gap: 2 }).length, 1);
});

Deno.test("makeFolds() with partial keeps one last fold cut at the end of the data", () => {
  // rebalancing: estimate on [k*3, k*3 + 4), hold for the next 3 rows while any is left
  const f = makeFolds(12, { train: 4, test: 3, partial: true });
  assert.deepEqual(spans(f), [[0, 4, 4, 7], [3, 7, 7, 10], [6, 10, 10, 12]]);
  assert.equal(makeFolds(13, { train: 4, test: 3, partial: true }).length, 3);
  assert.deepEqual(
    spans(makeFolds(10, { train: 4, test: 3, partial: true })),
    [[0, 4, 4, 7], [3, 7, 7, 10]],
  );
  assert.deepEqual(makeFolds(4, { train: 4, test: 3, partial: true }), []);
});

Deno.test("makeFolds() gives the windows the ML and strategy stand-ins gave (inclusive / anchored views)", () => {
  // former ml rollingFolds(20, { trainLen: 5, testLen: 3, gap: 2 }): inclusive ends
  const ml = makeFolds(20, { train: 5, test: 3, gap: 2 }).map((
    x,
  ) => [x.trainStart, x.trainEnd - 1, x.testStart, x.testEnd - 1]);
  assert.deepEqual(ml, [[0, 4, 7, 9], [3, 7, 10, 12], [6, 10, 13, 15], [
    9,
    13,
    16,
    18,
  ]]);
  // former strategies makeTrainTestFolds(20, { train: 5, test: 5, anchored: true, gap: 1 })
  assert.deepEqual(
    spans(makeFolds(20, { train: 5, test: 5, anchored: true, gap: 1 })),
    [[0, 5, 6, 11], [0, 10, 11, 16]],
  );
});

Deno.test("makeFolds() rejects non-integer and out-of-range options", () => {
  assert.throws(
    () => makeFolds(10, { train: 0, test: 2 }),
    /train must be an integer >= 1, got 0/,
  );
  assert.throws(() => makeFolds(10, { train: 2, test: 1.5 }), /test/);
  assert.throws(() => makeFolds(10, { train: 2, test: 2, gap: -1 }), /gap/);
  assert.throws(
    () => makeFolds(10, { train: 2, test: 2, labelHorizon: 4 }),
    /Purging leaves no training rows/,
  );
});

Deno.test("makeFolds() test windows never overlap training windows", () => {
  for (const anchored of [false, true]) {
    for (
      const f of makeFolds(300, {
        train: 50,
        test: 20,
        stride: 25,
        gap: 3,
        labelHorizon: 2,
        anchored,
      })
    ) {
      assert.ok(f.trainEnd <= f.testStart);
      assert.equal(f.testEnd - f.testStart, 20);
    }
  }
});
