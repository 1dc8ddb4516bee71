import assert from "node:assert/strict";
import {
  proportionalPosition,
  signPosition,
  thresholdPosition,
  volTargetPosition,
} from "../../lib/backtest/mod.ts";

Deno.test("signPosition() maps 0 and NaN to flat", () => {
  assert.deepEqual(
    Array.from(signPosition(new Float64Array([3, -0.1, 0, -0, NaN]))),
    [1, -1, 0, 0, 0],
  );
  assert.equal(signPosition(new Float64Array(0)).length, 0);
});

Deno.test("thresholdPosition() is flat inside the band, including its edges", () => {
  const s = new Float64Array([0.3, 0.2, 0.25, -0.2, -0.21, NaN]);
  assert.deepEqual(
    Array.from(thresholdPosition(s, { threshold: 0.2 })),
    [1, 0, 1, 0, -1, 0],
  );
  assert.deepEqual(
    Array.from(thresholdPosition(s, { threshold: 0.2, longOnly: true })),
    [1, 0, 1, 0, 0, 0],
  );
  assert.deepEqual(
    Array.from(thresholdPosition(s, { threshold: 0, center: 0.25 })),
    [1, -1, 0, -1, -1, 0],
  );
  assert.throws(() => thresholdPosition(s, { threshold: -1 }), /Threshold/);
});

Deno.test("proportionalPosition() scales and caps", () => {
  const p = proportionalPosition(new Float64Array([0.001, -0.003, 0.02, NaN]), {
    scale: 250,
    cap: 0.5,
  });
  assert.deepEqual(Array.from(p), [0.25, -0.5, 0.5, 0]);
});

Deno.test("volTargetPosition() sizes by trailing sample std and never looks ahead", () => {
  const r = new Float64Array([0.01, -0.02, 0.005, 0.03, -0.01, 0.002]);
  const sig = new Float64Array([1, 1, -1, 1, 2, -3]);
  const p = volTargetPosition(sig, r, {
    targetVolAnnual: 0.1,
    windowDays: 3,
    cap: 3,
  });
  assert.equal(p[0], 0);
  assert.equal(p[1], 0);
  const w = [0.01, -0.02, 0.005];
  const m = (w[0] + w[1] + w[2]) / 3;
  const sd = Math.sqrt(w.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
  assert.ok(Math.abs(p[2] + Math.min(3, 0.1 / (sd * Math.sqrt(252)))) < 1e-12);
  const r2 = r.slice();
  r2[5] = 0.5;
  const p2 = volTargetPosition(sig, r2, {
    targetVolAnnual: 0.1,
    windowDays: 3,
    cap: 3,
  });
  assert.deepEqual(p2.subarray(0, 5), p.subarray(0, 5));
  const flat = volTargetPosition(
    new Float64Array([1, 1]),
    new Float64Array(2),
    { targetVolAnnual: 0.1, windowDays: 2, cap: 1.5 },
  );
  assert.equal(flat[1], 1.5);
  assert.throws(
    () => volTargetPosition(sig, r, { targetVolAnnual: 0, windowDays: 3 }),
    /targetVolAnnual/,
  );
});
