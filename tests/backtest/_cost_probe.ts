/**
 * Prints one cost-sensitive figure of each domain as JSON, computed by the lib under the
 * root given as the first argument (the repository, or a patched copy of it):
 * `deno run -A --config ROOT/deno.json tests/backtest/_cost_probe.ts ROOT`.
 * Used by cost_convention_test.ts; not a test itself.
 *
 * @module
 */
const root = new URL(`${Deno.args[0].replace(/\/$/, "")}/lib/`, "file://");
const lib = (p: string) => import(new URL(p, root).href);
const backtest = await lib("backtest/mod.ts");
const data = await lib("data/mod.ts");
const paper = await lib("paper/mod.ts");
const store = await lib("store/mod.ts");
const risk = await lib("risk/mod.ts");
const portfolio = await lib("portfolio/mod.ts");
const optimize = await lib("optimize/mod.ts");

const sp500 = await data.readSampleBars("SP500");
const aapl = await data.readSampleBars("AAPL");

// backtest: a 20-day momentum sign on the S&P 500, 1 bp per unit of turnover
const c: Float64Array = sp500.close;
const p = c.map((v, t) => (t >= 20 && v > c[t - 20] ? 1 : -1));
const bt = backtest.runBacktest({ close: c }, p, { costBps: 1 });

// paper + reconcile: the example config (2 bps slippage, 1 bp commission)
const raw = JSON.parse(
  await Deno.readTextFile(
    new URL("../config/enhanced_paper_trading_config.json", root),
  ),
);
const config = paper.PaperConfigSchema.parse({
  ...raw,
  alerts: { ...raw.alerts, console: false },
});
const db = await data.openDb({ path: ":memory:" });
const journal = store.createPaperJournal(db);
const session = await paper.runPaper(journal, config, [sp500]);
const rec = await paper.reconcilePaper(journal, config, [sp500]);
await db.close();

// portfolio: equal weights on SP500 + AAPL, 5 bps of turnover
const { returns, dates } = risk.panelReturns(risk.pricePanel([sp500, aapl]));
const alloc = portfolio.walkForwardAllocation(returns, dates, {
  method: "riskparity",
  costBps: 5,
});

// optimize: the crossover grid, walk-forward, 1 bp
const opt = optimize.optimizeWalkForward(sp500, {
  strategy: "ma_crossover",
  train: 504,
  test: 126,
  costBps: 1,
});

await Deno.stdout.write(new TextEncoder().encode(
  JSON.stringify({
    backtest: bt.equity[bt.equity.length - 1],
    backtestCosts: bt.costs.reduce((a: number, x: number) => a + x, 0),
    paper: session.finalEquity,
    reconcile: rec.backtest.costs,
    portfolio: alloc.metrics.annualReturn,
    optimize: opt.metrics.oosTotalReturn,
  }) + "\n",
));
