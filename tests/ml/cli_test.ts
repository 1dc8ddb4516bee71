import assert from "node:assert/strict";
import { join } from "node:path";
import { main as train } from "../../lib/cli/train.ts";
import { main as dashboard } from "../../lib/cli/persistence_dashboard.ts";
import { main as analysis } from "../../lib/cli/ml_analysis.ts";
import { openDb, readSampleBars } from "../../lib/data/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

/** Feature rows of the W1 set: every bar after the 199-bar SMA200 warm-up, minus the last (no label). */
async function featureRows(from = "0000"): Promise<number> {
  return (await readSampleBars("SP500")).dates.filter((d) => d >= from).length -
    199 - 1;
}

Deno.test("train persists a run, warm-starts the next from it, and the dashboard exports both", async () => {
  const { dir, db } = await tempStore();
  try {
    const args = [
      "--symbol",
      "SP500",
      "--enable-persistence",
      "--enable-warm-start",
      "--null-repeats",
      "1",
      "--db",
      db,
      "--json",
    ];
    const first = await capture(train, args);
    assert.equal(first.code, 0, first.stderr);
    const [a] = JSON.parse(first.stdout).runs;
    const rows = await featureRows();
    assert.equal(a.rows, rows);
    // rolling folds of 756 train + 1 gap + 126 test, stride 126
    assert.equal(a.folds, Math.floor((rows - 883) / 126) + 1);
    assert.equal(a.persisted, true);
    assert.deepEqual(a.warmStartFrom, []);
    assert.equal(a.stablePass, a.stableShare > 0.7);
    const second = await capture(train, args);
    assert.equal(second.code, 0, second.stderr);
    const [b] = JSON.parse(second.stdout).runs;
    assert.deepEqual(b.warmStartFrom, [a.runId]);
    const conn = await openDb(db);
    let fiRows: number;
    try {
      const runs = await conn.query<
        { run_id: string; warm_start_from: string | null }
      >(
        "SELECT run_id, warm_start_from FROM ml_runs ORDER BY started_at",
      );
      assert.deepEqual(runs.map((r) => r.warm_start_from), [null, a.runId]);
      const [fi] = await conn.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM feature_importance",
      );
      fiRows = fi.n;
      assert.ok(fiRows >= 2 * a.folds * 12, `${fiRows}`);
    } finally {
      await conn.close();
    }
    const out = join(dir, "reports", "dash.html");
    const d = await capture(dashboard, ["--db", db, "--out", out, "--json"]);
    assert.equal(d.code, 0, d.stderr);
    const o = JSON.parse(d.stdout);
    assert.equal(o.runs, 2);
    assert.equal(o.featureImportanceCsv.rows, fiRows);
    const html = await Deno.readTextFile(out);
    assert.ok(
      html.includes(a.runId.slice(0, 10)) || html.includes("SP500 / ridge"),
    );
    assert.ok(html.includes("<svg"));
    const csv =
      (await Deno.readTextFile(join(dir, "reports", "feature_importance.csv")))
        .trim().split("\n");
    assert.equal(csv.length, fiRows + 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train prints a summary with the stable-feature headline; bad flags exit 2 naming them", async () => {
  const text = await capture(train, [
    "--symbol",
    "SP500",
    "--start-date",
    "2012-01-01",
    "--train-len",
    "504",
    "--test-len",
    "126",
    "--model",
    "lasso",
    "--null-repeats",
    "0",
    "--db",
    ":memory:",
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^SP500 lasso: run train-/);
  assert.match(
    text.stdout,
    /stable features: [\d.]+% vs target > 70\.0%: (PASS|FAIL)/,
  );
  const model = await capture(train, ["--model", "svm"]);
  assert.equal(model.code, 2);
  assert.match(model.stderr, /flag --model\b/);
  const opts = await capture(train, ["--model-options", "{lambda"]);
  assert.equal(opts.code, 2);
  assert.match(opts.stderr, /flag --model-options: expected a JSON object/);
  const len = await capture(train, ["--train-len", "10"]);
  assert.equal(len.code, 2);
  assert.match(len.stderr, /flag --train-len\b/);
});

Deno.test("train explains too little data (exit 1)", async () => {
  const r = await capture(train, [
    "--symbol",
    "SP500",
    "--start-date",
    "2019-01-01",
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 1);
  const rows = Math.max(0, await featureRows("2019-01-01"));
  assert.match(
    r.stderr,
    new RegExp(
      `^Too little data for one fold of SP500: need 883 feature rows \\(train 756 \\+ gap 1 \\+ test 126\\), got ${rows} from`,
    ),
  );
});

Deno.test("ml-analysis ranks 8 configurations on the same folds with the DSR for N = 8", async () => {
  const r = await capture(analysis, [
    "--start-date",
    "2010-01-01",
    "--train-len",
    "504",
    "--test-len",
    "252",
    "--db",
    ":memory:",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  const rows = await featureRows("2010-01-01");
  assert.equal(o.rows, rows);
  assert.equal(o.configurations, 8);
  // rolling folds of 504 train + 1 gap + 252 test, stride 252
  for (const x of o.ranking) {
    assert.equal(x.folds, Math.floor((rows - 504 - 1 - 252) / 252) + 1);
    assert.equal(x.n, x.folds * 252);
  }
  assert.deepEqual(o.ranking.map((x: { rank: number }) => x.rank), [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
  ]);
  for (let i = 1; i < 8; i++) {
    assert.ok(!(o.ranking[i].sharpe > o.ranking[i - 1].sharpe));
  }
  assert.equal(o.best.deflatedSharpe.trials, 8);
  assert.ok(o.best.deflatedSharpe.dsr >= 0 && o.best.deflatedSharpe.dsr <= 1);
  const bad = await capture(analysis, ["--test-len", "x"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /flag --test-len: expected a whole number at least 5, got "x"/,
  );
});
