import assert from "node:assert/strict";
import { main } from "../../lib/cli/stress.ts";
import { openDb, readSampleBars } from "../../lib/data/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

interface Row {
  name: string;
  start: string;
  end: string;
  days: number;
  pnl: number;
  maxDrawdown: number;
}

Deno.test("stress --json replays the COVID crash on SP500 with the sample's own figures and stores stress_results", async () => {
  const { dir, db } = await tempStore();
  try {
    const r = await capture(main, ["--symbols", "SP500", "--db", db, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    const covid: Row = o.results.find((x: Row) => x.name === "covid-crash");
    // independent: the path earns every close-to-close return from 2020-02-19 to 2020-03-23
    const sp = await readSampleBars("SP500");
    const a = sp.dates.indexOf("2020-02-19"),
      b = sp.dates.indexOf("2020-03-23");
    assert.equal(covid.start, "2020-02-19");
    assert.equal(covid.end, "2020-03-23");
    assert.equal(covid.days, b - a + 1);
    const pnl = sp.close[b] / sp.close[a - 1] - 1;
    assert.ok(Math.abs(covid.pnl - pnl) < 1e-12, `${covid.pnl} vs ${pnl}`);
    let peak = sp.close[a - 1], dd = 0;
    for (let t = a; t <= b; t++) {
      peak = Math.max(peak, sp.close[t]);
      dd = Math.max(dd, 1 - sp.close[t] / peak);
    }
    assert.ok(Math.abs(covid.maxDrawdown - dd) < 1e-12);
    const conn = await openDb(db);
    try {
      const rows = await conn.query<{ n: number; pnl: number }>(
        "SELECT count(*) AS n, max(pnl) FILTER (WHERE scenario = 'covid-crash') AS pnl FROM stress_results WHERE run_id = $id",
        { id: o.runId },
      );
      assert.equal(Number(rows[0].n), o.results.length);
      assert.equal(rows[0].pnl, covid.pnl);
    } finally {
      await conn.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("stress prints a table by default", async () => {
  const r = await capture(main, [
    "--symbols",
    "SP500,AAPL",
    "--weights",
    "0.5,0.5",
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^scenario\s+start\s+end\s+days\s+P&L/m);
  // SP500 and AAPL overlap 2013-05-13..2018-05-11: the GFC window has no common data
  assert.match(
    r.stdout,
    /^gfc\s+skipped: no data between 2007-10-01 and 2009-03-31/m,
  );
  assert.match(r.stdout, /stored \d+ rows in stress_results/);
});

Deno.test("stress exits 2 naming the bad flag", async () => {
  const c = await capture(main, ["--confidence", "1.5", "--db", ":memory:"]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /flag --confidence\b/);
  const t = await capture(main, ["--confidence", "high", "--db", ":memory:"]);
  assert.equal(t.code, 2);
  assert.match(t.stderr, /flag --confidence: expected a number/);
  const w = await capture(main, [
    "--symbols",
    "SP500,AAPL",
    "--weights",
    "1",
    "--db",
    ":memory:",
  ]);
  assert.equal(w.code, 2);
  assert.match(
    w.stderr,
    /flag --weights: expected 2 numbers \(one per symbol\)/,
  );
  const u = await capture(main, ["--symbol", "SP500"]);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /Unknown flag --symbol/);
  const m = await capture(main, ["--var-method", "magic", "--db", ":memory:"]);
  assert.equal(m.code, 2);
  assert.match(m.stderr, /var-method/);
});

Deno.test("stress says why when the symbols share no dates", async () => {
  const r = await capture(main, ["--symbols", "NOPE", "--db", ":memory:"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /NOPE/);
});
