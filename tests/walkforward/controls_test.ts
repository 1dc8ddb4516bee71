import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  randomWalkBars,
  reversedBars,
  runControls,
  shuffledLabels,
  w1Config,
} from "../../lib/walkforward/mod.ts";

const sp = await readSampleBars("SP500");

Deno.test("runControls() shows no edge on shuffled labels and random walks over several seeds", () => {
  const c = runControls(sp, w1Config, { seeds: [1, 2, 3, 4, 5] });
  const gated = c.runs.filter((r) => r.gated);
  assert.equal(gated.length, 15);
  for (const r of gated) {
    assert.ok(Number.isFinite(r.tStat), `${r.kind} ${r.seed}: t is ${r.tStat}`);
    assert.ok(
      Math.abs(r.tStat) < 3,
      `${r.kind} seed ${r.seed} shows an edge: Sharpe ${r.sharpe}, t ${r.tStat}`,
    );
    assert.ok(Math.abs(r.sharpe) < 0.75);
  }
  assert.equal(c.noEdge, true);
});

Deno.test("runControls() reports real reversed time ungated unless asked, and fails closed", () => {
  const c = runControls(sp, w1Config, { seeds: [1] });
  const rev = c.runs.find((r) => r.kind === "reversed" && r.seed === null)!;
  assert.equal(rev.gated, false);
  assert.equal(rev.days, 4599);
  const g = runControls(sp, w1Config, { seeds: [1], gateReversed: true });
  // the S&P 500 is not time-reversible (leverage effect): reversed time does show an edge
  assert.ok(Math.abs(rev.tStat) >= 3);
  assert.equal(g.noEdge, false);
  const strict = runControls(sp, w1Config, { seeds: [1], maxAbsT: 0 });
  assert.equal(strict.noEdge, false);
});

Deno.test("control data generators are seeded, shape-preserving and do not mutate", () => {
  const close = sp.close.slice();
  const a = randomWalkBars(sp, 3), b = randomWalkBars(sp, 3);
  assert.deepEqual(a.close, b.close);
  assert.notDeepEqual(randomWalkBars(sp, 4).close, a.close);
  assert.equal(a.close.length, sp.close.length);
  assert.equal(a.close[0], sp.close[0]);
  const r = reversedBars(sp);
  assert.equal(r.close[0], sp.close[sp.close.length - 1]);
  assert.deepEqual(r.dates, sp.dates);
  const y = new Float64Array([0.1, 0.2, 0.3, 0.4, NaN]);
  const s = shuffledLabels(y, 1);
  assert.deepEqual(Array.from(s.subarray(0, 4)).sort(), [0.1, 0.2, 0.3, 0.4]);
  assert.deepEqual(shuffledLabels(y, 1), s);
  assert.deepEqual(sp.close, close);
});
