import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import {
  breakoutPositions,
  crossSectionalMomentum,
  getStrategy,
  maCrossoverPositions,
  momentumPositions,
  pairsPositions,
  predictionPositions,
  rsi,
  rsiPositions,
  STRATEGIES,
  zScorePositions,
} from "../../lib/strategies/mod.ts";
import {
  barsFromClose,
  cointegratedPair,
  randomWalkBars,
} from "./_fixtures.ts";

const f = (x: number[]) => Float64Array.from(x);

Deno.test("momentumPositions() takes the sign of the trailing return, with skip", () => {
  const c = f([10, 11, 12, 11, 10, 9, 10]);
  assert.deepEqual([...momentumPositions(c, { lookbackDays: 2 })], [
    0,
    0,
    1,
    0,
    -1,
    -1,
    0,
  ]);
  // skip 1: r_t = c[t-1]/c[t-3] - 1
  assert.deepEqual(
    [...momentumPositions(c, { lookbackDays: 2, skipDays: 1 })],
    [0, 0, 0, 1, 0, -1, -1],
  );
  assert.deepEqual([
    ...momentumPositions(c, { lookbackDays: 2, longShort: false }),
  ], [0, 0, 1, 0, 0, 0, 0]);
  const s = momentumPositions(c, { lookbackDays: 2, mode: "scaled" });
  assert.ok(s.every((v) => v >= -1 && v <= 1));
  assert.ok(s[2] > 0 && s[4] < 0);
});

Deno.test("breakoutPositions() enters above the prior N-bar high and exits below the prior M-bar low", () => {
  const c = f([10, 11, 10.5, 11.5, 11, 10.9, 10.4, 12]);
  // N = 3: t=3 close 11.5 > max(10, 11, 10.5) -> long; M = 2: exit when close < min of prior 2
  const p = breakoutPositions(c, c, c, { entryDays: 3, exitDays: 2 });
  assert.deepEqual([...p], [0, 0, 0, 1, 1, 0, 0, 1]);
  const ls = breakoutPositions(c, c, c, {
    entryDays: 3,
    exitDays: 2,
    longShort: true,
  });
  assert.equal(ls[6], -1); // 10.4 < min(11.5, 11, 10.9)? no: prior 3 = 11.5, 11, 10.9 -> yes, short
});

Deno.test("rsi() and rsiPositions() on a hand-made path", () => {
  const c = f([10, 9, 8, 7, 8, 9, 10, 11]);
  const r = rsi(c, 3);
  // first 3 changes all -1: RSI 0 at t = 3; then +1: gain 1/3, loss 2/3 -> 33.33
  assert.equal(r[3], 0);
  assert.ok(Math.abs(r[4] - 100 * (1 / 3) / (1 / 3 + 2 / 3)) < 1e-12);
  assert.ok(Number.isNaN(r[2]));
  const p = rsiPositions(c, { period: 3, lower: 30, exitLevel: 50 });
  // r: t3 0 -> long; t4 33.3 hold; t5 gain (2/9+1/3) = 5/9, loss 4/9 -> 55.6 > 50 exit
  assert.deepEqual([...p], [0, 0, 0, 1, 1, 0, 0, 0]);
});

Deno.test("zScorePositions() and maCrossoverPositions() on hand-made paths", () => {
  const c = f([10, 10, 10, 10, 13, 7, 10, 10]);
  const z = zScorePositions(c, {
    windowDays: 4,
    entryZ: 1.4,
    exitZ: 0,
    longShort: true,
  });
  // t4: window 10,10,10,13 -> z = 1.5 > 1.4 short; t5: 10,10,13,7 z = -1.5/2.449 -> exit, then long? -1.22 > -1.4 no
  assert.equal(z[4], -1);
  assert.equal(z[5], 0);
  const m = maCrossoverPositions(f([1, 2, 3, 2, 1, 0]), {
    fastDays: 1,
    slowDays: 2,
    longShort: true,
  });
  assert.deepEqual([...m], [0, 1, 1, -1, -1, -1]);
  assert.throws(
    () => maCrossoverPositions(c, { fastDays: 5, slowDays: 5 }),
    /fastDays < slowDays/,
  );
});

Deno.test("crossSectionalMomentum() holds weights between rebalances and is gross 1", () => {
  const a = f([1, 2, 3, 4, 5, 1]),
    b = f([1, 1, 1, 1, 1, 1]),
    c = f([2, 1, 1, 1, 1, 9]);
  const w = crossSectionalMomentum([a, b, c], {
    lookbackDays: 1,
    quantile: 0.34,
    rebalanceDays: 3,
  });
  // t = 1: a +100%, b 0, c -50% -> a long, c short; held at t = 2, 3; rebalanced at t = 4
  assert.deepEqual([w[0][1], w[1][1], w[2][1]], [0.5, 0, -0.5]);
  assert.deepEqual([w[0][3], w[2][3]], [0.5, -0.5]);
  assert.deepEqual([w[0][5], w[2][5]], [w[0][4], w[2][4]]);
});

Deno.test("predictionPositions() maps NaN to flat and respects the dead band", () => {
  const p = predictionPositions(f([NaN, 0.02, 0.001, -0.03]), {
    mode: "scaled",
    scale: 0.02,
  });
  assert.deepEqual([...p], [0, 1, 0.05, -1]);
});

function perturbAfter(b: Bars, t: number, seed: number): Bars {
  const k = (x: Float64Array) =>
    x.map((v, i) => (i > t ? v * (1 + 0.2 * Math.sin(i * seed)) : v));
  return {
    ...b,
    open: k(b.open),
    high: k(b.high),
    low: k(b.low),
    close: k(b.close),
    volume: b.volume,
  };
}

Deno.test("every registered strategy is causal: perturbing bars after t never changes weights at or before t", () => {
  const rw = randomWalkBars(400, 11);
  const { a, b } = cointegratedPair(400, 12);
  const pair = [barsFromClose(a, "A"), barsFromClose(b, "B")];
  const many = [
    randomWalkBars(400, 21),
    randomWalkBars(400, 22),
    randomWalkBars(400, 23),
  ];
  for (const s of Object.values(STRATEGIES)) {
    const input = s.symbols === 1 ? [rw] : s.symbols === 2 ? pair : many;
    const params = { ...s.defaults };
    for (const [key, values] of Object.entries(s.grid)) params[key] = values[0];
    const usable = s.valid(params) ? params : s.defaults;
    const base = s.weights(input, usable);
    for (const t of [150, 260, 330]) {
      const pert = s.weights(input.map((x) => perturbAfter(x, t, 3)), usable);
      for (let j = 0; j < base.length; j++) {
        assert.deepEqual(
          pert[j].slice(0, t + 1),
          base[j].slice(0, t + 1),
          `${s.name} at ${t}`,
        );
        assert.ok(base[j].every((v) => v >= -1 && v <= 1), `${s.name} range`);
      }
    }
    assert.ok(
      base.some((col) => col.some((v) => v !== 0)),
      `${s.name} never trades`,
    );
  }
});

Deno.test("strategies do not mutate their inputs", () => {
  const rw = randomWalkBars(300, 5);
  const copy = rw.close.slice();
  for (
    const name of ["ma_crossover", "momentum", "zscore", "rsi", "breakout"]
  ) {
    getStrategy(name).weights([rw], getStrategy(name).defaults);
  }
  assert.deepEqual(rw.close, copy);
});

Deno.test("pairsPositions() trades the spread with b = -beta * a and gross exposure 1", () => {
  const { a, b } = cointegratedPair(600, 8, 1.5, 0.8);
  const p = pairsPositions(a, b, { hedgeWindowDays: 120, zWindowDays: 20 });
  let trades = 0;
  for (let t = 0; t < 600; t++) {
    if (p.state[t] === 0) {
      assert.equal(p.a[t], 0);
      continue;
    }
    trades++;
    assert.ok(Math.abs(Math.abs(p.a[t]) + Math.abs(p.b[t]) - 1) < 1e-12);
    assert.ok(Math.abs(p.b[t] + p.hedgeRatio[t] * p.a[t]) < 1e-12);
    assert.ok(p.state[t] === 1 ? p.zscore[t] < 0 : p.zscore[t] > 0);
  }
  assert.ok(trades > 20);
});

Deno.test("empty and constant inputs give flat positions", () => {
  const e = new Float64Array(0);
  assert.equal(momentumPositions(e).length, 0);
  assert.equal(zScorePositions(e).length, 0);
  const c = new Float64Array(50).fill(100);
  assert.ok(zScorePositions(c, { windowDays: 10 }).every((v) => v === 0));
  assert.ok(momentumPositions(c, { lookbackDays: 10 }).every((v) => v === 0));
  assert.ok(rsiPositions(c, { period: 5 }).every((v) => v === 0));
  assert.ok(
    breakoutPositions(c, c, c, { entryDays: 5, exitDays: 3 }).every((v) =>
      v === 0
    ),
  );
});

Deno.test("the pairs strategy switches to the Kalman hedge ratio with kalman = 1", () => {
  const { a, b } = cointegratedPair(500, 13, 1.5, 0.8);
  const pair = [barsFromClose(a, "A"), barsFromClose(b, "B")];
  const s = getStrategy("pairs");
  const rolling = s.weights(pair, { ...s.defaults, gateWindowDays: 0 });
  const kalman = s.weights(pair, {
    ...s.defaults,
    gateWindowDays: 0,
    kalman: 1,
  });
  assert.notDeepEqual(kalman[0], rolling[0]);
  assert.ok(kalman[0].some((v) => v !== 0));
});
