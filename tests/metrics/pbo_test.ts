import assert from "node:assert/strict";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import type { Matrix } from "../../lib/_shared/types.ts";
import { probabilityOfBacktestOverfitting } from "../../lib/metrics/mod.ts";

/** T x N matrix of N(0, 0.01) noise; column 0 gets `edge` added to its mean. */
function noise(T: number, N: number, seed: number, edge = 0): Matrix {
  const z = createNormal(createRng(seed));
  const data = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < N; j++) {
      data[t * N + j] = 0.01 * z() + (j === 0 ? edge : 0);
    }
  }
  return { data, rows: T, cols: N };
}

Deno.test("PBO of identical-noise configurations is near 0.5 over C(16, 8) = 12,870 splits", () => {
  const res = probabilityOfBacktestOverfitting(noise(1000, 20, 7));
  assert.equal(res.nCombinations, 12870);
  assert.equal(res.logits.length, 12870);
  assert.ok(res.pbo > 0.3 && res.pbo < 0.7, `pbo ${res.pbo}`);
  // averaged over seeds the in-sample winner is a coin flip out of sample
  let sum = 0;
  for (let s = 0; s < 4; s++) {
    sum += probabilityOfBacktestOverfitting(noise(480, 10, 100 + s), {
      partitions: 8,
    }).pbo;
  }
  assert.ok(Math.abs(sum / 4 - 0.5) < 0.15, `mean pbo ${sum / 4}`);
});

Deno.test("PBO is near 0 when one configuration has a real edge", () => {
  const res = probabilityOfBacktestOverfitting(noise(1000, 20, 8, 0.004));
  assert.ok(res.pbo < 0.05, `pbo ${res.pbo}`);
  // the edge configuration ranks top out of sample: logit ln(N / 1) at most
  assert.ok(res.logits.every((l) => l <= Math.log(20) + 1e-12));
});

Deno.test("PBO logits follow the rank formula on a hand-checkable case", () => {
  // S = 2: one split IS = first block, one split IS = second block.
  // Column 0 wins the first half and loses the second; column 1 the opposite.
  const T = 8, data = new Float64Array(T * 2);
  const a = [0.02, 0.03, 0.02, 0.03, -0.02, -0.01, -0.02, -0.01];
  for (let t = 0; t < T; t++) data[t * 2] = a[t], data[t * 2 + 1] = -a[t];
  const res = probabilityOfBacktestOverfitting({ data, rows: T, cols: 2 }, {
    partitions: 2,
  });
  assert.equal(res.nCombinations, 2);
  // the IS winner is the OOS loser: rank 1 of 2 -> w = 1/3, logit ln(1/2)
  for (const l of res.logits) assert.ok(Math.abs(l - Math.log(0.5)) < 1e-15);
  assert.equal(res.pbo, 1);
});

Deno.test("PBO is deterministic and rejects bad shapes", () => {
  const x = noise(200, 5, 3);
  const a = probabilityOfBacktestOverfitting(x, { partitions: 10 });
  const b = probabilityOfBacktestOverfitting(x, { partitions: 10 });
  assert.deepEqual(a.logits, b.logits);
  assert.equal(a.nCombinations, 252);
  assert.throws(
    () => probabilityOfBacktestOverfitting(x, { partitions: 7 }),
    RangeError,
  );
  assert.throws(
    () => probabilityOfBacktestOverfitting(noise(20, 5, 1)),
    RangeError,
  );
  assert.throws(
    () => probabilityOfBacktestOverfitting(noise(100, 1, 1), { partitions: 4 }),
    RangeError,
  );
  assert.throws(
    () =>
      probabilityOfBacktestOverfitting({
        data: new Float64Array(3),
        rows: 2,
        cols: 2,
      }),
    TypeError,
  );
});
