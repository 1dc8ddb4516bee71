/**
 * Ingest validates what is stored, not just the file: each file is checked merged with
 * the stored bars around it, on a real store (an on-disk file for the native engine).
 * Every rejection leaves the store byte-for-byte as it was (a full dump before and
 * after), and each rejected file is shown to be clean on its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type DbEngine,
  type EngineKind,
  ingestFile,
  openDb,
  samplePath,
} from "../../lib/data/mod.ts";
import {
  contextBars,
  DataSanityError,
  sanityHook,
  type SanityReport,
} from "../../lib/sanity/mod.ts";
import { bothEngines, dumpStore, NOW, withStore } from "./_helpers.ts";

const dir = await Deno.makeTempDir({ prefix: "ingest_merge_" });
globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);

const [HEAD, ...SP] = (await Deno.readTextFile(samplePath("SP500"))).trim()
  .split("\n");
const at = (date: string) => SP.findIndex((l) => l.startsWith(date));

/** A CSV with the sample's header and `rows`. */
async function file(name: string, rows: readonly string[]): Promise<string> {
  const p = join(dir, name);
  await Deno.writeTextFile(p, [HEAD, ...rows].join("\n") + "\n");
  return p;
}

/** A sample row with open, high, low, close and adjclose times `k`. */
function scaled(line: string, k: number): string {
  const [d, ...v] = line.split(",");
  return [d, ...v.map((x, j) => (j < 5 ? String(Number(x) * k) : x))].join(",");
}

/** The 50 stored days from 2010-03-01 with prices times `k`. */
async function patch50(name: string, k: number): Promise<string> {
  const i0 = at("2010-03-01");
  return await file(name, SP.slice(i0, i0 + 50).map((l) => scaled(l, k)));
}

const strict = () => sanityHook({ now: NOW });

/** Ingest the whole SP500 sample through STRICT. */
async function storeSample(db: DbEngine): Promise<void> {
  await ingestFile(db, samplePath("SP500"), {
    symbol: "SP500",
    validate: strict(),
  });
}
const relaxed = () => sanityHook({ mode: "relaxed", now: NOW });

/** Ingest `path` into a fresh in-memory store: the file is clean on its own. */
async function cleanAlone(engine: EngineKind, path: string): Promise<void> {
  const db = await openDb({ engine, path: ":memory:" });
  try {
    const r = await ingestFile(db, path, {
      symbol: "SP500",
      validate: strict(),
    });
    assert.equal((r.validation as SanityReport).ok, true);
    assert.equal(r.storedContext, 0);
  } finally {
    await db.close();
  }
}

/** Both modes reject `path` with `re`, and the store is unchanged. */
async function rejected(db: DbEngine, path: string, re: RegExp) {
  const before = await dumpStore(db);
  for (const hook of [strict(), relaxed()]) {
    await assert.rejects(
      () => ingestFile(db, path, { symbol: "SP500", validate: hook }),
      (e: Error) => {
        assert.ok(e instanceof DataSanityError, e.message);
        assert.match(e.message, re);
        return true;
      },
    );
    assert.deepEqual(await dumpStore(db), before);
  }
}

Deno.test("contextBars() is the widest reach of the rules (the split rule by default)", () => {
  assert.equal(contextBars(), 12);
  assert.equal(sanityHook().contextBars, 12);
  assert.equal(contextBars({ splitRevertDays: 1, staleDays: 7 }), 7);
});

bothEngines(
  "ingest: a file patching 50 stored days at 10x the price is rejected with rule, symbol and dates",
  async (engine) => {
    const patch = await patch50("x10.csv", 10);
    await cleanAlone(engine, patch);
    await withStore(engine, dir, "x10", async (db) => {
      await storeSample(db);
      await rejected(
        db,
        patch,
        /found 1 violation in the file's 50 rows merged with the 24 stored rows around them \(SP500\):\n- unadjusted_split SP500: 2 \(e\.g\. 2010-03-01, 2010-05-11\)/,
      );
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM bars WHERE close > 5000",
      );
      assert.equal(n, 0);
    });
  },
);

bothEngines(
  "ingest: a file that opens a gap after the stored series is rejected; the same file is clean alone",
  async (engine) => {
    const stored = await file(
      "to_2009.csv",
      SP.slice(0, at("2010-01-04")),
    );
    const after = await file(
      "from_march.csv",
      SP.slice(at("2010-03-01"), at("2010-07-01")),
    );
    await cleanAlone(engine, after);
    await withStore(engine, dir, "gap", async (db) => {
      await ingestFile(db, stored, { symbol: "SP500", validate: strict() });
      await rejected(
        db,
        after,
        /stored rows around them \(SP500\):\n- gap SP500: 1 \(e\.g\. 2010-03-01\); 41 business days missing/,
      );
    });
  },
);

bothEngines(
  "ingest: a file that extends a stored run of stale bars past staleDays is rejected",
  async (engine) => {
    // Stored: the sample to 2009-12-24, then the same bar with no volume on three more
    // days (4 identical bars, under staleDays = 5). The file adds three more.
    const i = at("2009-12-24");
    const last = SP[i].split(",");
    const same = (d: string) => [d, ...last.slice(1, 6), "0"].join(",");
    const stored = await file("stale_base.csv", [
      ...SP.slice(0, i + 1),
      ...["2009-12-28", "2009-12-29", "2009-12-30"].map(same),
    ]);
    const more = await file(
      "stale_more.csv",
      ["2009-12-31", "2010-01-04", "2010-01-05"].map(same),
    );
    await cleanAlone(engine, more);
    await withStore(engine, dir, "stale", async (db) => {
      const base = await ingestFile(db, stored, {
        symbol: "SP500",
        validate: strict(),
      });
      assert.equal((base.validation as SanityReport).ok, true);
      await rejected(
        db,
        more,
        /- stale_price SP500: 1 \(e\.g\. 2009-12-28\); 7 identical bars/,
      );
    });
  },
);

bothEngines(
  "ingest: a clean patch is accepted and rewrites exactly its own rows",
  async (engine) => {
    const patch = await patch50("fix.csv", 1.001);
    await withStore(engine, dir, "fix", async (db) => {
      await storeSample(db);
      const before = (await dumpStore(db))
        .bars;
      const r = await ingestFile(db, patch, {
        symbol: "SP500",
        validate: strict(),
      });
      assert.deepEqual([r.rows, r.storedContext], [50, 24]);
      const after = (await dumpStore(db))
        .bars;
      assert.equal(after.length, before.length);
      const changed = after.flatMap((row, k) =>
        JSON.stringify(row) === JSON.stringify(before[k]) ? [] : [k]
      );
      const i0 = at("2010-03-01");
      assert.deepEqual(changed, [...Array(50).keys()].map((k) => i0 + k));
      const k = i0 + 7;
      assert.equal(after[k].close, (before[k].close as number) * 1.001);
      assert.equal(after[k].source, patch);
      assert.equal(after[k - 8].source, samplePath("SP500"));
    });
  },
);

bothEngines(
  "ingest RELAXED: a file row dropped by a repair leaves the stored bar of its date; the repairs are listed",
  async (engine) => {
    const i0 = at("2010-03-01");
    const rows = SP.slice(i0, i0 + 10).map((l) => scaled(l, 1.001));
    rows[4] = rows[4].replace(/^([^,]+),([^,]+),/, "$1,,"); // 2010-03-05: no open
    const patch = await file("holes.csv", rows);
    await withStore(engine, dir, "holes", async (db) => {
      await storeSample(db);
      const [kept] = await db.query(
        "SELECT close, source FROM bars WHERE ts = '2010-03-05'",
      );
      const r = await ingestFile(db, patch, {
        symbol: "SP500",
        validate: relaxed(),
      });
      const report = r.validation as SanityReport;
      assert.deepEqual(
        report.repairs.map((x) => [x.rule, x.symbol, x.count, x.dates]),
        [["missing_value", "SP500", 1, ["2010-03-05"]]],
      );
      assert.equal(report.ok, true);
      assert.deepEqual([r.rows, r.storedContext], [9, 25]);
      assert.deepEqual(
        await db.query(
          "SELECT close, source FROM bars WHERE ts = '2010-03-05'",
        ),
        [kept],
      );
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM bars",
      );
      assert.equal(n, SP.length);
    });
  },
);
