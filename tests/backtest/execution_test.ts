import assert from "node:assert/strict";
import {
  type BarGroup,
  createExecutionState,
  type ExecutionOptions,
  runExecutionBacktest,
  simEquity,
  stepExecution,
} from "../../lib/backtest/mod.ts";
import { parseRiskLimits, type RiskLimits } from "../../lib/risk/mod.ts";

/** One symbol's bars from [date, open, close] rows. */
function groups(rows: [string, number, number][], symbol = "A"): BarGroup[] {
  return rows.map(([date, open, close]) => ({
    date,
    bars: [{
      symbol,
      date,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: 1,
    }],
  }));
}

const LIMITS = parseRiskLimits({ maxDrawdown: 0.9, dailyLossLimit: 0.9 }, "t");

function options(over: Partial<ExecutionOptions> = {}): ExecutionOptions {
  return {
    orderPrefix: "t",
    fill: "open",
    broker: {},
    sizing: { fraction: 1, fractionalShares: true, minTradeFraction: 0 },
    limits: LIMITS,
    ...over,
  };
}

/** Exposure of the book marked at `price` (one symbol), as a fraction of equity. */
function exposureAt(
  state: ReturnType<typeof createExecutionState>,
  price: number,
) {
  const p = state.broker.positions.A;
  const q = p ? p.quantity : 0;
  return Math.abs(q * price) / (state.broker.cash + q * price);
}

Deno.test("a gap at the open would overspend: the order is clipped at its fill price and the clip journaled", () => {
  const st = createExecutionState(10_050);
  const [d1, d2] = groups([["d1", 100, 100], ["d2", 120, 121]]);
  const o = options();
  stepExecution(
    st,
    { date: d1.date, bars: d1.bars, decide: () => ({ A: 1 }) },
    o,
  );
  const s2 = stepExecution(st, {
    date: d2.date,
    bars: d2.bars,
    decide: () => ({ A: 1 }),
  }, o);
  // Sized at the close of d1 (100.5 shares at 100), filled at 120: only 83.75 fit.
  assert.equal(s2.fills.length, 1);
  assert.ok(Math.abs(s2.fills[0].quantity - 10_050 / 120) < 1e-9);
  assert.ok(st.broker.cash >= -1e-9, `cash ${st.broker.cash}`);
  assert.ok(exposureAt(st, 120) <= 1 + 1e-9);
  assert.ok(
    exposureAt(st, 121) <= 1 + 1e-9,
    "cash >= 0 keeps a long book <= 1",
  );
  const clip = s2.events.find((e) => e.kind === "risk_clip");
  assert.ok(clip, "the clip is journaled");
  assert.deepEqual(
    (({ stage, action, requested }) => ({ stage, action, requested }))(
      clip.detail as { stage: string; action: string; requested: number },
    ),
    { stage: "fill", action: "CLIP", requested: 100.5 },
  );
  assert.deepEqual(
    s2.decisions.filter((d) => d.stage === "fill").map((d) => d.action),
    ["CLIP"],
  );
});

Deno.test("big slippage and commission cannot push a long book past gross 1 (whole and fractional shares)", () => {
  for (const fractionalShares of [true, false]) {
    for (const slippageBps of [0, 50, 500]) {
      const st = createExecutionState(10_000);
      const o = options({
        broker: { slippageBps, commissionBps: 10, commissionMin: 5 },
        sizing: { fraction: 1, fractionalShares, minTradeFraction: 0 },
      });
      const gs = groups([
        ["d1", 100, 100],
        ["d2", 101, 103],
        ["d3", 110, 108],
        ["d4", 95, 99],
        ["d5", 104, 104],
      ]);
      for (const g of gs) {
        stepExecution(st, { ...g, decide: () => ({ A: 1 }) }, o);
        const close = g.bars[0].close;
        assert.ok(
          exposureAt(st, close) <= 1 + 1e-9,
          `slippage ${slippageBps}, whole ${!fractionalShares}, ${g.date}: ${
            exposureAt(st, close)
          }`,
        );
        assert.ok(st.broker.cash >= -1e-9);
      }
    }
  }
});

Deno.test("a limit below 1 holds at the fill price whatever the gap, with the rule that bound", () => {
  for (const gap of [0.7, 1, 1.3]) {
    const limits = parseRiskLimits({
      maxDrawdown: 0.9,
      dailyLossLimit: 0.9,
      maxGrossExposure: 0.5,
      maxPositionWeight: 0.5,
    }, "t");
    const st = createExecutionState(1_000);
    const o = options({ limits, broker: { slippageBps: 20 } });
    const [d1, d2] = groups([["d1", 100, 100], ["d2", 100 * gap, 100]]);
    stepExecution(st, { ...d1, decide: () => ({ A: 0.5 }) }, o);
    const s = stepExecution(st, { ...d2, decide: () => ({ A: 0.5 }) }, o);
    const fill = s.fills[0];
    const w = (st.broker.positions.A.quantity * fill.price) /
      (st.broker.cash + st.broker.positions.A.quantity * fill.price);
    assert.ok(w <= 0.5 + 1e-9, `gap ${gap}: weight at the fill ${w}`);
    const d = s.decisions.find((x) => x.stage === "fill")!;
    assert.equal(d.action, gap > 0.99 ? "CLIP" : "ALLOW");
    if (d.action === "CLIP") assert.equal(d.rule, "max-position");
  }
});

Deno.test("a commission larger than the cash left denies the order at the fill and cancels it", () => {
  const st = createExecutionState(1_000);
  const o = options({ broker: { commissionMin: 2_000 } });
  const [d1, d2] = groups([["d1", 100, 100], ["d2", 100, 100]]);
  stepExecution(st, { ...d1, decide: () => ({ A: 1 }) }, o);
  const s = stepExecution(st, { ...d2, decide: () => ({ A: 0 }) }, o);
  assert.equal(s.fills.length, 0);
  assert.equal(st.broker.orders["t-d1-A"].status, "CANCELLED");
  assert.match(st.broker.orders["t-d1-A"].reason!, /^risk check at the fill: /);
  assert.equal(s.events[0].kind, "risk_deny");
  assert.equal(simEquity(st.broker), 1_000);
});

/** A one-symbol run at the open with fractional shares and a 1% minimum trade. */
function run(
  rows: [string, number, number][],
  targets: (date: string) => number,
  limits: RiskLimits,
) {
  return runExecutionBacktest(groups(rows), (d) => ({ A: targets(d) }), {
    capital: 10_000,
    from: rows[0][0],
    to: rows[rows.length - 1][0],
    fill: "open",
    broker: {},
    sizing: { fraction: 1, fractionalShares: true, minTradeFraction: 0.01 },
    limits,
  });
}

Deno.test("the daily loss limit flags the day (no new risk, reductions pass) and trading resumes the next day; it never halts", () => {
  const limits = parseRiskLimits(
    { maxDrawdown: 0.5, dailyLossLimit: 0.05 },
    "t",
  );
  const rows: [string, number, number][] = [
    ["d1", 100, 100],
    ["d2", 100, 100],
    ["d3", 100, 90], // -5% on the book (half invested): the limit is hit
    ["d4", 90, 91],
    ["d5", 91, 92],
  ];
  const orders = (r: ReturnType<typeof run>, d: string) =>
    r.decisions.filter((x) => x.date === d && x.stage === "order");
  // More on the loss day: denied; the next day: allowed.
  const more = run(rows, (d) => (d < "d3" ? 0.5 : 1), limits);
  assert.deepEqual(
    orders(more, "d3").map((x) => [x.action, x.rule, x.reason]),
    [["DENY", "daily-loss", "daily loss limit hit, no new risk today"]],
  );
  assert.deepEqual(orders(more, "d4").map((x) => x.action), ["ALLOW"]);
  assert.equal(more.state.guard.halted, false);
  assert.ok(more.decisions.every((x) => x.action !== "HALT"));
  assert.ok(more.state.guard.breaches.some((b) => b.rule === "daily-loss"));
  // Less on the loss day: a reduction always passes.
  const less = run(rows, (d) => (d < "d3" ? 0.5 : 0.2), limits);
  assert.deepEqual(
    orders(less, "d3").map((x) => [x.action, x.rule]),
    [["ALLOW", "reduces-exposure"]],
  );
});

Deno.test("the drawdown limit halts once (HALT decision), flattens at the next open, and nothing trades after", () => {
  const limits = parseRiskLimits({ maxDrawdown: 0.1, dailyLossLimit: 1 }, "t");
  const r = run(
    [
      ["d1", 100, 100],
      ["d2", 100, 95],
      ["d3", 95, 88], // 12% below the peak: halt
      ["d4", 87, 90],
      ["d5", 90, 95],
    ],
    () => 1,
    limits,
  );
  const halts = r.decisions.filter((d) => d.action === "HALT");
  assert.deepEqual(halts.map((d) => [d.date, d.stage, d.rule]), [[
    "d3",
    "guard",
    "max-drawdown",
  ]]);
  assert.match(halts[0].reason, /^drawdown 12\.00% reached the 10\.00% limit$/);
  assert.equal(r.fills.at(-1)?.ts, "d4");
  assert.equal(r.fills.at(-1)?.side, "SELL");
  assert.equal(r.equity[3], r.equity[4], "flat after the flatten");
  assert.ok(r.decisions.every((d) => d.date <= "d3" || d.stage === "fill"));
});

Deno.test("fills at the close trade at the decision bar's close (market-on-close), with slippage", () => {
  const r = runExecutionBacktest(
    groups([["d1", 100, 100], ["d2", 104, 110]]),
    () => ({ A: 1 }),
    {
      capital: 1_000,
      from: "d1",
      to: "d2",
      fill: "close",
      broker: { slippageBps: 10 },
      sizing: { fraction: 1, fractionalShares: true, minTradeFraction: 0.5 },
    },
  );
  assert.equal(r.fills[0].ts, "d1");
  assert.ok(Math.abs(r.fills[0].price - 100.1) < 1e-12);
  assert.ok(Math.abs(r.equity[1] - (1_000 - 10 * 100.1 + 10 * 110)) < 1e-9);
});
