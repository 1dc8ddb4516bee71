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
      assert.equal(run.dsr, out.dsr.dsr);
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

Deno.test("optimize prints a text summary with DSR and PBO", async () => {
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
  assert.match(
    r.stdout,
    /Deflated Sharpe of the best config .* -> DSR \d\.\d{4}/,
  );
  assert.match(r.stdout, /PBO \(CSCV, 8 partitions, 70 splits\): \d\.\d{4}/);
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
