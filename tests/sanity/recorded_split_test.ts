/**
 * The split rule with corporate actions: a jump on the ex-date of a split recorded in
 * `corporate_actions` with the jump's ratio is a real split (passes STRICT, no
 * extreme_move either); the same jump without a recorded split, on another date or with
 * another ratio is flagged.
 */
import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import type { DbEngine, EngineKind } from "../../lib/data/mod.ts";
import { openDb, upsertCorporateActions } from "../../lib/data/mod.ts";
import { stageBars } from "../../lib/sanity/_stage_bars.ts";
import { DataSanityError, validateTable } from "../../lib/sanity/mod.ts";
import { bothEngines, NOW, sample } from "./_helpers.ts";

/** AAPL with every bar before `day` times `ratio` (as traded before a ratio:1 split on `day`). */
function unsplit(b: Bars, day: string, ratio: number): Bars {
  const k = b.dates.indexOf(day);
  assert.ok(k > 0, day);
  const scale = (a: Float64Array) => a.map((v, i) => (i < k ? v * ratio : v));
  return {
    ...b,
    open: scale(b.open),
    high: scale(b.high),
    low: scale(b.low),
    close: scale(b.close),
    volume: b.volume.map((v, i) => (i < k ? v / ratio : v)),
  };
}

const DAY = "2016-06-01";

/** Violations of `bars` under STRICT with `recorded` splits of AAPL in the store. */
async function check(
  db: DbEngine,
  bars: Bars,
  recorded: { exDate: string; value: number }[] | "no table",
): Promise<{ rule: string; dates: string[] }[]> {
  await db.exec("DROP TABLE IF EXISTS corporate_actions");
  await db.exec("DROP TABLE IF EXISTS t");
  if (recorded !== "no table") {
    await upsertCorporateActions(
      db,
      recorded.map((r) => ({ symbol: "AAPL", kind: "split" as const, ...r })),
      { source: "test" },
    );
  }
  await stageBars(db, "t", [bars]);
  try {
    await validateTable(db, "t", { mode: "strict", now: NOW });
    return [];
  } catch (e) {
    if (!(e instanceof DataSanityError)) throw e;
    return e.report.violations.map((v) => ({
      rule: v.rule,
      dates: [...v.dates],
    }));
  }
}

async function withDb(
  engine: EngineKind,
  fn: (db: DbEngine) => Promise<void>,
): Promise<void> {
  const db = await openDb({ engine, path: ":memory:" });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

bothEngines(
  "a recorded 4:1 split passes STRICT; the same jump unrecorded is flagged",
  (engine) =>
    withDb(engine, async (db) => {
      const bars = unsplit(await sample("AAPL"), DAY, 4);
      const flagged = [{ rule: "unadjusted_split", dates: [DAY] }];
      assert.deepEqual(await check(db, bars, "no table"), flagged);
      assert.deepEqual(await check(db, bars, []), flagged);
      assert.deepEqual(await check(db, bars, [{ exDate: DAY, value: 4 }]), []);
      // a split recorded with another ratio, or on another day, does not explain the jump
      assert.deepEqual(
        await check(db, bars, [{ exDate: DAY, value: 2 }]),
        flagged,
      );
      assert.deepEqual(
        await check(db, bars, [{ exDate: "2016-06-02", value: 4 }]),
        flagged,
      );
    }),
);

bothEngines(
  "a recorded split of a ratio the rule does not guess (6:1, 1:15) passes; unrecorded it is an extreme move",
  (engine) =>
    withDb(engine, async (db) => {
      for (const ratio of [6, 1 / 15]) {
        const bars = unsplit(await sample("AAPL"), DAY, ratio);
        assert.deepEqual(
          await check(db, bars, [{ exDate: DAY, value: ratio }]),
          [],
        );
        assert.deepEqual(await check(db, bars, []), [
          { rule: "extreme_move", dates: [DAY] },
        ]);
      }
    }),
);
