import assert from "node:assert/strict";
import {
  alignBars,
  combineConfigBlocks,
  evaluateConfigBlock,
  expandGrid,
  optimizeWalkForward,
  sampleGrid,
  searchConfigs,
} from "../../lib/optimize/mod.ts";
import {
  componentReturns,
  getStrategy,
  runEnsembleWalkForward,
} from "../../lib/strategies/mod.ts";
import { backtestWeights } from "../../lib/backtest/mod.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import {
  barsFromClose,
  cointegratedPair,
  randomWalkBars,
} from "../strategies/_fixtures.ts";

/** Net returns of weights booked on the bar that earns them (lib/backtest, fills at the close). */
function strategyReturns(
  bars: readonly Bars[],
  w: readonly Float64Array[],
  options: { costBps?: number } = {},
): Float64Array {
  return backtestWeights({ close: bars.map((b) => b.close) }, w, options)
    .earned;
}

const GRID = { fastDays: [5, 10, 20], slowDays: [30, 60], longShort: [1] };

Deno.test("grid search records every trial: count = valid grid size x folds", () => {
  const bars = randomWalkBars(1000, 1);
  const r = optimizeWalkForward(bars, {
    strategy: "ma_crossover",
    grid: GRID,
    train: 300,
    test: 100,
    partitions: 8,
  });
  assert.equal(r.configs.length, 6);
  assert.equal(r.folds.length, 7);
  assert.equal(r.trials.length, 42);
  assert.equal(r.metrics.trialCount, 42);
  for (const f of r.folds) {
    const ts = r.trials.filter((t) => t.fold === f.index);
    assert.equal(ts.filter((t) => t.selected).length, 1);
    const best = Math.max(
      ...ts.map((
        t,
      ) => (Number.isFinite(t.trainSharpe) ? t.trainSharpe : -Infinity)),
    );
    assert.equal(ts.find((t) => t.selected)!.trainSharpe, best);
    assert.equal(ts[0].testReturns.length, 100);
  }
  assert.equal(r.trialReturns.rows, 700);
  assert.equal(r.trialReturns.cols, 6);
  assert.equal(r.oos.returns.length, 700);
  assert.equal(r.oos.dates[0], bars.dates[300]);
});

Deno.test("grid search with strategy defaults skips invalid combinations", () => {
  const s = getStrategy("ma_crossover");
  const valid = expandGrid(s.grid, (p) => s.valid(p));
  assert.ok(valid.length < expandGrid(s.grid).length);
  assert.ok(valid.every((p) => p.fastDays < p.slowDays));
});

Deno.test("random search is seeded and draws distinct configurations", () => {
  const s = getStrategy("zscore");
  const a = sampleGrid(s.grid, { n: 5, seed: 3, valid: s.valid });
  assert.deepEqual(a, sampleGrid(s.grid, { n: 5, seed: 3, valid: s.valid }));
  assert.notDeepEqual(a, sampleGrid(s.grid, { n: 5, seed: 4, valid: s.valid }));
  assert.equal(new Set(a.map((p) => JSON.stringify(p))).size, 5);
  const bars = randomWalkBars(800, 2);
  const r1 = optimizeWalkForward(bars, {
    strategy: "zscore",
    random: { n: 5, seed: 3 },
    train: 300,
    test: 100,
    partitions: 4,
  });
  const r2 = optimizeWalkForward(bars, {
    strategy: "zscore",
    random: { n: 5, seed: 3 },
    train: 300,
    test: 100,
    partitions: 4,
  });
  assert.equal(r1.trials.length, 5 * 5);
  assert.deepEqual(r1.oos.returns, r2.oos.returns);
});

Deno.test("the selection of a fold depends only on its training rows", () => {
  const bars = randomWalkBars(1000, 5);
  const opts = {
    strategy: "ma_crossover",
    grid: GRID,
    train: 300,
    test: 100,
    partitions: 4,
  } as const;
  const base = optimizeWalkForward(bars, opts);
  const cut = 300 + 2 * 100; // fold 2 trains on rows 200..499
  const close = bars.close.map((
    v,
    i,
  ) => (i >= cut ? v * (1 + 0.3 * Math.sin(i)) : v));
  const other = optimizeWalkForward({ ...bars, close }, opts);
  for (const i of [0, 1, 2]) {
    assert.equal(other.folds[i].configId, base.folds[i].configId);
    assert.equal(other.folds[i].trainSharpe, base.folds[i].trainSharpe);
  }
});

Deno.test("with one configuration the OOS returns are that configuration's returns", () => {
  const bars = randomWalkBars(700, 6);
  const grid = { fastDays: [10], slowDays: [50], longShort: [1] };
  const r = optimizeWalkForward(bars, {
    strategy: "ma_crossover",
    grid,
    train: 200,
    test: 100,
    costBps: 5,
    partitions: 4,
  });
  const w = getStrategy("ma_crossover").weights([bars], {
    fastDays: 10,
    slowDays: 50,
    longShort: 1,
  });
  const full = strategyReturns([bars], w, { costBps: 5 });
  assert.deepEqual(r.oos.returns, full.slice(200, 700));
  assert.deepEqual(r.oos.positions[0], w[0].slice(200, 700));
});

Deno.test("backtestWeights() earned returns book close-to-close P&L and costs per unit turnover", () => {
  const a = barsFromClose(Float64Array.from([100, 101, 99.99, 99.99]), "A");
  const b = barsFromClose(Float64Array.from([50, 49, 49, 50]), "B");
  const r = strategyReturns([a, b], [
    Float64Array.from([0.5, 0.5, 0, 0]),
    Float64Array.from([-0.5, -0.5, 0, 0]),
  ], {
    costBps: 10,
  });
  assert.ok(Math.abs(r[0] - -0.001) < 1e-15);
  assert.ok(Math.abs(r[1] - (0.5 * 0.01 + 0.5 * 0.02)) < 1e-15);
  assert.ok(Math.abs(r[2] - (0.5 * (99.99 / 101 - 1) - 0.001)) < 1e-15);
  assert.equal(r[3], 0);
  assert.throws(() => strategyReturns([a], []), /one target column per asset/);
});

Deno.test("alignBars() keeps common dates only", () => {
  const a = randomWalkBars(10, 1, "A");
  const b = { ...randomWalkBars(10, 2, "B") };
  const [x, y] = alignBars([a, {
    ...b,
    dates: b.dates.map((d, i) => (i === 3 ? "1999-01-01" : d)),
  }]);
  assert.equal(x.dates.length, 9);
  assert.deepEqual(x.dates, y.dates);
});

Deno.test("adversarial control: optimisation on zero-edge random walks shows no significant edge", () => {
  const grid = {
    fastDays: [5, 10, 20, 50],
    slowDays: [30, 60, 100, 150],
    longShort: [1],
  };
  let pboSum = 0, degradation = 0;
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  for (const seed of seeds) {
    const r = optimizeWalkForward(randomWalkBars(1500, seed), {
      strategy: "ma_crossover",
      grid,
      train: 504,
      test: 126,
      costBps: 1,
      partitions: 8,
    });
    assert.ok(
      r.dsr.dsr < 0.95,
      `seed ${seed}: DSR ${r.dsr.dsr} looks significant`,
    );
    pboSum += r.pbo.pbo;
    degradation += r.degradation.difference;
  }
  const meanPbo = pboSum / seeds.length;
  // no edge: the in-sample winner is a coin flip out of sample (PBO near 0.5)
  assert.ok(meanPbo > 0.25 && meanPbo < 0.75, `mean PBO ${meanPbo}`);
  assert.ok(
    degradation / seeds.length < 0,
    "OOS Sharpe should fall short of IS Sharpe",
  );
});

Deno.test("pairs optimisation runs on a simulated cointegrated pair and makes money out of sample", () => {
  const { a, b } = cointegratedPair(1200, 21, 1.2, 0.85);
  const bars = [barsFromClose(a, "A"), barsFromClose(b, "B")];
  const r = optimizeWalkForward(bars, {
    strategy: "pairs",
    train: 504,
    test: 126,
    costBps: 1,
    partitions: 8,
  });
  assert.equal(r.trials.length, r.configs.length * r.folds.length);
  assert.equal(r.oos.positions.length, 2);
  assert.ok(r.metrics.oosSharpe > 1, `OOS Sharpe ${r.metrics.oosSharpe}`);
});

Deno.test("optimizeWalkForward() fails loudly when no fold fits", () => {
  assert.throws(
    () =>
      optimizeWalkForward(randomWalkBars(100, 1), {
        strategy: "rsi",
        train: 504,
        test: 126,
      }),
    /No walk-forward fold fits/,
  );
});

Deno.test("optimizeWalkForward() rejects symbols on different date indexes", () => {
  const a = randomWalkBars(800, 1, "A");
  const b = randomWalkBars(700, 2, "B");
  assert.throws(
    () =>
      optimizeWalkForward([a, b], { strategy: "pairs", train: 300, test: 100 }),
    /share one date index.*alignBars/,
  );
});

Deno.test("positive control: a real edge (autocorrelated returns) is found, deflated-significant, with low PBO", () => {
  const grid = {
    lookbackDays: [1, 2, 5, 10, 21, 63],
    skipDays: [0],
    longShort: [1],
  };
  for (const seed of [1, 2, 3]) {
    const z = createNormal(createRng(seed));
    const close = new Float64Array(1500);
    let p = 100, r = 0;
    for (let i = 0; i < close.length; i++) {
      r = 0.3 * r + 0.01 * z();
      if (i) p *= 1 + r;
      close[i] = p;
    }
    const res = optimizeWalkForward(barsFromClose(close), {
      strategy: "momentum",
      grid,
      train: 504,
      test: 126,
      costBps: 1,
      partitions: 8,
    });
    assert.ok(
      res.metrics.oosSharpe > 2,
      `seed ${seed}: OOS Sharpe ${res.metrics.oosSharpe}`,
    );
    assert.ok(res.dsr.dsr > 0.95, `seed ${seed}: DSR ${res.dsr.dsr}`);
    assert.ok(res.pbo.pbo < 0.25, `seed ${seed}: PBO ${res.pbo.pbo}`);
  }
});

Deno.test("componentReturns() feeds runEnsembleWalkForward and contributions add up", () => {
  const bars = randomWalkBars(900, 9);
  const c = componentReturns([bars], [
    { strategy: "ma_crossover" },
    { strategy: "zscore" },
    { strategy: "rsi", name: "rsi14" },
  ], { costBps: 1 });
  assert.deepEqual(c.names, ["ma_crossover", "zscore", "rsi14"]);
  const w = getStrategy("zscore").weights(
    [bars],
    getStrategy("zscore").defaults,
  );
  assert.deepEqual(c.returns[1], strategyReturns([bars], w, { costBps: 1 }));
  const e = runEnsembleWalkForward(c.returns, bars.dates, {
    train: 300,
    test: 200,
    method: "inverse_vol",
    names: c.names,
  });
  const sum = e.contributions.reduce((a, x) => a + x.pnl, 0);
  assert.ok(Math.abs(sum - e.metrics.totalPnl) < 1e-12);
  assert.throws(
    () =>
      componentReturns([bars], [{
        strategy: "ma_crossover",
        params: { fastDays: 9, slowDays: 5, longShort: 0 },
      }]),
    /Invalid parameters/,
  );
});

Deno.test("a search split into blocks of configurations combines to the whole search, bit for bit", () => {
  const bars = randomWalkBars(900, 7);
  const { a, b } = cointegratedPair(700, 3);
  const pair = [barsFromClose(a, "A"), barsFromClose(b, "B")];
  const cases = [
    {
      bars: bars as Bars | readonly Bars[],
      options: {
        strategy: "ma_crossover",
        grid: {
          fastDays: [3, 5, 10, 20],
          slowDays: [30, 60, 90],
          longShort: [0, 1],
        },
        train: 250,
        test: 80,
        stride: 60,
        costBps: 5,
        partitions: 6,
      },
    },
    {
      bars: bars as Bars | readonly Bars[],
      options: {
        strategy: "rsi",
        random: { n: 9, seed: 4 },
        train: 300,
        test: 100,
        partitions: 4,
      },
    },
    {
      bars: pair as readonly Bars[],
      options: { strategy: "pairs", train: 250, test: 100, partitions: 4 },
    },
  ];
  for (const { bars: b, options } of cases) {
    const whole = optimizeWalkForward(b, options);
    const n = searchConfigs(options).length;
    assert.equal(n, whole.configs.length);
    for (const size of [1, 2, 5, n - 1]) {
      if (size < 1) continue;
      const blocks = [];
      for (let from = 0; from < n; from += size) {
        blocks.push(
          evaluateConfigBlock(b, options, from, Math.min(n, from + size)),
        );
      }
      // any order: the coordinator combines blocks as they arrive
      const split = combineConfigBlocks(b, options, blocks.reverse());
      assert.deepEqual(split, whole, `${options.strategy}, ${size} a block`);
    }
  }
  assert.throws(
    () =>
      combineConfigBlocks(bars, cases[0].options, [
        evaluateConfigBlock(bars, cases[0].options, 0, 3),
      ]),
    /cover 3 of 24 configurations/,
  );
});
