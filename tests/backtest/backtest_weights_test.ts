import assert from "node:assert/strict";
import {
  backtestWeights,
  type BarGroup,
  runBacktest,
  runExecutionBacktest,
} from "../../lib/backtest/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

function randomPanel(n: number, m: number, seed: number) {
  const z = createNormal(createRng(seed));
  const close = Array.from({ length: m }, () => new Float64Array(n));
  const open = Array.from({ length: m }, () => new Float64Array(n));
  for (let i = 0; i < m; i++) {
    let p = 100;
    for (let t = 0; t < n; t++) {
      open[i][t] = p * Math.exp(0.005 * z());
      close[i][t] = p = open[i][t] * Math.exp(0.01 * z());
    }
  }
  const w = Array.from(
    { length: m },
    () => Float64Array.from({ length: n }, () => Math.round(z() * 4) / 8),
  );
  return { close, open, w };
}

const near = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

Deno.test("backtestWeights() on one column is runBacktest bit for bit, whatever the input form", () => {
  const { close, w } = randomPanel(300, 1, 1);
  const ref = runBacktest({ close: close[0] }, w[0], { costBps: 3 });
  const fwd = Float64Array.from(close[0], (c, t) => close[0][t + 1] / c - 1);
  const rows = Float64Array.from(close[0], (c, t) => c / close[0][t - 1] - 1);
  for (
    const input of [
      { close },
      { forwardReturns: [fwd] },
      { returns: { data: rows, rows: 300, cols: 1 } },
    ]
  ) {
    const r = backtestWeights(input, w, { costBps: 3 });
    assert.deepEqual(r.net, ref.netReturns);
    assert.deepEqual(r.costs, ref.costs);
    assert.deepEqual(r.turnover, ref.turnover);
  }
});

Deno.test("backtestWeights() earned returns: each bar's return net of the fill at its close", () => {
  const close = [new Float64Array([100, 110, 99, 99])];
  const w = [new Float64Array([1, -1, 0, 0.5])];
  const r = backtestWeights({ close }, w, { costBps: 10 });
  // bar 0: entry cost; bar 1: +10% long, reversal costs 2 x 10 bps; bar 2: short -10%
  // earns +10%, exit cost; bar 3: flat, entry cost of the half position
  [-0.001, 0.1 - 0.002, 0.1 - 0.001, -0.0005].forEach((x, t) =>
    near(r.earned[t], x)
  );
});

Deno.test("backtestWeights() fills at the open: the old book earns the night, the new one the day, costs on the open's equity", () => {
  const close = [new Float64Array([100, 110, 121])];
  const open = [new Float64Array([100, 105, 121])];
  const r = backtestWeights({ close, open }, [new Float64Array([1, 1, 1])], {
    costBps: 10,
    fill: "open",
  });
  // decided at close 0, filled at open 1 (105): night earned flat, day 105 -> 110
  near(r.net[0], (1 + 0) * (1 + (110 / 105 - 1) - 0.001) - 1);
  near(r.gross[1], 121 / 110 - 1);
  assert.equal(r.turnover[2], 0, "the last decision never fills");
  near(r.earned[1], r.net[0]);
  assert.throws(
    () => backtestWeights({ close }, [new Float64Array(3)], { fill: "open" }),
    /Fills at the open need open prices/,
  );
});

Deno.test("backtestWeights() drift: turnover against drifted weights; a NaN target holds", () => {
  const close = [
    new Float64Array([100, 200, 200]),
    new Float64Array([100, 100, 100]),
  ];
  const t = [
    new Float64Array([0.5, 0.5, NaN]),
    new Float64Array([0.5, 0.5, NaN]),
  ];
  const fixed = backtestWeights({ close }, t, { drift: false });
  const drift = backtestWeights({ close }, t, { drift: true });
  assert.equal(fixed.turnover[1], 0, "targets did not change");
  // after A doubles the book is 2/3 - 1/3: back to 1/2 - 1/2 costs 1/3
  near(drift.turnover[1], 1 / 3);
  assert.equal(drift.turnover[2], 0);
  near(drift.weights[0][2], 0.5);
});

Deno.test("backtestWeights() does not mutate its inputs and refuses misaligned columns", () => {
  const { close, w } = randomPanel(50, 2, 3);
  const c0 = close.map((c) => c.slice()), w0 = w.map((x) => x.slice());
  backtestWeights({ close }, w, { costBps: 1, drift: true });
  assert.deepEqual(close, c0);
  assert.deepEqual(w, w0);
  assert.throws(
    () => backtestWeights({ close }, [w[0]]),
    /one target column per asset/,
  );
  assert.throws(
    () => backtestWeights({ close: [close[0], close[1].subarray(1)] }, w),
    /one date index/,
  );
});

Deno.test("parity: the execution backtest in shares (fractional, fills at the close) equals the drifting weights kernel", () => {
  const { close, w } = randomPanel(250, 1, 7);
  const target = w[0].map((x) => Math.abs(x)); // long only
  const groups: BarGroup[] = Array.from(close[0], (c, t) => ({
    date: `d${1000 + t}`,
    bars: [{
      symbol: "A",
      date: `d${1000 + t}`,
      open: c,
      high: c,
      low: c,
      close: c,
      volume: 1,
    }],
  }));
  // Without costs the two agree to rounding; with costs to second order ((cost x
  // turnover)^2 a bar), because the weights kernel books costs as a return and does not
  // shrink the drifted weights by them.
  for (const [bps, tol] of [[0, 1e-10], [5, 1e-4]]) {
    const shares = runExecutionBacktest(
      groups,
      (d) => ({ A: target[Number(d.slice(1)) - 1000] }),
      {
        capital: 1,
        from: groups[0].date,
        to: groups[249].date,
        fill: "close",
        broker: { commissionBps: bps },
        sizing: { fraction: 1, fractionalShares: true, minTradeFraction: 0 },
      },
    );
    const weights = backtestWeights({ close }, [target], {
      costBps: bps,
      drift: true,
    });
    let eq = 1;
    for (let t = 0; t < 250; t++) {
      // equity at close t after its fill = prior equity x (1 + earned over bar t)
      eq *= 1 + weights.earned[t];
      near(shares.equity[t], eq, tol);
    }
  }
});
