import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import {
  completeWalkForwardConfig,
  w1Config,
} from "../../lib/walkforward/mod.ts";
import { runWalkForwardJob } from "../../lib/jobs/mod.ts";
import { loadRun } from "../../lib/store/mod.ts";
import {
  formatWalkForward,
  walkForwardJson,
} from "../../lib/cli/_walkforward_text.ts";
import { clampRange, openDb, readSampleBars } from "../../lib/data/mod.ts";

const config = completeWalkForwardConfig(w1Config);

const aapl = await readSampleBars("AAPL");
let tick = 0;
const deps = (check?: (b: Bars) => Bars) => ({
  loadBars: (s: string) => {
    if (s !== "AAPL") throw new RangeError(`No bars for ${s}`);
    return Promise.resolve(aapl);
  },
  checkBars: (b: Bars) => ({ bars: check ? check(b) : b, sanity: null }),
  now: () => tick++,
  isoNow: () => "2026-03-04T05:06:07.000Z",
  codeVersion: "0.1.0+test",
});

Deno.test("runWalkForwardJob() clamps the range, stores the run and reruns bit-identically", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const req = {
      symbol: "AAPL",
      startDate: "2010-01-01",
      endDate: "2030-01-01",
      sanity: { mode: "relaxed" as const },
      controls: false,
      config,
    };
    const a = await runWalkForwardJob(db, req, { deps: deps() });
    assert.equal(a.notes.length, 2);
    assert.match(
      a.notes[1],
      /--end-date 2030-01-01 is after the last bar of AAPL; clamped to 2018-05-11/,
    );
    const b = await runWalkForwardJob(db, req, { deps: deps() });
    assert.equal(a.manifest.runId, b.manifest.runId);
    assert.equal(a.manifest.dataHash, b.manifest.dataHash);
    assert.deepEqual(a.result.oos, b.result.oos);
    assert.deepEqual(a.result.metrics, b.result.metrics);
    const stored = await loadRun(db, a.manifest.runId);
    assert.deepEqual(stored.oos.returns, a.result.oos.returns);
    assert.equal(stored.manifest.config.perfMode, "RELAXED");
    assert.equal(stored.manifest.codeVersion, "0.1.0+test");
  } finally {
    await db.close();
  }
});

Deno.test("runWalkForwardJob() runs the controls on request and the JSON has one entry per OOS day", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const job = await runWalkForwardJob(db, {
      symbol: "AAPL",
      sanity: { mode: "strict" },
      config,
      controls: true,
    }, { deps: deps() });
    const j = JSON.parse(JSON.stringify(walkForwardJson(job)));
    assert.equal(j.runId, job.manifest.runId);
    assert.equal(j.oos.length, job.result.oos.dates.length);
    assert.deepEqual(Object.keys(j.oos[0]), [
      "date",
      "prediction",
      "position",
      "ret",
    ]);
    assert.equal(j.folds.length, 12);
    assert.equal(typeof j.metrics.sharpe, "number");
    assert.ok(Array.isArray(j.controls.runs));
    const text = formatWalkForward(job);
    assert.match(text, /overall: 12 folds, 756 OOS days/);
    assert.match(text, /controls/);
  } finally {
    await db.close();
  }
});

Deno.test("runWalkForwardJob() stores nothing when the sanity check or the data length fails", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    await assert.rejects(
      () =>
        runWalkForwardJob(
          db,
          {
            symbol: "AAPL",
            sanity: { mode: "strict" },
            config,
            controls: false,
          },
          {
            deps: deps(() => {
              throw new Error("DataSanity STRICT failed");
            }),
          },
        ),
      /DataSanity/,
    );
    await assert.rejects(
      () =>
        runWalkForwardJob(db, {
          symbol: "AAPL",
          endDate: "2014-12-31",
          sanity: { mode: "relaxed" },
          controls: false,
          config,
        }, { deps: deps() }),
      /need 515 bars .* got \d+/,
    );
    const n = await db.query("SELECT count(*) AS n FROM runs").catch(
      () => [{ n: 0 }],
    );
    assert.equal(n[0].n, 0);
  } finally {
    await db.close();
  }
});

Deno.test("clampRange() rejects a range with no bars and keeps an inner range untouched", () => {
  assert.throws(
    () => clampRange(aapl, "2030-01-01"),
    /No bars of AAPL between 2030-01-01 and 2018-05-11: the data covers 2013-05-13..2018-05-11/,
  );
  const r = clampRange(aapl, "2014-01-01", "2014-12-31");
  assert.deepEqual(r.notes, []);
  assert.equal(r.bars.dates[0], "2014-01-02");
  assert.equal(clampRange(aapl).bars, aapl);
});
