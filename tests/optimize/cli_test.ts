import assert from "node:assert/strict";
import { main } from "../../lib/cli/optimize.ts";
import { openDb, readSampleBars } from "../../lib/data/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

const ARGS = [
  "--symbol",
  "SP500",
  "--strategy",
  "ma_crossover",
  "--search",
  "random",
  "--trials",
  "4",
  "--seed",
  "7",
  "--start-date",
  "2010-01-01",
  "--train-len",
  "504",
  "--test-len",
  "252",
  "--partitions",
  "8",
  "--json",
];

Deno.test("optimize --json prints one JSON object, stores every trial, and reruns identically", async () => {
  const { dir, db } = await tempStore();
  try {
    const r = await capture(main, [...ARGS, "--db", db]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    // rolling folds over the bars from 2010-01-01: (n - 504 - 252) / 252 + 1 of them
    const sp = await readSampleBars("SP500");
    const n = sp.dates.filter((d) => d >= "2010-01-01").length;
    assert.equal(out.folds, Math.floor((n - 504 - 252) / 252) + 1);
    assert.equal(out.configs, 4);
    assert.equal(out.trials, 4 * out.folds);
    assert.equal(out.oos.start, sp.dates[sp.dates.indexOf("2010-01-04") + 504]);
    assert.equal(out.oos.rows, out.folds * 252);
    assert.ok(out.pbo.pbo >= 0 && out.pbo.pbo <= 1);
    assert.equal(out.pbo.splits, 70); // C(8, 4)
    // the benchmark: SP500 held over the same OOS days, Sharpe recomputed from the closes
    const b = sp.dates.indexOf(out.oos.start),
      e = sp.dates.indexOf(out.oos.end);
    const held = Array.from(
      { length: e - b + 1 },
      (_, k) => sp.close[b + k] / sp.close[b + k - 1] - 1,
    );
    const mu = held.reduce((a, v) => a + v, 0) / held.length;
    const sd = Math.sqrt(
      held.reduce((a, v) => a + (v - mu) ** 2, 0) / (held.length - 1),
    );
    const sel = out.selectionBias;
    assert.equal(sel.benchmark, "buy-and-hold SP500");
    assert.ok(
      Math.abs(sel.benchmarkSharpe - (mu / sd) * Math.sqrt(252)) < 1e-9,
    );
    assert.equal(sel.configurations, 4);
    assert.ok(sel.trialSharpeVariance > 0);
    assert.ok(sel.excessDsr >= 0 && sel.excessDsr <= 1);
    assert.match(
      sel.verdict,
      /^DSR \d\.\d{3} says the hindsight-best .*; PBO /,
    );
    const conn = await openDb(db);
    try {
      const [row] = await conn.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM optimize_trials WHERE run_id = $id",
        { id: out.runId },
      );
      assert.equal(row.n, out.trials);
      const picked = await conn.query<{ test_sharpe: number }>(
        "SELECT test_sharpe FROM optimize_trials WHERE run_id = $id AND selected ORDER BY fold",
        { id: out.runId },
      );
      assert.deepEqual(
        picked.map((p) => p.test_sharpe),
        out.selections.map((s: { testSharpe: number }) => s.testSharpe),
      );
      const [run] = await conn.query<
        { n_trials: number; pbo: number; dsr: number }
      >(
        "SELECT n_trials, pbo, dsr FROM optimize_runs WHERE run_id = $id",
        { id: out.runId },
      );
      assert.equal(run.n_trials, out.trials);
      assert.equal(run.pbo, out.pbo.pbo);
      assert.equal(run.dsr, out.selectionBias.dsr);
    } finally {
      await conn.close();
    }
    const again = JSON.parse(
      (await capture(main, [...ARGS, "--db", db])).stdout,
    );
    assert.deepEqual(again.metrics, out.metrics);
    assert.deepEqual(again.selections, out.selections);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("optimize prints the walk-forward result and, apart from it, the hindsight-best's DSR against zero and buy-and-hold with N, the trial variance and PBO", async () => {
  const r = await capture(main, [
    ...ARGS.filter((a) => a !== "--json"),
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^optimize ma_crossover on SP500 \(random\): 4 configs x \d+ folds/,
  );
  const lines = r.stdout.split("\n");
  const wf = lines.findIndex((l) => l.startsWith("walk-forward"));
  const sb = lines.findIndex((l) => l.startsWith("selection bias ("));
  assert.ok(wf >= 0 && sb > wf, r.stdout);
  assert.match(
    lines[sb],
    /hindsight-best configuration over the whole OOS span/,
  );
  // the walk-forward OOS Sharpe and the DSR never share a line
  for (const l of lines) {
    assert.ok(!(/OOS .*Sharpe/.test(l) && /DSR/.test(l)), l);
  }
  assert.match(r.stdout, /\bN\s+var\(trial Sharpe\)/);
  // the configuration reads as words; the table wraps whole columns to fit 100 characters
  assert.match(
    r.stdout,
    /hindsight-best\s+its Sharpe\s+E\[max\] of N\s+DSR vs 0\n/,
  );
  assert.match(r.stdout, /fastDays \d+, slowDays \d+, longShort \d/);
  assert.match(
    r.stdout,
    /benchmark\s+bench\. Sharpe\s+excess Sharpe\s+DSR vs bench\.\s+PBO/,
  );
  for (const l of r.stdout.split("\n")) assert.ok(l.length <= 100, l);
  assert.match(r.stdout, /buy-and-hold SP500/);
  assert.match(r.stdout, /PBO: CSCV, 8 partitions, 70 splits/);
  assert.match(r.stdout, /DSR \d\.\d{3} says the hindsight-best/);
  assert.doesNotMatch(r.stdout, /NaN|Infinity|undefined/);
});

Deno.test("optimize names bad flags (exit 2) and explains too little data (exit 1)", async () => {
  const s = await capture(main, ["--strategy", "magic", "--json"]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /flag --strategy\b/);
  assert.equal(s.stdout, "");
  const t = await capture(main, ["--train-len", "many"]);
  assert.equal(t.code, 2);
  assert.match(
    t.stderr,
    /flag --train-len: expected a whole number at least 20, got "many"/,
  );
  const p = await capture(main, ["--partitions", "7"]);
  assert.equal(p.code, 2);
  assert.match(
    p.stderr,
    /^Invalid flag --partitions: expected an even whole number at least 2, got 7$/,
  );
  const short = await capture(main, [
    "--start-date",
    "2020-01-01",
    "--db",
    ":memory:",
  ]);
  assert.equal(short.code, 1);
  const n =
    (await readSampleBars("SP500")).dates.filter((d) => d >= "2020-01-01")
      .length;
  assert.match(
    short.stderr,
    new RegExp(
      `^Too little data for one fold of SP500: need 630 bars \\(train 504 \\+ test 126\\), got ${n} \\(2020-01-02\\.\\.2020-04-17\\)`,
    ),
  );
});
