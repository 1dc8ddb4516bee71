/**
 * Corporate actions (writer, reader) and back-adjustment: a pandas golden, hand-computed
 * values, properties, and `loadBars` adjusting from the stored actions on both engines.
 */
import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import {
  adjustmentFactors,
  backAdjustBars,
  type CorporateAction,
  type DbEngine,
  loadBars,
  loadCorporateActions,
  openDb,
  upsertBars,
  upsertCorporateActions,
} from "../../lib/data/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/back_adjust.json", import.meta.url),
  ),
) as {
  dates: string[];
  close: number[];
  events: Omit<CorporateAction, "symbol">[];
  price: number[];
  volume: number[];
};

const close = new Float64Array(golden.close);

function near(a: ArrayLike<number>, b: ArrayLike<number>, rel = 1e-14): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(
      Math.abs(a[i] - b[i]) <= rel * Math.abs(b[i]),
      `index ${i}: ${a[i]} vs ${b[i]}`,
    );
  }
}

Deno.test("adjustmentFactors() matches the pandas golden (splits, a reverse split, dividends on and off bar days)", () => {
  const f = adjustmentFactors(golden.dates, close, golden.events);
  near(f.price, golden.price);
  near(f.volume, golden.volume);
});

Deno.test("adjustmentFactors() by hand: 2:1 split then a 1.0 dividend on a close of 50", () => {
  const f = adjustmentFactors(
    ["2024-01-02", "2024-01-03", "2024-01-04"],
    new Float64Array([100, 50, 49]),
    [
      { exDate: "2024-01-04", kind: "dividend", value: 1 },
      { exDate: "2024-01-03", kind: "split", value: 2 },
    ],
  );
  assert.deepEqual([...f.price], [0.5 * 0.98, 0.98, 1]);
  assert.deepEqual([...f.volume], [2, 1, 1]);
});

Deno.test("adjustmentFactors(): empty, no events, events outside the dates", () => {
  assert.deepEqual(adjustmentFactors([], new Float64Array(), golden.events), {
    price: new Float64Array(),
    volume: new Float64Array(),
  });
  const one = adjustmentFactors(["2024-01-02"], new Float64Array([10]), [
    { exDate: "2024-01-02", kind: "split", value: 4 },
  ]);
  assert.deepEqual([...one.price], [1]);
});

Deno.test("back-adjusted returns at t do not change when bars and events after t are added", () => {
  const k = 30;
  const head = golden.dates.slice(0, k);
  const early = golden.events.filter((e) => e.exDate <= head[k - 1]);
  const a = adjustmentFactors(head, close.slice(0, k), early).price;
  const b = adjustmentFactors(golden.dates, close, golden.events).price;
  for (let t = 1; t < k; t++) {
    const ra = (close[t] * a[t]) / (close[t - 1] * a[t - 1]);
    const rb = (close[t] * b[t]) / (close[t - 1] * b[t - 1]);
    assert.ok(Math.abs(ra - rb) < 1e-14, `return at ${head[t]}`);
  }
});

Deno.test("backAdjustBars() does not mutate its input; a dividend above the close is a RangeError naming the day", () => {
  const px = new Float64Array(close);
  const bars: Bars = {
    symbol: "X",
    dates: golden.dates,
    open: px,
    high: px,
    low: px,
    close: px,
    volume: new Float64Array(px.length).fill(100),
  };
  const out = backAdjustBars(bars, golden.events);
  assert.deepEqual([...px], golden.close);
  near(out.close, golden.close.map((c, i) => c * golden.price[i]));
  assert.throws(
    () =>
      adjustmentFactors(golden.dates, close, [
        { exDate: golden.dates[3], kind: "dividend", value: 1000 },
      ]),
    new RegExp(
      `^RangeError: Cannot adjust for the dividend of ${
        golden.dates[3]
      }: expected it below the previous close, got dividend 1000 and close`,
    ),
  );
});

async function withEngine(
  engine: "native" | "wasm",
  fn: (db: DbEngine) => Promise<void>,
): Promise<void> {
  const db = await openDb({ engine, path: ":memory:" });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

for (const engine of ["native", "wasm"] as const) {
  const withDb = (fn: (db: DbEngine) => Promise<void>) =>
    withEngine(engine, fn);

  Deno.test(`[${engine}] corporate actions: upsert is idempotent, replaces a value, reads back in order`, () =>
    withDb(async (db) => {
      const a: CorporateAction[] = [
        { symbol: "X", exDate: "2024-03-01", kind: "dividend", value: 0.5 },
        { symbol: "X", exDate: "2024-01-02", kind: "split", value: 4 },
        { symbol: "Y", exDate: "2024-01-02", kind: "split", value: 2 },
      ];
      assert.equal(await upsertCorporateActions(db, a, { source: "s1" }), 3);
      await upsertCorporateActions(db, a, { source: "s1" });
      await upsertCorporateActions(db, [{ ...a[0], value: 0.55 }], {
        source: "s2",
      });
      assert.deepEqual(await loadCorporateActions(db, "X"), [
        {
          symbol: "X",
          exDate: "2024-01-02",
          kind: "split",
          value: 4,
          source: "s1",
        },
        {
          symbol: "X",
          exDate: "2024-03-01",
          kind: "dividend",
          value: 0.55,
          source: "s2",
        },
      ]);
      assert.deepEqual(await loadCorporateActions(db, "Z"), []);
    }));

  Deno.test(`[${engine}] corporate actions: a bad action is rejected naming it, nothing is written`, () =>
    withDb(async (db) => {
      const good = {
        symbol: "X",
        exDate: "2024-01-02",
        kind: "split" as const,
        value: 2,
      };
      for (
        const [bad, says] of [
          [
            { ...good, exDate: "2024-13-01" },
            /exDate: expected a date YYYY-MM-DD, got "2024-13-01"/,
          ],
          [{ ...good, value: 0 }, /value: expected a finite number > 0, got 0/],
          [
            { ...good, value: NaN },
            /value: expected a finite number > 0, got NaN/,
          ],
          [
            { ...good, kind: "merger" },
            /kind: expected "split" or "dividend", got "merger"/,
          ],
        ] as const
      ) {
        await assert.rejects(
          upsertCorporateActions(db, [good, bad as CorporateAction], {
            source: "t",
          }),
          says,
        );
      }
      assert.deepEqual(await loadCorporateActions(db, "X"), []);
    }));

  Deno.test(`[${engine}] loadBars() back-adjusts from the stored actions; adjusted: false is as traded`, () =>
    withDb(async (db) => {
      const px = new Float64Array(golden.close);
      const vol = new Float64Array(px.length).fill(1000);
      await upsertBars(db, [{
        symbol: "X",
        dates: golden.dates,
        open: px,
        high: px,
        low: px,
        close: px,
        volume: vol,
      }], { source: "t" });
      await upsertCorporateActions(
        db,
        golden.events.map((e) => ({ ...e, symbol: "X" })),
        { source: "t" },
      );
      const adj = await loadBars(db, "X");
      near(adj.close, golden.close.map((c, i) => c * golden.price[i]));
      near(adj.open, adj.close);
      near(adj.volume, golden.volume.map((v) => v * 1000));
      const raw = await loadBars(db, "X", { adjusted: false });
      assert.deepEqual([...raw.close], golden.close);
      // a range: the dividend's previous close comes from the store, not the range
      const part = await loadBars(db, "X", {
        start: golden.dates[20],
        end: golden.dates[25],
      });
      near(
        part.close,
        golden.close.slice(20, 26).map((c, i) => c * golden.price[20 + i]),
      );
    }));
}
