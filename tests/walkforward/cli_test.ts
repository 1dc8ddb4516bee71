import assert from "node:assert/strict";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { main as multiSymbol } from "../../lib/cli/multi_symbol.ts";
import {
  generateSynthetic,
  openDb,
  readSampleBars,
  upsertBars,
} from "../../lib/data/mod.ts";
import { runW1 } from "../../lib/walkforward/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

const W1_ARGS = [
  "--symbol",
  "SP500",
  "--start-date",
  "2000-01-01",
  "--end-date",
  "2020-04-17",
  "--train-len",
  "252",
  "--test-len",
  "63",
  "--stride",
  "63",
  "--perf-mode",
  "STRICT",
];

Deno.test("walkforward --json on the W1 config gives runW1's figures and stores the run", async () => {
  const { dir, db } = await tempStore();
  try {
    const r = await capture(walkforward, [...W1_ARGS, "--db", db, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    const w1 = runW1(await readSampleBars("SP500"));
    assert.equal(j.folds.length, 73);
    assert.equal(j.folds.length, w1.folds);
    assert.equal(j.oos.length, 4599);
    assert.equal(j.metrics.sharpe, w1.sharpe);
    assert.ok(Math.abs(j.metrics.sharpe - -0.0461277607903525) < 1e-12);
    assert.equal(j.metrics.totalReturn, w1.total_return);
    assert.equal(j.sanity.mode, "STRICT");
    assert.deepEqual([j.sanity.repairs, j.sanity.allowed], [[], []]);
    assert.equal(j.sanity.rows, 5105);
    assert.ok(j.timings.sanitySeconds > 0 && j.timings.sanityShare < 1);
    assert.deepEqual(Object.keys(j.oos[0]), [
      "date",
      "prediction",
      "position",
      "ret",
    ]);
    const conn = await openDb(db);
    try {
      const [run] = await conn.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM oos WHERE run_id = $id",
        { id: j.runId },
      );
      assert.equal(run.n, 4599);
    } finally {
      await conn.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("walkforward clamps an end date past the data with a note, reruns bit-identically and prints a table", async () => {
  const { dir, db } = await tempStore();
  try {
    const args = [
      "--symbol",
      "SP500",
      "--start-date",
      "2014-01-01",
      "--end-date",
      "2030-01-01",
      "--db",
      db,
    ];
    const r = await capture(walkforward, [...args, "--json", "--controls"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /--end-date 2030-01-01 is after the last bar of SP500; clamped to 2020-04-17/,
    );
    const j = JSON.parse(r.stdout);
    assert.equal(j.runId, j.manifest.runId);
    assert.match(j.runId, /^walkforward-\d{8}T\d{9}-[0-9a-f]{8}$/);
    assert.equal(j.oos.length, j.folds.length * 63);
    assert.ok(j.oos[0].date >= "2014-01-01");
    assert.equal(j.manifest.config.endDate, "2020-04-17");
    assert.equal(j.manifest.config.perfMode, "STRICT", "STRICT by default");
    assert.deepEqual(j.manifest.config.dataSanity, {
      mode: "STRICT",
      rows: 1584,
      repairs: [],
      allowed: [],
    });
    assert.ok(Array.isArray(j.controls.runs));
    const again = JSON.parse(
      (await capture(walkforward, [...args, "--json", "--controls"])).stdout,
    );
    assert.deepEqual(again.oos, j.oos);
    assert.deepEqual(again.metrics, j.metrics);
    assert.equal(again.runId.slice(-8), j.runId.slice(-8));
    const text = await capture(walkforward, args);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Walk-forward SP500 {2}run walkforward-/);
    assert.match(
      text.stdout,
      /timings: total [\d.]+ s; sanity STRICT [\d.]+ s \([\d.]+% of the total\)/,
    );
    assert.match(text.stdout, /^Data sanity: STRICT, 0 repairs$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("walkforward says how many bars one fold needs when the range is too short", async () => {
  const r = await capture(walkforward, [
    "--symbol",
    "SP500",
    "--start-date",
    "2019-06-01",
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 1);
  const n =
    (await readSampleBars("SP500")).dates.filter((d) => d >= "2019-06-01")
      .length;
  // 199 warm-up bars for SMA200 + 252 train + 63 test + 1 bar for the last label
  assert.match(
    r.stderr,
    new RegExp(
      `Too little data for one fold of SP500: need 515 bars .*got ${n}`,
    ),
  );
  assert.equal(r.stdout, "");
});

Deno.test("walkforward rejects bad or unknown flags naming them (exit 2)", async () => {
  const bad = await capture(walkforward, [
    "--symbol",
    "SP500",
    "--train-len",
    "abc",
  ]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /flag --train-len: expected a whole number at least 2, got "abc"/,
  );
  const unknown = await capture(walkforward, [
    "--symbol",
    "SP500",
    "--trian-len",
    "5",
  ]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown flag --trian-len/);
  const mode = await capture(walkforward, [
    "--symbol",
    "SP500",
    "--perf-mode",
    "LOOSE",
  ]);
  assert.equal(mode.code, 2);
  assert.match(mode.stderr, /flag --perf-mode: expected one of|perf-mode/);
  const none = await capture(walkforward, []);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /flag --symbol\b/);
});

Deno.test("multi-symbol --json compares every requested symbol; AAPL's 5 years give 12 folds", async () => {
  const { dir, db } = await tempStore();
  try {
    const r = await capture(multiSymbol, [
      "--symbols",
      "SP500,AAPL",
      "--start-date",
      "2013-01-01",
      "--db",
      db,
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.symbols.map((s: { symbol: string }) => s.symbol), [
      "SP500",
      "AAPL",
    ]);
    // AAPL 2013-05-13..2018-05-11: (bars - 199 - 1 - 252) / 63 folds, rounded down
    const aapl = (await readSampleBars("AAPL")).dates.length;
    assert.equal(j.symbols[1].folds, Math.floor((aapl - 199 - 1 - 252) / 63));
    assert.equal(j.symbols[1].folds, 12);
    assert.deepEqual(j.errors, []);
    const text = await capture(multiSymbol, ["--db", db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /symbol\s+sharpe\s+return\s+maxDD\s+hit\s+win\s+folds\nAAPL/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("walkforward STRICT fails on a bar whose close is above its high; RELAXED widens the bar and runs", async () => {
  const { dir, db } = await tempStore();
  try {
    const conn = await openDb(db);
    try {
      const [b] = generateSynthetic({ symbols: ["SYN"], days: 800, seed: 3 });
      const high = b.high.slice();
      high[600] = b.close[600] * 0.999;
      await upsertBars(conn, [{ ...b, high }], { source: "test" });
    } finally {
      await conn.close();
    }
    const strict = await capture(walkforward, [
      "--symbol",
      "SYN",
      "--perf-mode",
      "STRICT",
      "--db",
      db,
    ]);
    assert.equal(strict.code, 1);
    assert.match(
      strict.stderr,
      /DataSanity STRICT found 1 violation in 800 rows:\n- open_close_outside_range SYN: 1 \(e\.g\. 2012-04-23\)/,
    );
    const relaxed = await capture(walkforward, [
      "--symbol",
      "SYN",
      "--perf-mode",
      "RELAXED",
      "--db",
      db,
      "--json",
    ]);
    assert.equal(relaxed.code, 0, relaxed.stderr);
    const j = JSON.parse(relaxed.stdout);
    assert.equal(j.sanity.mode, "RELAXED");
    assert.deepEqual(j.sanity.repairs, [{
      rule: "open_close_outside_range",
      symbol: "SYN",
      count: 1,
      dates: ["2012-04-23"],
      action: "widened high/low to open and close",
    }]);
    assert.deepEqual(j.sanity.allowed, []);
    assert.deepEqual(j.manifest.config.dataSanity.repairs, j.sanity.repairs);
    // 800 bars - 199 warm-up - 1 label = 600 rows: (600 - 252) / 63 = 5 folds
    assert.equal(j.folds.length, 5);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
