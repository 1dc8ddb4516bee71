/**
 * `deno task strategies` in-process: stored rows equal the JSON, the equal-weight ensemble
 * and the plain momentum are recomputed independently from the bars, bad flags exit 2
 * naming the flag, and no fold looks at bars after its test window.
 */
import assert from "node:assert/strict";
import { main } from "../../lib/cli/strategies.ts";
import { runEnsembles, runRegimeVariants } from "../../lib/strategies/mod.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { loadBars, openDb, readSampleBars } from "../../lib/data/mod.ts";
import { sharpeRatio } from "../../lib/metrics/mod.ts";
import { getStrategy } from "../../lib/strategies/mod.ts";
import { scalePrices } from "./_fixtures.ts";

const COMPONENTS = ["ma_crossover", "momentum", "zscore", "rsi", "breakout"];

function capture() {
  const out: string[] = [], err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
  };
}

async function tempDb(): Promise<{ path: string; dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "strategies_cli_" });
  return { path: `${dir}/s.duckdb`, dir };
}

/** r_t = p_{t-1} (c_t / c_{t-1} - 1) - cost |p_t - p_{t-1}|, written out here on purpose. */
function netReturns(
  close: Float64Array,
  p: Float64Array,
  costBps: number,
): Float64Array {
  const out = new Float64Array(close.length);
  for (let t = 1; t < close.length; t++) {
    out[t] = p[t - 1] * (close[t] / close[t - 1] - 1) -
      costBps / 1e4 * Math.abs(p[t] - p[t - 1]);
  }
  return out;
}

function testRows(n: number, train: number, test: number): number[] {
  const rows: number[] = [];
  for (let s = train; s + test <= n; s += test) {
    for (let t = s; t < s + test; t++) rows.push(t);
  }
  return rows;
}

const close = (a: number, b: number, tol = 1e-12) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

Deno.test("strategies: stored rows equal the JSON and the figures recompute from the bars", async () => {
  const { path, dir } = await tempDb();
  try {
    const c = capture();
    const args = [
      "--db",
      path,
      "--start-date",
      "2008-01-01",
      "--train-len",
      "504",
      "--test-len",
      "126",
      "--cost-bps",
      "2",
      "--json",
    ];
    assert.equal(await main(args, c.io), 0, c.err.join("\n"));
    assert.equal(c.out.length, 1);
    const j = JSON.parse(c.out[0]);
    const db = await openDb(path);
    try {
      const runs = await db.query(
        "SELECT * EXCLUDE (created_at) FROM strategy_runs ORDER BY kind, name",
      );
      const comps = await db.query(
        "SELECT * EXCLUDE (created_at) FROM strategy_components ORDER BY method, component",
      );
      const byKey = (r: Record<string, unknown>) => `${r.kind}/${r.name}`;
      const sortRuns = [...j.runs].sort((a, b) => byKey(a) < byKey(b) ? -1 : 1);
      assert.equal(runs.length, 9);
      assert.deepEqual(runs.map((r) => ({ ...r })), sortRuns);
      const ck = (r: Record<string, unknown>) => `${r.method}/${r.component}`;
      assert.deepEqual(
        comps.map((r) => ({ ...r })),
        [...j.components].sort((a, b) => ck(a) < ck(b) ? -1 : 1),
      );
      assert.equal(comps.length, 20);

      // independent recomputation from the stored bars
      const bars = await loadBars(db, "SP500", { start: "2008-01-01" });
      const rows = testRows(bars.dates.length, 504, 126);
      const comp = COMPONENTS.map((name) => {
        const s = getStrategy(name);
        const r = netReturns(bars.close, s.weights([bars], s.defaults)[0], 2);
        return Float64Array.from(rows, (t) => r[t]);
      });
      const eq = Float64Array.from(
        rows,
        (_, i) => comp.reduce((s, c) => s + c[i], 0) / 5,
      );
      const equal = j.runs.find((r: { name: string }) => r.name === "equal");
      assert.ok(
        close(equal.sharpe, sharpeRatio(eq), 1e-10),
        `${equal.sharpe} vs ${sharpeRatio(eq)}`,
      );
      assert.equal(equal.days, rows.length);
      assert.equal(equal.oos_start, bars.dates[rows[0]]);
      assert.equal(equal.oos_end, bars.dates[rows.at(-1)!]);
      const mom = j.runs.find((r: { name: string }) => r.name === "momentum");
      assert.ok(close(mom.sharpe, sharpeRatio(comp[1]), 1e-10));
      assert.equal(mom.regime_transitions, null);
      for (const [i, name] of COMPONENTS.entries()) {
        const row = comps.find((r) =>
          r.method === "equal" && r.component === name
        )!;
        assert.ok(close(Number(row.oos_sharpe), sharpeRatio(comp[i]), 1e-10));
        assert.ok(close(Number(row.mean_weight), 0.2));
        const pnl = comp[i].reduce((s, v) => s + v / 5, 0);
        assert.ok(close(Number(row.pnl), pnl, 1e-10));
      }
      for (const m of ["equal", "inverse_vol", "sharpe", "stacked"]) {
        const share = comps.filter((r) => r.method === m)
          .reduce((s, r) => s + Number(r.share), 0);
        assert.ok(close(share, 1, 1e-9), `${m} shares sum to ${share}`);
      }
      for (
        const r of j.runs.filter((x: { kind: string; name: string }) =>
          x.kind === "regime" && x.name !== "momentum"
        )
      ) {
        assert.ok(r.regime_transitions > 0, `${r.name} has transitions`);
        assert.equal(JSON.parse(r.detail_json).folds.length, r.folds);
      }
      assert.equal(JSON.parse(equal.config_json).trainLen, 504);
    } finally {
      await db.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strategies: text output names every method and variant", async () => {
  const { path, dir } = await tempDb();
  try {
    const c = capture();
    assert.equal(
      await main([
        "--db",
        path,
        "--start-date",
        "2012-01-01",
        "--train-len",
        "504",
        "--test-len",
        "252",
      ], c.io),
      0,
      c.err.join("\n"),
    );
    const text = c.out.join("\n");
    for (
      const n of [
        "equal",
        "inverse_vol",
        "sharpe",
        "stacked",
        "momentum_vol_scaled",
        "momentum_hmm_switch",
      ]
    ) {
      assert.match(text, new RegExp(`\\b${n}\\b`));
    }
    assert.match(
      text,
      /stored 9 rows in strategy_runs, 20 in strategy_components/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strategies: bad flags exit 2 naming the flag; too little data exits 1", async () => {
  const cases: [string[], RegExp][] = [
    [["--train-len", "abc"], /train-len/],
    [["--test-len", "0"], /test-len/],
    [["--cost-bps", "-1"], /cost-bps/],
    [["--start-date", "2020/01/01"], /start-date/],
    [["--bogus"], /bogus/],
  ];
  for (const [args, re] of cases) {
    const c = capture();
    assert.equal(await main(args, c.io), 2, args.join(" "));
    assert.match(c.err.join("\n"), re);
  }
  const { path, dir } = await tempDb();
  try {
    const c = capture();
    assert.equal(
      await main(["--db", path, "--start-date", "2019-06-01"], c.io),
      1,
    );
    assert.match(c.err.join("\n"), /--train-len 756/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function perturbAfter(b: Bars, from: number): Bars {
  return scalePrices(b, (t) => t >= from ? 1 + 0.05 * Math.sin(t * 3.7) : 1);
}

Deno.test("strategies: perturbing bars after a fold's test end leaves that fold unchanged", async () => {
  const bars = await readSampleBars("SP500");
  const walk = { train: 504, test: 252, costBps: 1 };
  const base = runEnsembles(bars, walk);
  const k = 5, f = base.folds[k];
  const moved = perturbAfter(bars, f.testEnd);
  const e2 = runEnsembles(moved, walk);
  const upto = (k + 1) * walk.test; // OOS rows of folds 0..k
  const series = (e: typeof base, r: ReturnType<typeof runRegimeVariants>) => [
    ...e.outcomes.map((o) => o.oos.returns),
    ...r.map((o) => o.oos.returns),
  ];
  const a = series(base, runRegimeVariants(bars, base.folds, 1));
  const b = series(e2, runRegimeVariants(moved, e2.folds, 1));
  let laterChanged = 0;
  for (let s = 0; s < a.length; s++) {
    assert.deepEqual(
      a[s].subarray(0, upto),
      b[s].subarray(0, upto),
      `series ${s}`,
    );
    if (a[s].subarray(upto).some((v, i) => v !== b[s][upto + i])) {
      laterChanged++;
    }
  }
  assert.equal(
    laterChanged,
    a.length,
    "every series sees the perturbation after fold k",
  );
  for (let i = 0; i <= k; i++) {
    assert.deepEqual(
      base.outcomes[3].folds[i].weights,
      e2.outcomes[3].folds[i].weights,
    );
  }
});
