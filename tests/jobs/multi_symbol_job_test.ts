import assert from "node:assert/strict";
import { hashColumns } from "../../lib/_shared/hash.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import {
  type DbEngine,
  type EngineKind,
  generateSynthetic,
  openDb,
  upsertBars,
} from "../../lib/data/mod.ts";
import {
  type MultiSymbolJobResult,
  runMultiSymbolJob,
  runWalkForwardJob,
  type SanityPolicy,
  type WalkForwardJobResult,
} from "../../lib/jobs/mod.ts";
import { loadSymbolRun, loadUniverseRows } from "../../lib/store/mod.ts";
import {
  completeWalkForwardConfig,
  w1Config,
} from "../../lib/walkforward/mod.ts";

const config = completeWalkForwardConfig(w1Config);
const deps = {
  now: () => 0,
  isoNow: () => "2026-03-04T05:06:07.000Z",
  codeVersion: "0.1.0+test",
};

/** A small universe with one of every case a universe run meets. */
function universe(): Bars[] {
  const bars = generateSynthetic({
    symbols: ["AAA", "BBB", "CCC", "DDD", "EEE"],
    days: 800,
    seed: 11,
    start: "2003-01-01",
    fatTails: false,
    gapProbability: 0,
  });
  // FFF: a 60% one-day jump, which STRICT rejects (extreme_move, not repairable)
  const f = generateSynthetic({
    symbols: ["FFF"],
    days: 800,
    seed: 12,
    start: "2003-01-01",
    fatTails: false,
    gapProbability: 0,
  })[0];
  const close = f.close.slice(), high = f.high.slice();
  for (let t = 400; t < close.length; t++) close[t] *= 1.6;
  for (let t = 400; t < close.length; t++) high[t] *= 1.6;
  // GGG: one bar opening above its high, which RELAXED repairs (high widened)
  const g = generateSynthetic({
    symbols: ["GGG"],
    days: 800,
    seed: 13,
    start: "2003-01-01",
    fatTails: false,
    gapProbability: 0,
  })[0];
  const open = g.open.slice();
  open[300] = g.high[300] * 1.01;
  // HHH: too little data for one fold
  const h = generateSynthetic({
    symbols: ["HHH"],
    days: 300,
    seed: 14,
    start: "2003-01-01",
  })[0];
  return [
    ...bars,
    {
      ...f,
      close,
      high,
      open: f.open.map((o, t) => (t >= 400 ? o * 1.6 : o)),
      low: f.low.map((l, t) => (t >= 400 ? l * 1.6 : l)),
    },
    { ...g, open },
    h,
  ];
}

async function store(engine: EngineKind): Promise<DbEngine> {
  const db = await openDb({ engine, path: ":memory:" });
  await upsertBars(db, universe(), { source: "test" });
  return db;
}

const SYMBOLS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"];

async function single(
  db: DbEngine,
  symbol: string,
  sanity: SanityPolicy,
): Promise<WalkForwardJobResult | Error> {
  try {
    return await runWalkForwardJob(db, {
      symbol,
      sanity,
      config,
      controls: false,
    });
  } catch (e) {
    return e as Error;
  }
}

function universeRun(
  db: DbEngine,
  sanity: SanityPolicy,
  workers: number,
): Promise<MultiSymbolJobResult> {
  return runMultiSymbolJob(db, {
    symbols: SYMBOLS,
    sanity,
    config,
    controls: false,
  }, { workers, deps });
}

/** RELAXED letting through what no repair fixes: every symbol with enough data runs. */
const ALLOW_ALL: SanityPolicy = { mode: "relaxed", allowUnrepaired: true };

const POLICIES: readonly SanityPolicy[] = [
  { mode: "strict" },
  { mode: "relaxed" },
  ALLOW_ALL,
];

for (const policy of POLICIES) {
  const name = `${policy.mode}${
    policy.allowUnrepaired ? ", unrepaired allowed" : ""
  }`;
  Deno.test(`runMultiSymbolJob() (${name}) equals the single-symbol job on every symbol, for 0, 1 and 2 workers`, async () => {
    const db = await store("native");
    try {
      const runs = [
        await universeRun(db, policy, 0),
        await universeRun(db, policy, 1),
        await universeRun(db, policy, 2),
      ];
      for (const r of runs.slice(1)) {
        assert.equal(r.manifest.runId, runs[0].manifest.runId);
        assert.deepEqual(r.universe, runs[0].universe);
      }
      const r = runs[0];
      assert.equal(r.universe.length, SYMBOLS.length);
      for (const [i, symbol] of SYMBOLS.entries()) {
        const one = await single(db, symbol, policy);
        const row = r.universe[i];
        if (one instanceof Error) {
          assert.equal(row.error, one.message, symbol);
          continue;
        }
        assert.equal(row.error, null, symbol);
        assert.equal(row.dataHash, one.manifest.dataHash, symbol);
        assert.equal(row.sharpe, one.result.metrics.sharpe, symbol);
        const stored = await loadSymbolRun(db, r.manifest.runId, symbol);
        assert.deepEqual(stored.oos.dates, one.result.oos.dates);
        assert.deepEqual(stored.oos.predictions, one.result.oos.predictions);
        assert.deepEqual(stored.oos.positions, one.result.oos.positions);
        assert.deepEqual(stored.oos.returns, one.result.oos.returns);
        assert.deepEqual(stored.oos.equity, one.result.oos.equity);
        assert.deepEqual(
          stored.folds.map((
            f,
          ) => [f.testStart, f.testEnd, f.coefficients, f.intercept, f.sharpe]),
          one.result.folds.map((
            f,
          ) => [
            f.testStartDate,
            f.testEndDate,
            f.coefficients,
            f.intercept,
            f.metrics.sharpe,
          ]),
        );
      }
      // the cases: FFF fails unless its unrepaired violation is allowed, GGG is
      // repaired in RELAXED, HHH never runs
      const err = (s: string) => r.universe[SYMBOLS.indexOf(s)].error ?? "";
      if (policy.mode === "strict") {
        assert.match(
          err("FFF"),
          /DataSanity STRICT found .* extreme_move FFF/s,
        );
        assert.match(err("GGG"), /open_close_outside_range GGG/);
      } else {
        if (policy.allowUnrepaired) {
          assert.equal(err("FFF"), "");
          const fff = r.sanity.find((s) => s.symbol === "FFF");
          assert.deepEqual(fff?.allowed.map((a) => a.rule), ["extreme_move"]);
        } else {
          assert.match(
            err("FFF"),
            /DataSanity RELAXED repaired .* left 1 violation .* extreme_move FFF.*--allow-unrepaired/s,
          );
        }
        assert.equal(err("GGG"), "");
        assert.equal(
          r.sanity.find((s) => s.symbol === "GGG")?.repairs.length,
          1,
        );
      }
      assert.equal(
        r.sanityTotals.failed,
        policy.mode === "strict" ? 2 : policy.allowUnrepaired ? 0 : 1,
      );
      assert.match(err("HHH"), /Too little data for one fold of HHH/);
    } finally {
      await db.close();
    }
  });
}

Deno.test("runMultiSymbolJob() stores ONE run: the hash of the per-symbol hashes, one row per symbol", async () => {
  for (const engine of ["native", "wasm"] as const) {
    const db = await store(engine);
    try {
      const r = await universeRun(db, ALLOW_ALL, 0);
      const ok = r.universe.filter((u) => u.error === null);
      assert.equal(
        r.manifest.dataHash,
        hashColumns(ok.flatMap((u) => [u.symbol, u.dataHash!])),
      );
      const runs = await db.query<{ n: number; kind: string }>(
        "SELECT count(*) AS n, min(kind) AS kind FROM runs",
      );
      assert.deepEqual(runs, [{ n: 1, kind: "multi-symbol" }]);
      const rows = await loadUniverseRows(db, r.manifest.runId);
      assert.deepEqual(rows.map((x) => x.symbol), SYMBOLS);
      assert.deepEqual(
        rows.map((x) => x.dataHash),
        r.universe.map((u) => u.dataHash),
      );
      assert.deepEqual(
        rows.map((x) => x.error),
        r.universe.map((u) => u.error),
      );
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM symbol_oos",
      );
      assert.equal(n, ok.reduce((a, u) => a + u.oosDays, 0), engine);
      // a second run of the same config replaces nothing else and adds one run
      const again = await universeRun(db, ALLOW_ALL, 0);
      assert.equal(again.manifest.dataHash, r.manifest.dataHash);
    } finally {
      await db.close();
    }
  }
});

Deno.test("runMultiSymbolJob() names every unknown symbol at once and stores nothing", async () => {
  const db = await store("native");
  try {
    await assert.rejects(
      runMultiSymbolJob(db, {
        symbols: ["AAA", "NOPE1", "NOPE2"],
        sanity: { mode: "strict" },
        config,
        controls: false,
      }, { workers: 0, deps }),
      /Unknown symbols "NOPE1", "NOPE2": the store has no bars of them/,
    );
    const [{ n }] = await db.query<{ n: number }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'symbol_runs'",
    );
    if (n > 0) {
      assert.deepEqual(
        await db.query("SELECT count(*) AS n FROM symbol_runs"),
        [{ n: 0 }],
      );
    }
  } finally {
    await db.close();
  }
});
