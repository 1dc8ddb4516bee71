import assert from "node:assert/strict";
import { runBacktest } from "../../lib/backtest/mod.ts";

const close = new Float64Array([100, 110, 99, 99, 108.9]);
const dates = ["d0", "d1", "d2", "d3", "d4"];
const near = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("runBacktest() charges costBps on every unit of turnover, long/short/flat", () => {
  const p = new Float64Array([1, -1, 0, 1, 1]);
  const r = runBacktest({ close }, p, { costBps: 10, dates });
  assert.deepEqual(Array.from(r.turnover), [1, 2, 1, 1, 0]);
  [0.001, 0.002, 0.001, 0.001, 0].forEach((c, i) => near(r.costs[i], c));
  // fwd = 0.1, -0.1, 0, 0.1, NaN (the last close has no next bar and earns 0)
  [0.1, 0.1, 0, 0.1, 0].forEach((g, i) => near(r.grossReturns[i], g));
  [0.099, 0.098, -0.001, 0.099, 0].forEach((x, i) => near(r.netReturns[i], x));
  near(r.equity[4], 1.099 * 1.098 * 0.999 * 1.099);
  assert.equal(r.exposure, 4 / 5);
  near(r.meanTurnover, 5 / 5);
  assert.equal(r.fill, "close");
});

Deno.test("runBacktest() writes an exact trade ledger with split reversal costs", () => {
  const p = new Float64Array([1, -1, 0, 1, 1]);
  const { trades, tradeStats } = runBacktest({ close }, p, {
    costBps: 10,
    dates,
  });
  assert.equal(trades.length, 3);
  const [a, b, c] = trades;
  assert.deepEqual(
    [a.direction, a.entryIndex, a.exitIndex, a.entryDate, a.exitDate],
    [1, 0, 1, "d0", "d1"],
  );
  near(a.pnl, 1.099 * 0.999 - 1); // entry cost, +10%, exit half of the reversal
  assert.equal(a.holdingDays, 1);
  assert.deepEqual([b.direction, b.entryIndex, b.exitIndex], [-1, 1, 2]);
  near(b.pnl, (1 + 0.1 - 0.001) * (1 - 0.001) - 1); // short through a -10% day
  assert.deepEqual(
    [c.direction, c.entryIndex, c.exitIndex, c.exitDate, c.closed],
    [1, 3, 5, "d4", false],
  );
  assert.equal(c.holdingDays, 2);
  near(c.pnl, 1.099 - 1);
  assert.equal(tradeStats.trades, 3);
  assert.equal(tradeStats.winRate, 1);
  assert.equal(tradeStats.profitFactor, Infinity);
  assert.ok(Number.isNaN(tradeStats.payoffRatio));
});

Deno.test("runBacktest() compounds resizes inside one trade", () => {
  const p = new Float64Array([0.5, 1, 1, 0, 0]);
  const r = runBacktest({ close }, p, { costBps: 10 });
  assert.equal(r.trades.length, 1);
  const t = r.trades[0];
  near(
    t.pnl,
    (1 + 0.05 - 0.0005) * (1 - 0.1 - 0.0005) * (1 + 0) * (1 - 0.001) - 1,
  );
  assert.deepEqual([t.entryIndex, t.exitIndex, t.closed], [0, 3, true]);
  // the ledger's compounded pnl equals the equity move over the trade's days
  near(t.pnl, r.equity[3] - 1);
  assert.ok(t.pnl < 0);
  assert.equal(r.tradeStats.winRate, 0);
  near(r.tradeStats.avgLoss, t.pnl);
});

Deno.test("runBacktest() mixes wins and losses into payoff ratio and profit factor", () => {
  const c = new Float64Array([100, 110, 121, 108.9, 108.9]);
  // long day0 (+10%), flat, short day2 (-10% move: +10%), long day3 (0)... use losers
  const p = new Float64Array([1, 0, -1, 0, 0]);
  const r = runBacktest({ close: c }, p);
  assert.equal(r.trades.length, 2);
  near(r.trades[0].pnl, 0.1);
  near(r.trades[1].pnl, 0.1);
  const l = runBacktest({ close: c }, new Float64Array([1, 0, 1, 0, 0]));
  near(l.trades[1].pnl, -0.1);
  near(l.tradeStats.payoffRatio, 1);
  near(l.tradeStats.profitFactor, 1);
  assert.equal(l.tradeStats.winRate, 0.5);
});

Deno.test("runBacktest() adds fixed, spread and volatility slippage to the cost", () => {
  const p = new Float64Array([1, -1, 0, 1, 1]);
  const fixed = runBacktest({ close }, p, {
    costBps: 1,
    slippage: { kind: "fixed", bps: 2 },
  });
  near(fixed.costs[1], 2 * 0.0003);
  const spread = new Float64Array([0.01, 0.02, 0.01, 0.04, 0.01]);
  const sp = runBacktest({ close }, p, {
    slippage: { kind: "spread", fraction: 0.5, spread },
  });
  [0.005, 0.02, 0.005, 0.02, 0].forEach((x, i) => near(sp.costs[i], x));
  const vol = runBacktest({ close }, p, {
    slippage: { kind: "volatility", multiplier: 1, windowDays: 2 },
  });
  // day 2: returns known at t are fwd[0], fwd[1] = 0.1, -0.1 -> sd = sqrt(0.02)
  assert.equal(vol.costs[0], 0);
  assert.equal(vol.costs[1], 0);
  near(vol.costs[2], Math.sqrt(0.02) * 1);
  near(vol.costs[3], Math.sqrt(0.005) * 1); // fwd[1], fwd[2] = -0.1, 0
});

Deno.test("runBacktest() takes forward returns directly and handles empty and single-day input", () => {
  const r = runBacktest(
    { forwardReturns: new Float64Array([0.01]) },
    new Float64Array([-1]),
    { costBps: 1 },
  );
  near(r.netReturns[0], -0.01 - 0.0001);
  assert.equal(r.trades.length, 1);
  assert.equal(r.trades[0].closed, false);
  const e = runBacktest({ close: new Float64Array(0) }, new Float64Array(0));
  assert.equal(e.equity.length, 0);
  assert.equal(e.trades.length, 0);
  assert.ok(Number.isNaN(e.exposure));
  assert.ok(Number.isNaN(e.tradeStats.winRate));
});

Deno.test("runBacktest() rejects mismatched lengths, non-finite positions and negative costs", () => {
  assert.throws(
    () => runBacktest({ close }, new Float64Array(3)),
    /5 days|3 positions/,
  );
  assert.throws(
    () => runBacktest({ close }, new Float64Array([1, NaN, 0, 0, 0])),
    /day 1/,
  );
  assert.throws(
    () => runBacktest({ close }, new Float64Array(5), { costBps: -1 }),
    /costBps/,
  );
});

Deno.test("runBacktest() does not mutate its inputs and is deterministic", () => {
  const c = close.slice(), p = new Float64Array([1, -1, 0, 1, 1]);
  const p2 = p.slice();
  const a = runBacktest({ close: c }, p, { costBps: 3 });
  const b = runBacktest({ close: c }, p, { costBps: 3 });
  assert.deepEqual(c, close);
  assert.deepEqual(p, p2);
  assert.deepEqual(a.netReturns, b.netReturns);
  assert.notEqual(a.positions, p);
});

Deno.test("runBacktest() result at t does not depend on prices after t+1", () => {
  const c = new Float64Array(50).map((_, i) => 100 + Math.sin(i) * 5 + i);
  const p = new Float64Array(50).map((_, i) => (i % 7 < 3 ? 1 : -1));
  const full = runBacktest({ close: c }, p, {
    costBps: 2,
    slippage: { kind: "volatility", multiplier: 0.1, windowDays: 5 },
  });
  const c2 = c.slice();
  for (let i = 31; i < 50; i++) c2[i] *= 1.5;
  const cut = runBacktest({ close: c2 }, p, {
    costBps: 2,
    slippage: { kind: "volatility", multiplier: 0.1, windowDays: 5 },
  });
  // day t earns close[t] -> close[t+1]; days up to 29 use closes <= 30 only
  assert.deepEqual(
    cut.netReturns.subarray(0, 30),
    full.netReturns.subarray(0, 30),
  );
});
