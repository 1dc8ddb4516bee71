/**
 * The panel reader streams a universe of more symbols than one query takes (256) in
 * the order given, each symbol's bars equal to `loadBars` bit for bit (corporate actions
 * in both query groups included), on both engines; unknown symbols are named at once.
 */
import assert from "node:assert/strict";
import { panelBars } from "../../lib/_shared/panel.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import {
  generateSynthetic,
  loadBars,
  openDb,
  streamPanels,
  upsertBars,
  upsertCorporateActions,
} from "../../lib/data/mod.ts";

const N = 300;
const names = Array.from(
  { length: N },
  (_, i) => `S${String(i).padStart(3, "0")}`,
);

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`streamPanels() over ${N} symbols (two query groups) equals loadBars on each [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const bars = generateSynthetic({
        symbols: names,
        days: 12,
        seed: 5,
        start: "2021-01-04",
      }).map((b, i) => i % 7 === 0 ? { ...b, dates: b.dates.slice(i % 5) } : b)
        .map((b) => ({
          ...b,
          open: b.open.slice(-b.dates.length),
          high: b.high.slice(-b.dates.length),
          low: b.low.slice(-b.dates.length),
          close: b.close.slice(-b.dates.length),
          volume: b.volume.slice(-b.dates.length),
        }));
      await upsertBars(db, bars, { source: "t" });
      await upsertCorporateActions(db, [
        { symbol: "S003", exDate: bars[3].dates[5], kind: "split", value: 2 },
        { symbol: "S280", exDate: bars[280].dates[4], kind: "split", value: 4 },
        {
          symbol: "S290",
          exDate: bars[290].dates[6],
          kind: "dividend",
          value: 0.5,
        },
      ], { source: "t" });
      // reversed, so each query's symbols are not in the store's order
      const order = [...names].reverse();
      const got: Bars[] = []; // no other statement while the stream runs
      for await (const p of streamPanels(db, order, { batch: 40 })) {
        for (let i = 0; i < p.symbols.length; i++) got.push(panelBars(p, i));
      }
      const seen = got.map((b) => b.symbol);
      for (const b of got) assert.deepEqual(b, await loadBars(db, b.symbol));
      assert.deepEqual(seen, order);
      const adjusted = await loadBars(db, "S280");
      assert.notDeepEqual(adjusted.close, bars[280].close); // the split applies
      await assert.rejects(
        async () => {
          for await (
            const _ of streamPanels(db, ["S001", "NOPE", "S299", "ZZZ"])
          ) {
            // nothing is yielded
          }
        },
        /Unknown symbols "NOPE", "ZZZ"/,
      );
    } finally {
      await db.close();
    }
  });
}
