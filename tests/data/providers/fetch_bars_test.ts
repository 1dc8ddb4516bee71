/**
 * `fetchBars()` as a library call (what the weekly cycle uses): both engines, no cache,
 * DataSanity through the validate hook, and the split rule fed by the provider's actions.
 */
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { fetchBars, loadBars, openDb } from "../../../lib/data/mod.ts";
import { sanityHook } from "../../../lib/sanity/mod.ts";
import { fakeMarket, startFakeProviders } from "./_fake_providers.ts";
import { KEY_ID, recordingRetry, SECRET } from "./_helpers.ts";

const env = { APCA_API_KEY_ID: KEY_ID, APCA_API_SECRET_KEY: SECRET };
const M = fakeMarket();
const DATES = M.ACME.bars.map((b) => b.date);

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`[${engine}] fetchBars(): a fetch and an update without a cache, returning per-symbol results`, async () => {
    const fake = startFakeProviders(undefined, {
      keyId: KEY_ID,
      secret: SECRET,
    });
    const db = await openDb({ engine, path: ":memory:" });
    const probe = await Deno.makeTempDir();
    const tmpRoot = dirname(probe);
    await Deno.remove(probe);
    const temps = async () => {
      let n = 0;
      for await (const e of Deno.readDir(tmpRoot)) {
        if (e.name.startsWith("tradelab-fetch-")) n++;
      }
      return n;
    };
    const tempsBefore = await temps();
    try {
      const opts = {
        provider: "alpaca" as const,
        baseUrl: fake.baseUrl,
        to: "2024-02-29",
        env,
        today: "2024-03-01",
        validate: sanityHook({ mode: "strict", now: "2024-03-01" }),
        retry: recordingRetry().retry,
      };
      fake.availableUntil(DATES[9]);
      const first = await fetchBars(db, ["ACME", "BETA"], {
        ...opts,
        from: "2024-01-01",
      });
      assert.equal(first.ok, true);
      assert.deepEqual(first.results.map((r) => [r.symbol, r.status, r.rows]), [
        ["ACME", "stored", 10],
        ["BETA", "stored", 10],
      ]);
      fake.availableUntil(undefined);
      const upd = await fetchBars(db, ["ACME", "BETA"], {
        ...opts,
        update: true,
      });
      assert.deepEqual(
        upd.results.map((
          r,
        ) => [r.symbol, r.status, r.from, r.rows, r.first, r.last, r.actions]),
        [
          ["ACME", "stored", DATES[5], 20, DATES[10], DATES[29], 2],
          ["BETA", "stored", DATES[5], 20, DATES[10], DATES[29], 0],
        ],
      );
      const acme = await loadBars(db, "ACME", { adjusted: false });
      assert.deepEqual(acme.dates, DATES);
      assert.deepEqual([...acme.close], M.ACME.bars.map((b) => b.close));
      const again = await fetchBars(db, ["ACME"], { ...opts, update: true });
      assert.deepEqual(again.results.map((r) => [r.status, r.rows]), [[
        "up-to-date",
        0,
      ]]);
      assert.equal(
        await temps(),
        tempsBefore,
        "the temporary CSV directories are removed",
      );
    } finally {
      await db.close();
      await fake.close();
    }
  });
}

for (const provider of ["yahoo", "alpaca"] as const) {
  Deno.test(`fetchBars() --provider ${provider}: a split the provider does not report fails DataSanity STRICT (unadjusted_split), nothing stored`, async () => {
    const market = fakeMarket();
    market.ACME.splits = [];
    const fake = startFakeProviders(market, { keyId: KEY_ID, secret: SECRET });
    const db = await openDb({ path: ":memory:" });
    try {
      const r = await fetchBars(db, ["ACME"], {
        provider,
        baseUrl: fake.baseUrl,
        from: "2024-01-01",
        to: "2024-02-29",
        env,
        today: "2024-03-01",
        validate: sanityHook({ mode: "strict", now: "2024-03-01" }),
      });
      assert.equal(r.ok, false);
      const [res] = r.results;
      assert.equal(res.errorKind, "invalid_data");
      assert.match(
        res.error!,
        new RegExp(
          `^Cannot fetch ACME from ${provider}: DataSanity STRICT found 1 violation in 30 rows:\\n.*unadjusted_split.*ACME.*${
            DATES[12]
          }`,
          "s",
        ),
      );
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT (SELECT count(*) FROM bars) + (SELECT count(*) FROM ingests) + (SELECT count(*) FROM corporate_actions) AS n",
      );
      assert.equal(n, 0);
    } finally {
      await db.close();
      await fake.close();
    }
  });
}

Deno.test("fetchBars() --update: new bars are checked together with the stored bars before them (a 10x level shift at the boundary fails STRICT)", async () => {
  const market = fakeMarket();
  const fake = startFakeProviders(market, { keyId: KEY_ID, secret: SECRET });
  const db = await openDb({ path: ":memory:" });
  try {
    const opts = {
      provider: "alpaca" as const,
      baseUrl: fake.baseUrl,
      from: "2024-01-01",
      to: "2024-02-29",
      env,
      today: "2024-03-01",
      validate: sanityHook({ mode: "strict", now: "2024-03-01" }),
    };
    fake.availableUntil(DATES[9]);
    assert.equal((await fetchBars(db, ["BETA"], opts)).ok, true);
    fake.availableUntil(undefined);
    // every new bar at 10x: no jump inside the new bars, one at the boundary
    for (const b of market.BETA.bars.slice(10)) {
      for (const k of ["open", "high", "low", "close"] as const) {
        fake.revise("BETA", b.date, k, b[k] * 10);
      }
    }
    const before = await db.query("SELECT * FROM bars ORDER BY ts");
    const r = await fetchBars(db, ["BETA"], { ...opts, update: true });
    assert.equal(r.ok, false);
    assert.match(
      r.results[0].error!,
      new RegExp(
        `^Cannot fetch BETA from alpaca: DataSanity STRICT .*merged with the \\d+ stored rows.*${
          DATES[10]
        }`,
        "s",
      ),
    );
    assert.deepEqual(await db.query("SELECT * FROM bars ORDER BY ts"), before);
  } finally {
    await db.close();
    await fake.close();
  }
});
