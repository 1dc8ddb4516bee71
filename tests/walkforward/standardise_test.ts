import assert from "node:assert/strict";
import {
  applyStandardiser,
  fitStandardiser,
} from "../../lib/walkforward/mod.ts";

const x = {
  data: new Float64Array([1, 7, 10, 2, 7, 20, 3, 7, 30, 100, 7, 1000]),
  rows: 4,
  cols: 3,
};

Deno.test("fitStandardiser() uses only the given rows, sample std, and scale 1 for constant columns", () => {
  const s = fitStandardiser(x, 0, 3);
  assert.deepEqual(Array.from(s.mean), [2, 7, 20]);
  assert.deepEqual(Array.from(s.scale), [1, 1, 10]);
  const z = applyStandardiser(x, s, 3, 4);
  assert.deepEqual(Array.from(z.data), [98, 0, 98]);
  const one = fitStandardiser(x, 1, 2);
  assert.deepEqual(Array.from(one.scale), [1, 1, 1]);
});

Deno.test("fitStandardiser() rejects an empty range and applyStandardiser() copies without one", () => {
  assert.throws(() => fitStandardiser(x, 2, 2), /non-empty range/);
  assert.throws(() => fitStandardiser(x, 0, 5), /inside 0..4/);
  const before = x.data.slice();
  const c = applyStandardiser(x, undefined, 1, 3);
  assert.deepEqual(Array.from(c.data), [2, 7, 20, 3, 7, 30]);
  c.data[0] = -1;
  assert.deepEqual(x.data, before);
});
