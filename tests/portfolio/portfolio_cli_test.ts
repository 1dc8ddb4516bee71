import assert from "node:assert/strict";
import { main } from "../../lib/cli/portfolio.ts";
import { openDb, readSampleBars } from "../../lib/data/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

/** Daily-rebalanced 50/50 SP500/AAPL returns on the common dates, keyed by date. */
async function equalWeightReturns(): Promise<Map<string, number>> {
  const [a, b] = [await readSampleBars("SP500"), await readSampleBars("AAPL")];
  const ib = new Map(b.dates.map((d, i) => [d, i]));
  const common = a.dates.map((d, i) => [i, ib.get(d)] as const).filter((
    [, j],
  ) => j !== undefined) as [number, number][];
  const out = new Map<string, number>();
  for (let k = 1; k < common.length; k++) {
    const [i, j] = common[k], [pi, pj] = common[k - 1];
    const r = 0.5 * (a.close[i] / a.close[pi] - 1) +
      0.5 * (b.close[j] / b.close[pj] - 1);
    out.set(a.dates[i], r);
  }
  return out;
}

Deno.test("portfolio --json: a daily-rebalanced equal-weight book without costs has the Sharpe of the 50/50 returns", async () => {
  const r = await capture(main, [
    "--symbols",
    "SP500,AAPL",
    "--method",
    "equal",
    "--rebalance",
    "1",
    "--cost-bps",
    "0",
    "--db",
    ":memory:",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.deepEqual(o.symbols, ["SP500", "AAPL"]);
  const all = await equalWeightReturns();
  const days = [...all.keys()].filter((d) =>
    d >= o.oos.start && d <= o.oos.end
  );
  assert.equal(o.oos.end, "2018-05-11");
  assert.equal(days.length, o.oos.days);
  const x = days.map((d) => all.get(d)!);
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  const sd = Math.sqrt(
    x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1),
  );
  const [eq] = o.results;
  assert.equal(eq.method, "equal");
  assert.ok(
    Math.abs(eq.sharpe - (m / sd) * Math.sqrt(252)) < 1e-9,
    `${eq.sharpe}`,
  );
  assert.deepEqual(eq.finalWeights, [0.5, 0.5]);
});

Deno.test("portfolio walks every method forward and stores one portfolio_runs row each", async () => {
  const { dir, db } = await tempStore();
  try {
    const r = await capture(main, ["--db", db, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.deepEqual(o.results.map((x: { method: string }) => x.method), [
      "equal",
      "minvar",
      "maxsharpe",
      "riskparity",
      "hrp",
    ]);
    for (const x of o.results) {
      const s = x.finalWeights.reduce((a: number, v: number) => a + v, 0);
      assert.ok(Math.abs(s - 1) < 1e-9, `${x.method} weights sum ${s}`);
      assert.ok(x.maxDrawdown < 0 && Number.isFinite(x.sharpe));
    }
    const conn = await openDb(db);
    try {
      const rows = await conn.query<{ n: number }>(
        "SELECT count(*) AS n FROM portfolio_runs WHERE run_id = $id",
        { id: o.runId },
      );
      assert.equal(Number(rows[0].n), 5);
    } finally {
      await conn.close();
    }
    const text = await capture(main, ["--method", "hrp", "--db", db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^method\s+ann\.ret\s+ann\.vol\s+Sharpe/m);
    assert.match(text.stdout, /^hrp\s+-?\d/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("portfolio --synthetic runs on a seeded basket, identically twice", async () => {
  const args = [
    "--synthetic",
    "5",
    "--days",
    "800",
    "--method",
    "riskparity",
    "--db",
    ":memory:",
    "--json",
  ];
  const a = await capture(main, args), b = await capture(main, args);
  assert.equal(a.code, 0, a.stderr);
  const [oa, ob] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
  assert.equal(oa.symbols.length, 5);
  assert.deepEqual(oa.results, ob.results);
});

Deno.test("portfolio names bad flags (exit 2) and explains too little data (exit 1)", async () => {
  const bad = await capture(main, ["--method", "foo"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /flag --method\b/);
  const lb = await capture(main, ["--lookback", "ten"]);
  assert.equal(lb.code, 2);
  assert.match(
    lb.stderr,
    /flag --lookback: expected a whole number at least 20, got/,
  );
  const mw = await capture(main, ["--max-weight", "2"]);
  assert.equal(mw.code, 2);
  assert.match(mw.stderr, /flag --max-weight\b/);
  const short = await capture(main, ["--lookback", "5000", "--db", ":memory:"]);
  assert.equal(short.code, 1);
  assert.match(
    short.stderr,
    /Too little data: SP500,AAPL share \d+ daily returns; --lookback 5000/,
  );
});
