import assert from "node:assert/strict";
import {
  minBacktestLength,
  minTrackRecordLength,
  probabilisticSharpeRatio,
} from "../../lib/metrics/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/sharpe_inference.json", import.meta.url),
  ),
);

function close(a: number, b: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= rel * Math.abs(b),
    `${what}: ${a} vs scipy ${b}`,
  );
}

Deno.test("minTrackRecordLength() matches the paper's formula computed with scipy to 1e-12", () => {
  for (const c of golden.minTrackRecordLength) {
    const got = minTrackRecordLength(c.sharpe, {
      benchmarkSharpe: c.benchmark,
      skew: c.skew,
      excessKurtosis: c.excessKurtosis,
      confidence: c.confidence,
      annualized: c.annualized,
      ...(c.periodsPerYear ? { periodsPerYear: c.periodsPerYear } : {}),
    });
    close(got, c.minTRL, 1e-12, JSON.stringify(c));
  }
});

Deno.test("minTrackRecordLength() is where the PSR reaches the confidence", () => {
  for (const [sr, skew, ek] of [[0.1, 0, 0], [0.06, -1.5, 5], [0.3, 0.4, 1]]) {
    for (const confidence of [0.9, 0.95, 0.99]) {
      const n = minTrackRecordLength(sr, {
        skew,
        excessKurtosis: ek,
        confidence,
      });
      const psr = probabilisticSharpeRatio(sr, {
        nObs: n,
        skew,
        excessKurtosis: ek,
      });
      assert.ok(
        Math.abs(psr - confidence) < 1e-12,
        `${sr} ${confidence}: ${psr}`,
      );
    }
  }
  assert.equal(minTrackRecordLength(0.05, { benchmarkSharpe: 0.05 }), Infinity);
  assert.equal(minTrackRecordLength(-0.1), Infinity);
  assert.ok(Number.isNaN(minTrackRecordLength(NaN)));
  assert.ok(Number.isNaN(minTrackRecordLength(1, { skew: 5 }))); // variance term < 0
  assert.throws(
    () => minTrackRecordLength(0.1, { confidence: 1 }),
    /"confidence" expected a number in \(0, 1\), got 1/,
  );
});

Deno.test("minBacktestLength() matches scipy, the paper's 45 trials in 5 years, and the 2 ln N bound", () => {
  for (const c of golden.minBacktestLength) {
    close(
      minBacktestLength(c.trials, c.targetSharpe),
      c.years,
      1e-12,
      `N=${c.trials}`,
    );
    assert.ok(
      minBacktestLength(c.trials, c.targetSharpe) <
        2 * Math.log(c.trials) / c.targetSharpe ** 2,
    );
  }
  assert.equal(minBacktestLength(45, 1).toFixed(3), "4.998");
  assert.equal(minBacktestLength(1, 1), 0);
  assert.throws(
    () => minBacktestLength(10, 0),
    /"targetSharpe" expected a number > 0/,
  );
  assert.throws(
    () => minBacktestLength(1.5, 1),
    /"trials" expected an integer >= 1/,
  );
});
