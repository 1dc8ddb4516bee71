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

Deno.test("train persists a run; a re-run gives the same numbers; --warm-start-from names the stored run a warm start reads, and the dashboard exports them", async () => {
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
    assert.equal(a.warmStartSource, "earlier folds of this run");
    // the same command on the same store: the same numbers (no silent warm start from
    // the run stored a moment ago)
    const again = await capture(train, args);
    assert.equal(again.code, 0, again.stderr);
    const [a2] = JSON.parse(again.stdout).runs;
    assert.notEqual(a2.runId, a.runId);
    const noTime = (o: Record<string, unknown>) => ({ ...o, fitMs: 0 });
    assert.deepEqual(noTime(a2.oos), noTime(a.oos));
    assert.deepEqual(noTime(a2.warmEffect.warm), noTime(a.warmEffect.warm));
    assert.deepEqual(noTime(a2.warmEffect.cold), noTime(a.warmEffect.cold));
    assert.equal(a2.stabilityVerdict, a.stabilityVerdict);
    assert.deepEqual(a2.warmStartFrom, []);
    // an explicit source: "latest" resolves to the newest stored run and is recorded
    const second = await capture(train, [
      ...args,
      "--warm-start-from",
      "latest",
    ]);
    assert.equal(second.code, 0, second.stderr);
    const [b] = JSON.parse(second.stdout).runs;
    assert.equal(b.warmStartSource, a2.runId);
    assert.deepEqual(b.warmStartFrom, [a2.runId]);
    const named = await capture(train, [...args, "--warm-start-from", a.runId]);
    assert.deepEqual(JSON.parse(named.stdout).runs[0].warmStartFrom, [a.runId]);
    const nope = await capture(train, [
      ...args,
      "--warm-start-from",
      "train-x",
    ]);
    assert.equal(nope.code, 1);
    assert.match(
      nope.stderr,
      /Cannot warm-start from run "train-x": the store holds these SP500\/ridge runs: /,
    );
    const conn = await openDb(db);
    let fiRows: number;
    try {
      const runs = await conn.query<
        { run_id: string; warm_start_from: string | null; config: string }
      >(
        "SELECT run_id, warm_start_from, config FROM ml_runs ORDER BY started_at",
      );
      assert.deepEqual(runs.map((r) => r.warm_start_from), [
        null,
        null,
        a2.runId,
        a.runId,
      ]);
      const cfg = JSON.parse(runs[2].config);
      assert.equal(cfg.warmStartFrom, a2.runId);
      assert.equal(cfg.warmStartRequested, "latest");
      const [fi] = await conn.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM feature_importance",
      );
      fiRows = fi.n;
      assert.ok(fiRows >= 4 * a.folds * 12, `${fiRows}`);
    } finally {
      await conn.close();
    }
    const out = join(dir, "reports", "dash.html");
    const d = await capture(dashboard, ["--db", db, "--out", out, "--json"]);
    assert.equal(d.code, 0, d.stderr);
    const o = JSON.parse(d.stdout);
    assert.equal(o.runs, 4);
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

Deno.test("train prints each stability figure against its null with the verdict, no fit timings; bad flags exit 2 naming them", async () => {
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
    "--enable-warm-start",
    "--db",
    ":memory:",
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^SP500 lasso: run train-/);
  assert.match(
    text.stdout,
    /rank IC -?\d\.\d{3} \(pooled over all test days\)/,
  );
  assert.match(
    text.stdout,
    /stable share\s+[\d.]+%\s+[\d.]+%\s+[\d.]+% to [\d.]+%/,
  );
  assert.match(text.stdout, /consecutive-fold Spearman\s+-?\d\.\d{3}/);
  assert.match(
    text.stdout,
    /verdict: The stable share [\d.]+% is (within|above|below) the null's 90% band/,
  );
  assert.match(
    text.stdout,
    /\(20\s+permuted-label\s+runs\s+on\s+the\s+same\s+folds\)/,
  );
  assert.match(text.stdout, /roadmap target > 70\.00% stable: (PASS|FAIL)/);
  assert.match(text.stdout, /warm vs cold on the same folds: rank IC/);
  assert.doesNotMatch(text.stdout, /fit \d+ vs \d+ ms|\bms\b/);
  assert.doesNotMatch(text.stdout, /NaN|Infinity|undefined/);
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
  // significance against holding the symbol over the same test rows, and PBO
  assert.equal(o.selectionBias.benchmark, "buy-and-hold SP500");
  assert.equal(o.selectionBias.bestIndex, 0);
  assert.equal(o.selectionBias.excess.trials, 8);
  assert.ok(o.selectionBias.pbo.pbo >= 0 && o.selectionBias.pbo.pbo <= 1);
  const bad = await capture(analysis, ["--test-len", "x"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /flag --test-len: expected a whole number at least 5, got "x"/,
  );
});
